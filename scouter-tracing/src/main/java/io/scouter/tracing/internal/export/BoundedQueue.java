package io.scouter.tracing.internal.export;

import io.scouter.tracing.internal.RateLimitedLog;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * The bounded buffer of an export (the span queue of an exporter, the buffer of a queue alias): lock-free for many
 * producers (application threads never take a lock), its size known without traversing. An item that does not fit,
 * or comes after {@link #close()}, is dropped, counted, and reported in a rate-limited warning that says what to do.
 * Not a public API.
 *
 * <pre>{@code
 * BoundedQueue<Object> q = new BoundedQueue<>(2048, LOG, "Scouter exporter 'scouter'", "span",
 *     "raise scouter.batch.max-queue-size or lower the load");
 * if (q.offer(span) >= batchSize) engine.signal();
 * }</pre>
 */
public final class BoundedQueue<T> {
  private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;
  private final LongAdder dropped = new LongAdder();
  private final RateLimitedLog dropLog;
  private final String subject;
  private final String item;
  private final String hint;
  private volatile boolean closed;

  /**
   * A queue of {@code capacity} items; a drop is logged as {@code <subject> dropped a <item>: ...; <hint>}.
   */
  public BoundedQueue(int capacity, Logger logger, String subject, String item, String hint) {
    this.capacity = capacity;
    this.dropLog = new RateLimitedLog(logger, 30_000);
    this.subject = subject;
    this.item = item;
    this.hint = hint;
  }

  /** Adds {@code item}; the size after adding, or -1 when it was dropped (full, or closed). */
  public int offer(T item) {
    if (closed) {
      drop();
      return -1;
    }
    int n = size.incrementAndGet();
    if (n > capacity) {
      size.decrementAndGet();
      drop();
      return -1;
    }
    items.offer(item);
    return n;
  }

  /** Counts one item dropped before it reached {@link #offer} (e.g. refused early because {@link #isClosed()}). */
  public void drop() {
    dropped.increment();
    dropLog.warn(() -> subject + " dropped a " + item + ": " + (closed ? "already shut down"
        : "its queue of " + capacity + " is full; " + hint));
  }

  /** The oldest item, or {@code null}. */
  public T poll() {
    T t = items.poll();
    if (t != null) {
      size.decrementAndGet();
    }
    return t;
  }

  /** Moves up to {@code max} of the oldest items into {@code to}; the number moved. */
  public int drainTo(List<? super T> to, int max) {
    int n = 0;
    for (T t; n < max && (t = poll()) != null; n++) {
      to.add(t);
    }
    return n;
  }

  public int size() {
    return size.get();
  }

  public boolean isEmpty() {
    return size.get() == 0;
  }

  public int capacity() {
    return capacity;
  }

  public int remainingCapacity() {
    return Math.max(0, capacity - size.get());
  }

  /** Items dropped so far. */
  public long dropped() {
    return dropped.sum();
  }

  /** From now on every {@link #offer} is dropped (the export is shutting down). */
  public void close() {
    closed = true;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Removes everything; the number removed. */
  public int clear() {
    int n = 0;
    while (poll() != null) {
      n++;
    }
    return n;
  }
}
