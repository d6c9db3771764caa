package io.scouter.tracing.internal.export;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.internal.ShutdownLog;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * One exporter ({@link BatchSink}: the Scouter transport or an OpenTelemetry exporter) with its own sample filter and
 * counters; {@link BatchExportProcessor} queues for the {@link ExportEngine}, {@link SimpleExportProcessor} exports as
 * each span ends. Not a public API.
 */
public abstract class ExportProcessor implements SpanProcessor {
  static final Logger LOG = Logger.getLogger(ExportProcessor.class.getName());

  final String name;
  final BatchSink<SpanData> sink;
  final long exportTimeoutMs;
  private final long keepBelow;
  private final boolean filtering;
  /** Exported and failed spans. */
  final ExportEngine.Counts counts;
  final LongAdder sampledOut = new LongAdder();
  private final AtomicBoolean stopped = new AtomicBoolean();

  ExportProcessor(String name, BatchSink<SpanData> sink, Double ratio, long exportTimeoutMs) {
    this.name = name;
    this.sink = sink;
    this.exportTimeoutMs = exportTimeoutMs;
    this.filtering = ratio != null && ratio < 1.0;
    this.keepBelow = ratio == null ? Long.MAX_VALUE : (long) (ratio * Long.MAX_VALUE);
    this.counts = new ExportEngine.Counts(LOG, "Scouter exporter '" + name + "'", "spans");
  }

  /** Whether this exporter keeps the trace: the same decision for every span of a trace. */
  boolean keeps(String traceId) {
    if (!filtering) {
      return true;
    }
    // the upper half of the id: the global TraceIdRatioBased sampler decides on the lower half, so the two
    // decisions are independent and a 0.1 exporter ratio keeps 10% of what the global ratio sampled
    long random = 0;
    for (int i = 0; i < 16; i++) {
      random = (random << 4) | Character.digit(traceId.charAt(i), 16); // no substring per span
    }
    random &= Long.MAX_VALUE;
    return random < keepBelow;
  }

  @Override
  public final void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public final boolean isStartRequired() {
    return false;
  }

  @Override
  public final boolean isEndRequired() {
    return true;
  }

  @Override
  public final void onEnd(ReadableSpan span) {
    if (!span.getSpanContext().isSampled()) {
      return;
    }
    if (!keeps(span.getSpanContext().getTraceId())) {
      sampledOut.increment();
      return;
    }
    accept(span);
  }

  abstract void accept(ReadableSpan span);

  abstract int queued();

  /**
   * Stops: delivers what is queued until {@code deadlineNanos} ({@link System#nanoTime()}), then gives up on the rest
   * and closes the exporter. Logs nothing about what was lost: the caller reports it (one warning for the whole
   * shutdown). Idempotent.
   *
   * @return how many spans could not be delivered (0 on later calls)
   */
  public final int shutdown(long deadlineNanos) {
    return stopped.compareAndSet(false, true) ? stop(deadlineNanos) : 0;
  }

  /** {@link #shutdown(long)}, called once. */
  abstract int stop(long deadlineNanos);

  /** {@link #shutdown(long)} called by an SDK: bounded by the export timeout, and logs what it could not deliver. */
  @Override
  public final CompletableResultCode shutdown() {
    int lost = shutdown(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(exportTimeoutMs + 1000));
    if (lost > 0) {
      ShutdownLog.warning(LOG, "Scouter exporter '" + name + "' could not deliver " + lost
          + " spans before shutdown");
    }
    return CompletableResultCode.ofSuccess();
  }

  /** A snapshot of the counters. */
  public ExporterStats stats() {
    return new ExporterStats(name, counts.delivered(), dropped(), counts.failed(), sampledOut.sum(), queued(),
        sink.retries(), sink.shrunk(), counts.failingSince(), capacity());
  }

  /** Spans dropped because the queue was full (or the exporter shut down); 0 without a queue. */
  long dropped() {
    return 0;
  }

  /** How many spans the queue holds; 0 without a queue. */
  abstract int capacity();

  public String name() {
    return name;
  }
}
