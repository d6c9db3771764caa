package io.scouter.bench.agent;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The exporter at the end of every benchmark's pipeline: accepts each batch and only counts it (on the processor's
 * worker thread, once per batch), keeping the last batch for the set-up checks. Also loaded by the OpenTelemetry agent
 * from the extension jar ({@link NoopExporterProvider}).
 */
public final class CountingExporter implements SpanExporter {
  private final AtomicLong exported = new AtomicLong();
  private volatile List<SpanData> lastBatch = List.of();

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    exported.addAndGet(spans.size());
    lastBatch = List.copyOf(spans);
    return CompletableResultCode.ofSuccess();
  }

  /** Spans exported so far. */
  public long exported() {
    return exported.get();
  }

  /** The last batch. */
  public List<SpanData> lastBatch() {
    return lastBatch;
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
