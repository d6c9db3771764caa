package io.scouter.tracing.internal.export;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/**
 * Why a Scouter export did not fully succeed: the spans still worth retrying (in order) and how many were refused for
 * good. Travels as the failure throwable of the export result. Not a public API.
 */
public final class PartialDelivery extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<SpanData> retryable;
  private final int rejected;

  PartialDelivery(List<SpanData> retryable, int rejected) {
    super("undelivered: " + retryable.size() + " to retry, " + rejected + " rejected", null, false, false);
    this.retryable = List.copyOf(retryable);
    this.rejected = rejected;
  }

  /** Spans to send again later. */
  public List<SpanData> retryable() {
    return retryable;
  }

  /** Spans the server refused for good (or too large to send). */
  public int rejected() {
    return rejected;
  }
}
