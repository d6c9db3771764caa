package io.scouter.tracing.internal.export;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lock-free, bounded, many-producer queue: producers (application threads ending spans) never take a lock, and
 * the size is known without traversing. Not a public API.
 */
final class BoundedQueue<T> {
  private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;

  BoundedQueue(int capacity) {
    this.capacity = capacity;
  }

  /** Adds {@code item}; the size after adding, or -1 when full (nothing added). */
  int offer(T item) {
    int n = size.incrementAndGet();
    if (n > capacity) {
      size.decrementAndGet();
      return -1;
    }
    items.offer(item);
    return n;
  }

  /** The oldest item, or {@code null}. */
  T poll() {
    T item = items.poll();
    if (item != null) {
      size.decrementAndGet();
    }
    return item;
  }

  int size() {
    return size.get();
  }

  boolean isEmpty() {
    return size.get() == 0;
  }

  int capacity() {
    return capacity;
  }

  int remainingCapacity() {
    return Math.max(0, capacity - size.get());
  }

  /** Removes everything; the number removed. */
  int clear() {
    int n = 0;
    while (poll() != null) {
      n++;
    }
    return n;
  }
}
