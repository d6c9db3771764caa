package io.scouter.cdi.internal.async;

/**
 * Ends a span when an asynchronous or lazy result finishes, in the manner of OpenTelemetry instrumentation's
 * {@code AsyncOperationEndStrategy}. Not a public API.
 */
public interface AsyncEndStrategy {

  /** Whether this strategy handles the declared return type. */
  boolean supports(Class<?> returnType);

  /**
   * Arranges for {@code completion} to be signalled when {@code result} finishes and returns the object to hand to the
   * caller (the same object, or a wrapper of the same type).
   */
  Object end(Object result, SpanCompletion completion);
}
