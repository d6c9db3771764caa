package io.scouter.tracing.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Logs a warning at most once per interval, with the number of occurrences since the last line. Not a public API. */
public final class RateLimitedLog {
  private final Logger logger;
  private final long intervalNanos;
  private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  public RateLimitedLog(Logger logger, long intervalMillis) {
    this.logger = logger;
    this.intervalNanos = intervalMillis * 1_000_000L;
  }

  /** Logs {@code message} (with the count of suppressed occurrences) unless one was logged recently. */
  public void warn(String message) {
    warn(() -> message);
  }

  /** As {@link #warn(String)}, building the message only when it is logged. */
  public void warn(java.util.function.Supplier<String> message) {
    long now = System.nanoTime();
    long prev = last.get();
    if (prev != Long.MIN_VALUE && now - prev < intervalNanos) {
      suppressed.incrementAndGet();
      return;
    }
    if (last.compareAndSet(prev, now)) {
      long n = suppressed.getAndSet(0);
      String text = message.get();
      logger.log(Level.WARNING, n == 0 ? text : text + " (" + n + " similar events since the last warning)");
    } else {
      suppressed.incrementAndGet();
    }
  }
}
