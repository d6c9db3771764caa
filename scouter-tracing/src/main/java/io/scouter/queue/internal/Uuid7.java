package io.scouter.queue.internal;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits, so ids sort by creation time; the same text
 * form as upstream's {@code Uuid::now_v7().to_string()}. Within one millisecond ids stay increasing. Not a public API.
 */
public final class Uuid7 {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong LAST = new AtomicLong();

  private Uuid7() {}

  /** A new UUIDv7 as lowercase hyphenated text. */
  public static String next() {
    return nextUuid().toString();
  }

  /** A new UUIDv7. */
  public static UUID nextUuid() {
    long now = System.currentTimeMillis();
    // 12-bit counter in rand_a keeps ids from the same millisecond increasing (RFC 9562 method 1)
    long stamp = LAST.updateAndGet(prev -> {
      long prevMs = prev >>> 12;
      return now > prevMs ? now << 12 : prev + 1;
    });
    long ms = stamp >>> 12;
    long counter = stamp & 0xFFF;
    long msb = (ms << 16) | 0x7000L | counter;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** Whether {@code text} is a UUID of version 7. */
  public static boolean isUuid7(String text) {
    try {
      UUID u = UUID.fromString(text);
      return u.version() == 7 && u.variant() == 2 && u.toString().equals(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
