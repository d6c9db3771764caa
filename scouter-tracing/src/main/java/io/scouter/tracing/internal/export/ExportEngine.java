package io.scouter.tracing.internal.export;

import io.scouter.tracing.internal.RateLimitedLog;
import io.scouter.tracing.internal.transport.Backoff;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one export engine of spans ({@link BatchExportProcessor}) and queue records ({@code ScouterQueue}): a daemon
 * worker takes batches from a bounded {@link Source} (full batches at once, the rest on a schedule, everything on a
 * flush or at shutdown) and sends them to a {@link BatchSink}, which splits them to fit the transport. Producers
 * never block and never see a transport error. A batch the backend could not take for a reason that may pass is
 * held (up to {@code maxHeld} items, the oldest given up beyond) and retried with {@link Backoff} (1 s doubling to 30
 * s, jittered) while new items wait; once something is held, what comes after it waits behind it (order is kept).
 * {@link #flush} tries the held items and sends everything queued; {@link #stop} does the same until a deadline, then
 * counts what it could not deliver. Not a public API.
 *
 * <pre>{@code
 * ExportEngine<SpanData> engine = new ExportEngine<>("scouter-export-scouter", source, sink, counts,
 *     TimeUnit.SECONDS.toNanos(5), 512, 512, 30_000);
 * engine.start();
 * source.add(span); engine.signal();        // a full batch: wake the worker
 * engine.flush().get(5, TimeUnit.SECONDS);  // true: everything delivered
 * long lost = engine.stop(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
 * }</pre>
 *
 * @param <T> the items sent (spans, server records)
 */
public final class ExportEngine<T> {
  /** First wait before a held batch is retried, {@value} ms; doubles per attempt. */
  public static final long INITIAL_RETRY_BACKOFF_MS = 1000;
  /** Longest wait between two retries of a held batch, {@value} ms. */
  public static final long MAX_RETRY_BACKOFF_MS = 30_000;

  /** What the worker takes from the source in one cycle. */
  public enum Due {
    /** Full batches only (a producer signalled one). */
    FULL_BATCHES,
    /** What the schedule publishes (the source decides, e.g. whole samples only). */
    SCHEDULED,
    /** Everything (a flush, the shutdown). */
    EVERYTHING
  }

  /** The bounded buffer the producers fill; only the worker takes from it. */
  public interface Source<T> {
    /** Items waiting. */
    int size();

    /** Whether a full batch waits. */
    boolean hasFullBatch();

    /** The next batch that is {@code due}, of about {@code max} items at most; empty when nothing (more) is due. */
    List<T> take(Due due, int max);

    /** Removes everything waiting (given up at shutdown); the number removed. */
    int clear();
  }

  /** The delivered and failed counters of one export, and its rate-limited warnings. */
  public static final class Counts {
    final LongAdder delivered = new LongAdder();
    final LongAdder failed = new LongAdder();
    final String subject;
    final String unit;
    final RateLimitedLog log;
    final Logger logger;
    /** {@link System#currentTimeMillis()} of the first send of the current run of failures; 0 while sends succeed. */
    private final AtomicLong failingSince = new AtomicLong();

    /** Counts for {@code subject} (e.g. {@code Scouter exporter 'scouter'}) sending {@code unit} (e.g. spans). */
    public Counts(Logger logger, String subject, String unit) {
      this.subject = subject;
      this.unit = unit;
      this.logger = logger;
      this.log = new RateLimitedLog(logger, 30_000);
    }

    /** Counts what became of {@code n} items sent; returns those to retry. */
    public <T> List<T> count(Delivery<T> d, int n) {
      int ok = d.delivered(n);
      delivered.add(ok);
      failed.add(d.failed(n));
      if (ok > 0 && d.retryable().isEmpty()) {
        // the backend works (it may have refused some items for good)
        if (failingSince.get() != 0) {
          failingSince.set(0);
        }
      } else if (n > 0) {
        failingSince.compareAndSet(0, System.currentTimeMillis());
      }
      if (d instanceof Delivery.NotTried<T> notTried) {
        log.warn(() -> subject + " failed to export " + n + " " + unit + " (" + notTried.reason() + ")");
      }
      return d.retryable();
    }

    /**
     * When the current run of failed sends began (nothing delivered, or items waiting for a retry), {@code null} while
     * sends succeed.
     */
    public java.time.Instant failingSince() {
      long since = failingSince.get();
      return since == 0 ? null : java.time.Instant.ofEpochMilli(since);
    }

    /** Items delivered. */
    public long delivered() {
      return delivered.sum();
    }

    /** Items given up. */
    public long failed() {
      return failed.sum();
    }

    /** Counts {@code n} items as given up. */
    public void failed(long n) {
      failed.add(n);
    }
  }

  private final Source<T> source;
  private final BatchSink<T> sink;
  private final Counts counts;
  private final long scheduleNanos;
  private final int batchSize;
  private final int maxHeld;
  private final long flushTimeoutMs;
  private final Object lock = new Object();
  private final AtomicBoolean signalled = new AtomicBoolean();
  private final ConcurrentLinkedQueue<CompletableFuture<Boolean>> flushRequests = new ConcurrentLinkedQueue<>();
  private final Thread worker;
  private volatile boolean stopping;
  /** When the worker must give up at shutdown ({@link System#nanoTime()}); set before {@link #stopping}. */
  private volatile long stopBy;
  /** Items the worker gave up at shutdown; written by the worker only. */
  private volatile long lostAtStop;
  /** The size of the batch being sent from the source (0 between sends). */
  private volatile int inFlight;
  /** Items whose delivery failed for a reason that may pass, in order; replaced, never changed, by the worker. */
  private volatile List<T> held = List.of();
  private Backoff backoff;
  private long retryAt;

  /**
   * An engine, not started yet.
   *
   * @param threadName the worker's name
   * @param scheduleNanos time between two scheduled takes; 0 sends whatever is queued as soon as it is signalled
   * @param batchSize the largest batch sent at once (and the chunk in which held items are retried)
   * @param maxHeld most items held for a retry; at least {@code batchSize}
   * @param flushTimeoutMs bound of the sink's own flush
   */
  public ExportEngine(String threadName, Source<T> source, BatchSink<T> sink, Counts counts, long scheduleNanos,
      int batchSize, int maxHeld, long flushTimeoutMs) {
    this.source = source;
    this.sink = sink;
    this.counts = counts;
    this.scheduleNanos = scheduleNanos;
    this.batchSize = batchSize;
    this.maxHeld = Math.max(batchSize, maxHeld);
    this.flushTimeoutMs = flushTimeoutMs;
    this.worker = new Thread(this::run, threadName);
    worker.setDaemon(true);
  }

  /** Starts the worker. */
  public void start() {
    worker.start();
  }

  /** Wakes the worker for a full batch (or, without a schedule, for anything queued); cheap when called often. */
  public void signal() {
    if (signalled.compareAndSet(false, true)) {
      wake();
    }
  }

  private void wake() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /** Items held for a retry. */
  public int held() {
    return held.size();
  }

  /** The counters. */
  public Counts counts() {
    return counts;
  }

  /** The sink. */
  public BatchSink<T> sink() {
    return sink;
  }

  /**
   * Tries the held items now, sends everything queued and flushes the sink.
   *
   * @return completes with whether nothing is left held (also {@code true} once stopped)
   */
  public CompletableFuture<Boolean> flush() {
    CompletableFuture<Boolean> f = new CompletableFuture<>();
    if (!worker.isAlive()) {
      f.complete(true);
      return f;
    }
    flushRequests.add(f);
    wake();
    if (!worker.isAlive() && flushRequests.remove(f)) {
      f.complete(true); // the worker ended meanwhile and will not see it
    }
    return f;
  }

  /**
   * Lets the worker deliver what is held and queued until {@code deadlineNanos} ({@link System#nanoTime()}); at the
   * first batch the backend does not take, or when time is up (the worker is then interrupted out of a retry wait or
   * a slow send), the rest is counted as failed. Logs nothing about what was lost: the caller reports it. Does not
   * close the sink. Call once.
   *
   * @return how many items could not be delivered
   */
  public long stop(long deadlineNanos) {
    stopBy = deadlineNanos;
    stopping = true;
    wake();
    join(deadlineNanos);
    if (worker.isAlive()) {
      worker.interrupt(); // out of a retry wait or a slow request of the transport
      join(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
    }
    long lost = lostAtStop;
    if (worker.isAlive()) {
      lost += inFlight + held.size(); // still stuck in a send that ignores interrupts
    }
    int left = source.clear();
    counts.failed(left);
    return lost + left;
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

  private void run() {
    long next = System.nanoTime() + scheduleNanos;
    while (true) {
      synchronized (lock) {
        // reset under the lock before deciding to sleep, so a wake-up signalled during the last send cannot
        // suppress the next one
        signalled.set(false);
        boolean holding = !held.isEmpty();
        long wait = (holding ? retryAt : next) - System.nanoTime();
        boolean idle = (holding || !source.hasFullBatch()) && flushRequests.isEmpty() && !stopping;
        try {
          if (idle && wait > 0) {
            TimeUnit.NANOSECONDS.timedWait(lock, wait);
          } else if (idle && !holding && scheduleNanos == 0 && source.size() == 0) {
            lock.wait(); // no schedule: sleep until a signal, a flush or the stop wakes us, instead of spinning
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
      long now = System.nanoTime();
      boolean timeUp = now - next >= 0;
      List<CompletableFuture<Boolean>> flushes = new ArrayList<>();
      for (CompletableFuture<Boolean> f; (f = flushRequests.poll()) != null;) {
        flushes.add(f);
      }
      // read once: a stop requested while this cycle runs gets one more cycle that sends everything
      boolean stop = stopping;
      boolean urgent = stop || !flushes.isEmpty();
      boolean late = stop && now - stopBy >= 0;
      try {
        if (!late && !held.isEmpty() && (urgent || now - retryAt >= 0)) {
          retryHeld();
        }
        if (!late) {
          takeAndSend(urgent ? Due.EVERYTHING : timeUp ? Due.SCHEDULED : Due.FULL_BATCHES);
        }
      } catch (RuntimeException e) { // a source's encoding bug must not end the worker
        counts.log.warn(() -> counts.subject + " export cycle failed: " + e);
        counts.logger.log(Level.FINE, "export cycle failure", e);
      }
      if (stop && (late || !held.isEmpty())) {
        // at shutdown the backend did not take a batch (or time is up): the rest would fail the same way
        giveUp();
      }
      if (timeUp) {
        next = System.nanoTime() + scheduleNanos;
      }
      if (!flushes.isEmpty()) {
        sink.flush(flushTimeoutMs);
        boolean complete = held.isEmpty();
        flushes.forEach(f -> f.complete(complete));
      }
      if (stop && source.size() == 0) {
        for (CompletableFuture<Boolean> f; (f = flushRequests.poll()) != null;) {
          f.complete(held.isEmpty());
        }
        return;
      }
    }
  }

  /** Sends the held items again, in chunks of a batch; keeps what still fails (and everything after it). */
  private void retryHeld() {
    List<T> items = held;
    for (int i = 0; i < items.size(); i += batchSize) {
      List<T> part = items.subList(i, Math.min(items.size(), i + batchSize));
      List<T> retry = counts.count(sink.send(part), part.size());
      if (!retry.isEmpty()) {
        List<T> left = new ArrayList<>(retry);
        left.addAll(items.subList(i + part.size(), items.size()));
        holdBack(left);
        return;
      }
    }
    held = List.of();
    backoff = null;
  }

  /** Sends what is due; while something is held, what is due joins it (up to {@code maxHeld}) untried. */
  private void takeAndSend(Due due) {
    while (true) {
      boolean holding = !held.isEmpty();
      int room = holding ? maxHeld - held.size() : batchSize;
      if (room <= 0) {
        return; // the rest waits in the source, which drops beyond its bound
      }
      List<T> batch = source.take(due, room);
      if (batch.isEmpty()) {
        return;
      }
      if (holding) {
        List<T> more = new ArrayList<>(held);
        more.addAll(batch);
        held = trim(more);
        continue;
      }
      inFlight = batch.size();
      List<T> retry = counts.count(sink.send(batch), batch.size());
      inFlight = 0;
      if (!retry.isEmpty()) {
        holdBack(retry);
      }
    }
  }

  /** Holds {@code items} for a retry after the next backoff step. */
  private void holdBack(List<T> items) {
    held = trim(items);
    if (backoff == null) {
      backoff = new Backoff(INITIAL_RETRY_BACKOFF_MS, MAX_RETRY_BACKOFF_MS);
    }
    long waitMs = backoff.jittered();
    backoff.grow();
    retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    if (!stopping) { // at shutdown the caller reports what was lost
      int n = held.size();
      counts.log.warn(() -> counts.subject + " could not deliver " + n + " " + counts.unit + "; keeping them and "
          + "retrying in " + waitMs + " ms (new " + counts.unit + " queue up to their bound meanwhile)");
    }
  }

  /** {@code items} without the oldest beyond {@code maxHeld}, which are counted as failed. */
  private List<T> trim(List<T> items) {
    int over = items.size() - maxHeld;
    if (over <= 0) {
      return items;
    }
    counts.failed(over);
    counts.log.warn(() -> counts.subject + " gave up the oldest " + over + " " + counts.unit + " held for a retry ("
        + maxHeld + " at most)");
    return List.copyOf(items.subList(over, items.size()));
  }

  /** Counts the held items and everything queued as failed; {@link #stop} reports them. */
  private void giveUp() {
    long n = held.size() + source.clear();
    counts.failed(n);
    lostAtStop += n;
    held = List.of();
    backoff = null;
  }
}
