package io.scouter.tracing.internal.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.TransportConfig;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Scouter export as a plain {@link SpanExporter} for another SDK (the one of MicroProfile Telemetry or
 * {@code quarkus-opentelemetry}): spans handed over by the runtime's span processor go into our own bounded queue and
 * worker, so they get the same wire encoder, byte budgets, held-batch retries and counters as spans of our own SDK,
 * and {@link #export} never blocks the runtime's worker. Not a public API.
 */
public final class RuntimeSpanExporter implements SpanExporter {
  private static final List<RuntimeSpanExporter> LIVE = new CopyOnWriteArrayList<>();
  private final BatchExportProcessor processor;

  private RuntimeSpanExporter(BatchExportProcessor processor) {
    this.processor = processor;
  }

  /** An exporter to the Scouter server over {@code transport}; counted in {@link #liveStats()} until shut down. */
  public static RuntimeSpanExporter create(TransportConfig transport, BatchConfig batch, Double sampleRatio) {
    BatchSink<SpanData> scouter = BatchSink.forTransport(transport, ScouterSpanCodec.INSTANCE);
    RuntimeSpanExporter e = new RuntimeSpanExporter(new BatchExportProcessor("scouter", scouter, sampleRatio, batch));
    LIVE.add(e);
    return e;
  }

  /** The counters of every exporter created for a runtime SDK and not yet shut down. */
  public static List<ExporterStats> liveStats() {
    return LIVE.stream().map(e -> e.processor.stats()).toList();
  }

  /** Exports everything the live runtime exporters have queued; whether all finished within the timeout. */
  public static boolean flushLive(long timeoutMs) {
    boolean ok = true;
    for (RuntimeSpanExporter e : LIVE) {
      ok &= e.processor.forceFlush().join(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS).isSuccess();
    }
    return ok;
  }

  /** Whether the runtime created at least one Scouter exporter (i.e. {@code otel.traces.exporter} names it). */
  public static boolean anyLive() {
    return !LIVE.isEmpty();
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    for (SpanData s : spans) {
      processor.offer(s);
    }
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return processor.forceFlush();
  }

  @Override
  public CompletableResultCode shutdown() {
    LIVE.remove(this);
    return processor.shutdown();
  }

  /**
   * The same export as a {@link io.opentelemetry.sdk.trace.SpanProcessor} that takes finished spans straight into our
   * queue (no copy, no second batching), for runtimes that add span processors rather than exporters
   * ({@code quarkus-opentelemetry}). Shutting it down shuts this exporter down.
   */
  public io.opentelemetry.sdk.trace.SpanProcessor spanProcessor() {
    return new io.opentelemetry.sdk.trace.SpanProcessor() {
      @Override
      public void onStart(io.opentelemetry.context.Context parentContext,
          io.opentelemetry.sdk.trace.ReadWriteSpan span) {}

      @Override
      public boolean isStartRequired() {
        return false;
      }

      @Override
      public void onEnd(io.opentelemetry.sdk.trace.ReadableSpan span) {
        processor.onEnd(span);
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }

      @Override
      public CompletableResultCode forceFlush() {
        return processor.forceFlush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return RuntimeSpanExporter.this.shutdown();
      }

      @Override
      public String toString() {
        return "ScouterExport{runtime}";
      }
    };
  }

  /** This exporter's counters. */
  public ExporterStats stats() {
    return processor.stats();
  }

  @Override
  public String toString() {
    return "ScouterRuntimeSpanExporter";
  }
}
