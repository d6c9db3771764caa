package io.scouter.tracing.internal.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.scouter.tracing.internal.RateLimitedLog;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An OpenTelemetry {@link SpanExporter} (the secondary OTLP exporter, a test exporter) as a {@link BatchSink}: each
 * export waits at most the export timeout; a failure or timeout refuses the batch for good (the SDK exporter retries
 * on its own) with one rate-limited warning. Not a public API.
 *
 * <pre>{@code
 * BatchSink<SpanData> sink = new OtelSpanSink("otlp-http", exporter, 30_000);
 * }</pre>
 */
public final class OtelSpanSink implements BatchSink<SpanData> {
  private static final Logger LOG = Logger.getLogger(OtelSpanSink.class.getName());
  private final String name;
  private final SpanExporter exporter;
  private final long timeoutMs;
  private final RateLimitedLog failureLog = new RateLimitedLog(LOG, 30_000);

  public OtelSpanSink(String name, SpanExporter exporter, long timeoutMs) {
    this.name = name;
    this.exporter = exporter;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Delivery<SpanData> send(List<SpanData> batch) {
    try {
      CompletableResultCode result = exporter.export(batch).join(timeoutMs, TimeUnit.MILLISECONDS);
      if (result.isSuccess()) {
        return Delivery.delivered();
      }
      failureLog.warn(() -> "Scouter exporter '" + name + "' failed to export " + batch.size() + " spans"
          + (result.isDone() ? "" : " within " + timeoutMs + " ms"));
    } catch (RuntimeException e) {
      failureLog.warn(() -> "Scouter exporter '" + name + "' threw " + e.getClass().getSimpleName() + " exporting "
          + batch.size() + " spans");
      LOG.log(Level.FINE, "export failure", e);
    }
    return Delivery.partial(List.of(), batch.size());
  }

  @Override
  public void flush(long timeoutMs) {
    exporter.flush().join(Math.min(timeoutMs, this.timeoutMs), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close(long timeoutMs) {
    exporter.shutdown().join(Math.min(timeoutMs, this.timeoutMs), TimeUnit.MILLISECONDS);
  }
}
