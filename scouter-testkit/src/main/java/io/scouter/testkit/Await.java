package io.scouter.testkit;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Waits on a monitor until a list, guarded by it, holds enough elements. */
final class Await {
  private Await() {}

  /**
   * Waits (holding {@code monitor}, which must be notified on every addition) until {@code items} has at least
   * {@code count} elements, and returns a copy.
   *
   * @throws AssertionError with {@code why}'s text on timeout or interruption
   */
  static <T> List<T> atLeast(Object monitor, List<T> items, int count, Duration timeout, Supplier<String> why) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (items.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + count + " spans within " + timeout + " but " + why.get());
        }
        try {
          monitor.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
      return List.copyOf(items);
    }
  }
}
