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
  /** When the worker must give up at shutdown ({@link System#nanoTime()}); set before {@link #shutdown}. */
  private volatile long stopBy;
  /** Spans the worker gave up at shutdown; written by the worker only. */
  private volatile int lostAtShutdown;
  /** The size of the batch being exported from the queue (0 between exports). */
  private volatile int inFlight;
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

  @Override
  int capacity() {
    return queue.capacity();
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
      boolean late = shutdown && System.nanoTime() - stopBy >= 0;
      if (!late && !held.isEmpty() && (urgent || System.nanoTime() - retryAt >= 0)) {
        retryHeld();
      }
      if (!late && held.isEmpty()) {
        drain(timeUp || urgent);
      }
      if (shutdown && (late || !held.isEmpty())) {
        // at shutdown the backend did not take a batch (or time is up): the rest would fail the same way
        giveUpAtShutdown();
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
    if (!shutdown) {
      failureLog.warn("Scouter exporter '" + name + "' could not deliver " + spans.size() + " spans; keeping them and "
          + "retrying in " + backoffMs + " ms (new spans queue up to " + queue.remainingCapacity() + " more)");
    }
  }

  /** Counts the held batch and everything queued as not delivered; the caller of {@link #stop} reports them. */
  private void giveUpAtShutdown() {
    int n = held.size() + queue.clear();
    failed.add(n);
    lostAtShutdown += n;
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
      inFlight = batch.size();
      List<SpanData> left = exportNow(batch);
      inFlight = 0;
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

  /**
   * Lets the worker export what is queued until {@code deadlineNanos}; at the first batch the backend does not take, or
   * when time is up (the worker is then interrupted out of a slow export), the rest is counted as not delivered.
   */
  @Override
  int stop(long deadlineNanos) {
    stopBy = deadlineNanos;
    shutdown = true;
    wake();
    join(deadlineNanos);
    if (worker.isAlive()) {
      worker.interrupt(); // out of a retry wait or a slow request of the transport
      join(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
    }
    int lost = lostAtShutdown;
    if (worker.isAlive()) {
      lost += inFlight + held.size(); // still stuck in an export that ignores interrupts
    }
    int left = queue.clear();
    failed.add(left);
    lost += left;
    long closeMs = Math.max(100, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    exporter.shutdown().join(Math.min(closeMs, exportTimeoutMs), TimeUnit.MILLISECONDS);
    return lost;
  }

  private void join(long untilNanos) {
    try {
      long ms = TimeUnit.NANOSECONDS.toMillis(untilNanos - System.nanoTime());
      if (ms > 0) {
        worker.join(ms);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
