package io.scouter.tracing.internal.export;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/**
 * What a Scouter export did not deliver: the spans still worth retrying (in order) and how many were refused for good.
 * A plain value returned by {@link ScouterSpanExporter#send}, not the failure throwable of a
 * {@code CompletableResultCode}: that carries a throwable only since OpenTelemetry 1.41, and in runtime SDK mode this
 * code runs on the runtime's SDK (1.29 on Payara 6, 1.39 on Open Liberty's {@code mpTelemetry-2.0}). Not a public API.
 */
public final class PartialDelivery {
  private final List<SpanData> retryable;
  private final int rejected;

  PartialDelivery(List<SpanData> retryable, int rejected) {
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

  @Override
  public String toString() {
    return "undelivered: " + retryable.size() + " to retry, " + rejected + " rejected";
  }
}
