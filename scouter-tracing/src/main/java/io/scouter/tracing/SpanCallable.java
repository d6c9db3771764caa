package io.scouter.tracing;

/**
 * Code that runs inside a span and returns a value; used by {@link ScouterTracer#inSpan(String, SpanCallable)} and
 * {@link ScouterSpanBuilder#call(SpanCallable)}, which record an exception that escapes it (status ERROR, one
 * {@code exception} event) and rethrow it unchanged, checked exceptions included.
 *
 * <pre>{@code
 * Prediction p = tracer.inSpan("predict", span -> {
 *   span.setInput(features);
 *   return model.run(features);          // may throw: recorded on the span, then rethrown
 * });
 * }</pre>
 *
 * @param <T> the value returned
 * @param <E> the exception the code may throw ({@link RuntimeException} when it throws no checked one)
 */
@FunctionalInterface
public interface SpanCallable<T, E extends Throwable> {
  /** Runs with {@code span} current (call {@link ActiveSpan#setOutput} to capture the result). */
  T call(ActiveSpan span) throws E;
}
