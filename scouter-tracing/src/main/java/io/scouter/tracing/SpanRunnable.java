package io.scouter.tracing;

/**
 * Code that runs inside a span and returns nothing; used by {@link ScouterSpanBuilder#run(SpanRunnable)}, which
 * records an exception that escapes it (status ERROR, one {@code exception} event) and rethrows it unchanged.
 *
 * <pre>{@code
 * tracer.spanBuilder("refresh_cache").label("jobs").run(span -> {
 *   span.setAttribute("entries", cache.reload());
 * });
 * }</pre>
 *
 * @param <E> the exception the code may throw ({@link RuntimeException} when it throws no checked one)
 */
@FunctionalInterface
public interface SpanRunnable<E extends Throwable> {
  /** Runs with {@code span} current. */
  void run(ActiveSpan span) throws E;
}
