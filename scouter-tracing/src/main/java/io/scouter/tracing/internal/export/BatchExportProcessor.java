package io.scouter.tracing.internal.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.scouter.tracing.BatchConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spans into a bounded queue, exported in batches by the {@link ExportEngine} (which holds and retries with backoff
 * what the backend could not take, so an outage loses nothing that fits the queue). A full queue drops the span,
 * counts it and logs a rate-limited warning; the caller never blocks. {@link #forceFlush()} and {@link #shutdown()}
 * export everything queued. Not a public API.
 */
public final class BatchExportProcessor extends ExportProcessor {
  /** {@link ReadableSpan}s of our own provider, or {@link SpanData} handed over by a runtime's SDK. */
  private final BoundedQueue<Object> queue;
  private final int batchSize;
  private final boolean unscheduled;
  private final ExportEngine<SpanData> engine;

  public BatchExportProcessor(String name, BatchSink<SpanData> sink, Double ratio, BatchConfig config) {
    super(name, sink, ratio, config.exportTimeoutMs());
    this.queue = new BoundedQueue<>(config.maxQueueSize(), LOG, "Scouter exporter '" + name + "'", "span",
        "raise scouter.batch.max-queue-size or lower the load");
    this.batchSize = config.maxExportBatchSize();
    this.unscheduled = config.scheduledDelayMs() == 0;
    this.engine = new ExportEngine<>("scouter-export-" + name, new Spans(), sink, counts,
        TimeUnit.MILLISECONDS.toNanos(config.scheduledDelayMs()), batchSize, batchSize, exportTimeoutMs);
    engine.start();
  }

  @Override
  void accept(ReadableSpan span) {
    enqueue(span);
  }

  /**
   * Queues a finished span handed over by another SDK (the runtime's, through {@link RuntimeSpanExporter}), with the
   * same sampling filter, bound and counters as our own spans.
   */
  public void offer(SpanData span) {
    if (!span.getSpanContext().isSampled()) {
      return;
    }
    if (!keeps(span.getTraceId())) {
      sampledOut.increment();
      return;
    }
    enqueue(span);
  }

  private void enqueue(Object span) {
    int queued = queue.offer(span); // counts and reports a drop itself
    if (queued > 0 && (unscheduled || queued >= batchSize)) {
      engine.signal();
    }
  }

  @Override
  int queued() {
    return queue.size() + engine.held();
  }

  @Override
  long dropped() {
    return queue.dropped();
  }

  @Override
  int capacity() {
    return queue.capacity();
  }

  @Override
  public CompletableResultCode forceFlush() {
    CompletableResultCode result = new CompletableResultCode();
    engine.flush().whenComplete((ok, e) -> {
      if (Boolean.TRUE.equals(ok)) {
        result.succeed();
      } else {
        result.fail();
      }
    });
    return result;
  }

  /**
   * Lets the engine export what is queued until {@code deadlineNanos}; at the first batch the backend does not take,
   * or when time is up, the rest is counted as not delivered. Then closes the sink.
   */
  @Override
  int stop(long deadlineNanos) {
    queue.close();
    long lost = engine.stop(deadlineNanos);
    long closeMs = Math.max(100, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    sink.close(Math.min(closeMs, exportTimeoutMs));
    return (int) lost;
  }

  /** The queue as the engine's source: batches of {@code maxExportBatchSize}; the schedule takes everything. */
  private final class Spans implements ExportEngine.Source<SpanData> {
    @Override
    public int size() {
      return queue.size();
    }

    @Override
    public boolean hasFullBatch() {
      return queue.size() >= batchSize;
    }

    @Override
    public List<SpanData> take(ExportEngine.Due due, int max) {
      int n = Math.min(max, Math.min(batchSize, queue.size()));
      if (n == 0 || (due == ExportEngine.Due.FULL_BATCHES && queue.size() < batchSize)) {
        return List.of();
      }
      List<SpanData> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Object s = queue.poll();
        if (s == null) {
          break;
        }
        batch.add(s instanceof SpanData ? (SpanData) s : ((ReadableSpan) s).toSpanData());
      }
      return batch;
    }

    @Override
    public int clear() {
      return queue.clear();
    }
  }
}
