package io.scouter.tracing.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.scouter.tracing.internal.capture.CaptureSerializer;

/**
 * How every Scouter module records a failure on a span (the callable span API, {@code @Traced}, the async end
 * strategies, the JAX-RS filters), so that they all look the same on the server. Not a public API.
 *
 * <pre>{@code
 * catch (Throwable error) {
 *   SpanErrors.record(span, error);   // one exception event, status ERROR "IllegalStateException: no stock"
 *   throw error;
 * }
 * }</pre>
 */
public final class SpanErrors {
  private SpanErrors() {}

  /** Records {@code error} as one {@code exception} event and sets status ERROR {@code "<Type>: <message>"}. */
  public static void record(Span span, Throwable error) {
    if (!span.isRecording()) {
      return;
    }
    span.recordException(error);
    span.setStatus(StatusCode.ERROR, CaptureSerializer.typeName(error) + ": " + error.getMessage());
  }
}
