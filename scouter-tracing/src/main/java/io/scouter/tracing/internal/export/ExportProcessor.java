package io.scouter.tracing.internal.export;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.internal.RateLimitedLog;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One exporter with its own sample filter and counters; {@link BatchExportProcessor} queues, {@link
 * SimpleExportProcessor} exports as each span ends. Not a public API.
 */
public abstract class ExportProcessor implements SpanProcessor {
  static final Logger LOG = Logger.getLogger(ExportProcessor.class.getName());

  final String name;
  final SpanExporter exporter;
  final long exportTimeoutMs;
  private final long keepBelow;
  private final boolean filtering;
  final LongAdder exported = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder sampledOut = new LongAdder();
  final RateLimitedLog failureLog;
  private final AtomicBoolean stopped = new AtomicBoolean();
  /** {@link System#currentTimeMillis()} of the first export of the current run of failures; 0 while exports succeed. */
  private final AtomicLong failingSince = new AtomicLong();

  ExportProcessor(String name, SpanExporter exporter, Double ratio, long exportTimeoutMs) {
    this.name = name;
    this.exporter = exporter;
    this.exportTimeoutMs = exportTimeoutMs;
    this.filtering = ratio != null && ratio < 1.0;
    this.keepBelow = ratio == null ? Long.MAX_VALUE : (long) (ratio * Long.MAX_VALUE);
    this.failureLog = new RateLimitedLog(LOG, 30_000);
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
      io.scouter.tracing.internal.ShutdownLog.warning(LOG, "Scouter exporter '" + name + "' could not deliver " + lost
          + " spans before shutdown");
    }
    return CompletableResultCode.ofSuccess();
  }

  /**
   * Exports one batch and waits at most the export timeout; counts the outcome. Never throws.
   *
   * @return the spans worth retrying later (empty when done, delivered or failed for good)
   */
  final List<SpanData> exportNow(Collection<SpanData> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    try {
      if (exporter instanceof ScouterSpanExporter) {
        PartialDelivery p = ((ScouterSpanExporter) exporter).send(batch);
        if (p == ScouterSpanExporter.DELIVERED) {
          exported.add(batch.size());
          succeeded();
          return List.of();
        }
        if (p != ScouterSpanExporter.FAILED) {
          int delivered = batch.size() - p.retryable().size() - p.rejected();
          exported.add(delivered);
          failed.add(p.rejected());
          if (p.retryable().isEmpty() && delivered > 0) {
            succeeded(); // the backend works; it refused some spans for good
          } else {
            failing();
          }
          return p.retryable();
        }
        failed.add(batch.size());
        failing();
        failureLog.warn("Scouter exporter '" + name + "' failed to export " + batch.size() + " spans");
        return List.of();
      }
      CompletableResultCode result = exporter.export(batch).join(exportTimeoutMs, TimeUnit.MILLISECONDS);
      if (result.isSuccess()) {
        exported.add(batch.size());
        succeeded();
        return List.of();
      }
      failed.add(batch.size());
      failing();
      failureLog.warn("Scouter exporter '" + name + "' failed to export " + batch.size() + " spans"
          + (result.isDone() ? "" : " within " + exportTimeoutMs + " ms"));
    } catch (RuntimeException e) {
      failed.add(batch.size());
      failing();
      failureLog.warn("Scouter exporter '" + name + "' threw " + e.getClass().getSimpleName() + " exporting "
          + batch.size() + " spans");
      LOG.log(Level.FINE, "export failure", e);
    }
    return List.of();
  }

  private void failing() {
    failingSince.compareAndSet(0, System.currentTimeMillis());
  }

  private void succeeded() {
    if (failingSince.get() != 0) {
      failingSince.set(0);
    }
  }

  /** A snapshot of the counters. */
  public ExporterStats stats() {
    long retried = 0;
    long shrunk = 0;
    if (exporter instanceof ScouterSpanExporter) {
      retried = ((ScouterSpanExporter) exporter).retries();
      shrunk = ((ScouterSpanExporter) exporter).shrunk();
    }
    long since = failingSince.get();
    return new ExporterStats(name, exported.sum(), dropped.sum(), failed.sum(), sampledOut.sum(), queued(), retried,
        shrunk, since == 0 ? null : java.time.Instant.ofEpochMilli(since), capacity());
  }

  /** How many spans the queue holds; 0 without a queue. */
  abstract int capacity();

  public String name() {
    return name;
  }
}
