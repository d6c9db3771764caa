package io.scouter.tracing.internal.transport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The retry pacing shared by the transports: exponential from {@value #INITIAL_MS} ms to {@value #MAX_MS} ms, each
 * wait jittered in the upper half of the current step. One instance per delivery attempt. Not a public API.
 */
public final class Backoff {
  /** First step, {@value} ms. */
  public static final long INITIAL_MS = 100;
  /** Largest step (and cap of a server's {@code Retry-After}), {@value} ms. */
  public static final long MAX_MS = 5_000;

  private long step = INITIAL_MS;

  /** The next wait: a random value between half the current step and the step. */
  public long jittered() {
    return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
  }

  /** Doubles the step, up to {@link #MAX_MS}. */
  public void grow() {
    step = Math.min(MAX_MS, step * 2);
  }
}
