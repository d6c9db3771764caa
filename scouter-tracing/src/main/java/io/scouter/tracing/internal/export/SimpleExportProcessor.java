package io.scouter.tracing.internal.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Exports each span on the thread that ends it. Not a public API. */
public final class SimpleExportProcessor extends ExportProcessor {

  public SimpleExportProcessor(String name, SpanExporter exporter, Double ratio, long exportTimeoutMs) {
    super(name, exporter, ratio, exportTimeoutMs);
  }

  @Override
  void accept(ReadableSpan span) {
    List<io.opentelemetry.sdk.trace.data.SpanData> left = exportNow(List.of(span.toSpanData()));
    if (!left.isEmpty()) {
      // nothing holds spans for a later retry when exporting span by span: count them
      failed.add(left.size());
    }
  }

  @Override
  int queued() {
    return 0;
  }

  @Override
  int capacity() {
    return 0;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return exporter.flush();
  }

  /** Nothing is queued here (each span was exported, or counted as failed, as it ended): closes the exporter. */
  @Override
  int stop(long deadlineNanos) {
    long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    exporter.shutdown().join(Math.min(left, exportTimeoutMs), TimeUnit.MILLISECONDS);
    return 0;
  }
}
