package io.scouter.tracing.internal.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Exports each span on the thread that ends it. Not a public API. */
public final class SimpleExportProcessor extends ExportProcessor {

  public SimpleExportProcessor(String name, BatchSink<SpanData> sink, Double ratio, long exportTimeoutMs) {
    super(name, sink, ratio, exportTimeoutMs);
  }

  @Override
  void accept(ReadableSpan span) {
    List<SpanData> left = counts.count(sink.send(List.of(span.toSpanData())), 1);
    // nothing holds spans for a later retry when exporting span by span: count them
    counts.failed(left.size());
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
    sink.flush(exportTimeoutMs);
    return CompletableResultCode.ofSuccess();
  }

  /** Nothing is queued here (each span was exported, or counted as failed, as it ended): closes the sink. */
  @Override
  int stop(long deadlineNanos) {
    long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    sink.close(Math.min(left, exportTimeoutMs));
    return 0;
  }
}
