package io.scouter.tracing.internal.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.internal.RateLimitedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded queue drained by one daemon thread in batches. A full queue drops the span, counts it and logs a
 * rate-limited warning; the caller never blocks. A batch the backend could not take for a reason that may pass (down,
 * busy) is held and retried with backoff while new spans wait in the queue (up to its bound), so an outage loses
 * nothing that fits the queue. {@link #forceFlush()} and {@link #shutdown()} export everything queued. Not a public
 * API.
 */
public final class BatchExportProcessor extends ExportProcessor {
  /** {@link ReadableSpan}s of our own provider, or {@link SpanData} handed over by a runtime's SDK. */
  private final BoundedQueue<Object> queue;
  private final int batchSize;
  private final long delayNanos;
  private final Object lock = new Object();
  private final AtomicBoolean signalled = new AtomicBoolean();
  private final ConcurrentLinkedQueue<CompletableResultCode> flushRequests = new ConcurrentLinkedQueue<>();
  private final RateLimitedLog dropLog = new RateLimitedLog(LOG, 30_000);
  private final Thread worker;
  private volatile boolean shutdown;
  /** First wait before a held batch is retried, {@value} ms; doubles per attempt. */
  static final long INITIAL_RETRY_BACKOFF_MS = 1000;
  /** Longest wait between two retries of a held batch, {@value} ms. */
  static final long MAX_RETRY_BACKOFF_MS = 30_000;
  /** A batch whose delivery failed for a reason that may pass; only the worker thread touches it. */
  private volatile List<SpanData> held = List.of();
  private int heldAttempts;
  private long retryAt;

  public BatchExportProcessor(String name, SpanExporter exporter, Double ratio, BatchConfig config) {
    super(name, exporter, ratio, config.exportTimeoutMs());
    this.queue = new BoundedQueue<>(config.maxQueueSize());
    this.batchSize = config.maxExportBatchSize();
    this.delayNanos = TimeUnit.MILLISECONDS.toNanos(config.scheduledDelayMs());
    this.worker = new Thread(this::run, "scouter-export-" + name);
    worker.setDaemon(true);
    worker.start();
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
    int queued = shutdown ? -1 : queue.offer(span);
    if (queued < 0) {
      dropped.increment();
      dropLog.warn(() -> "Scouter exporter '" + name + "' dropped a span: " + (shutdown ? "already shut down"
          : "queue full (" + queue.size() + " spans); raise scouter.batch.max-queue-size or lower the load"));
      return;
    }
    if ((delayNanos == 0 || queued >= batchSize) && signalled.compareAndSet(false, true)) {
      wake();
    }
  }

  private void wake() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  @Override
  int queued() {
    return queue.size() + held.size();
  }

  private void run() {
    long next = System.nanoTime() + delayNanos;
    while (true) {
      synchronized (lock) {
        // reset under the lock before deciding to sleep, so a wake-up signalled during the last export cannot
        // suppress the next one
        signalled.set(false);
        boolean holding = !held.isEmpty();
        long wait = (holding ? retryAt : next) - System.nanoTime();
        boolean idle = (holding || queue.size() < batchSize) && flushRequests.isEmpty() && !shutdown;
        try {
          if (idle && wait > 0) {
            TimeUnit.NANOSECONDS.timedWait(lock, wait);
          } else if (idle && !holding && delayNanos == 0 && queue.isEmpty()) {
            lock.wait(); // no schedule: sleep until accept(), a flush or shutdown wakes us, instead of spinning
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          shutdown = true;
        }
      }
      boolean timeUp = System.nanoTime() - next >= 0;
      List<CompletableResultCode> flushes = new ArrayList<>();
      for (CompletableResultCode f; (f = flushRequests.poll()) != null; ) {
        flushes.add(f);
      }
      boolean urgent = !flushes.isEmpty() || shutdown;
      if (!held.isEmpty() && (urgent || System.nanoTime() - retryAt >= 0)) {
        retryHeld();
      }
      if (held.isEmpty()) {
        drain(timeUp || urgent);
      }
      if (shutdown && !held.isEmpty()) {
        giveUpHeld("at shutdown");
      }
      if (timeUp) {
        next = System.nanoTime() + delayNanos;
      }
      if (!flushes.isEmpty()) {
        CompletableResultCode exporterFlush = exporter.flush();
        exporterFlush.join(exportTimeoutMs, TimeUnit.MILLISECONDS);
        boolean complete = held.isEmpty();
        flushes.forEach(f -> {
          if (complete) {
            f.succeed();
          } else {
            f.fail();
          }
        });
      }
      if (shutdown && queue.isEmpty()) {
        for (CompletableResultCode f; (f = flushRequests.poll()) != null; ) {
          f.succeed();
        }
        return;
      }
    }
  }

  /** Sends the batch held back by a retryable failure; keeps what still fails, with a longer backoff. */
  private void retryHeld() {
    List<SpanData> left = exportNow(held);
    held = left;
    if (left.isEmpty()) {
      heldAttempts = 0;
    } else {
      holdBack(left);
    }
  }

  private void holdBack(List<SpanData> spans) {
    held = spans;
    heldAttempts++;
    long backoffMs = Math.min(MAX_RETRY_BACKOFF_MS, INITIAL_RETRY_BACKOFF_MS << Math.min(heldAttempts - 1, 16));
    retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs);
    failureLog.warn("Scouter exporter '" + name + "' could not deliver " + spans.size() + " spans; keeping them and "
        + "retrying in " + backoffMs + " ms (new spans queue up to " + queue.remainingCapacity() + " more)");
  }

  private void giveUpHeld(String when) {
    failed.add(held.size());
    LOG.warning("Scouter exporter '" + name + "' could not deliver " + held.size() + " spans " + when);
    held = List.of();
    heldAttempts = 0;
  }

  private void drain(boolean all) {
    while (held.isEmpty() && (queue.size() >= batchSize || (all && !queue.isEmpty()))) {
      List<SpanData> batch = new ArrayList<>(Math.min(batchSize, queue.size()));
      for (int i = 0; i < batchSize; i++) {
        Object s = queue.poll();
        if (s == null) {
          break;
        }
        batch.add(s instanceof SpanData ? (SpanData) s : ((ReadableSpan) s).toSpanData());
      }
      List<SpanData> left = exportNow(batch);
      if (!left.isEmpty()) {
        holdBack(left);
      }
    }
  }

  @Override
  public CompletableResultCode forceFlush() {
    CompletableResultCode result = new CompletableResultCode();
    if (!worker.isAlive()) {
      return result.succeed();
    }
    flushRequests.add(result);
    wake();
    return result;
  }

  @Override
  public CompletableResultCode shutdown() {
    shutdown = true;
    wake();
    try {
      worker.join(exportTimeoutMs + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!queue.isEmpty()) {
      int left = queue.clear();
      dropped.add(left);
      LOG.warning("Scouter exporter '" + name + "' dropped " + left + " spans at shutdown (export too slow)");
    }
    exporter.shutdown().join(exportTimeoutMs, TimeUnit.MILLISECONDS);
    return CompletableResultCode.ofSuccess();
  }
}
