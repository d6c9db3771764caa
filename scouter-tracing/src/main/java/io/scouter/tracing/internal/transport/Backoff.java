package io.scouter.tracing.internal.transport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The retry pacing shared by the transports (within one delivery) and the export engine (between two attempts of a
 * held batch): exponential from an initial to a largest step, each wait jittered in the upper half of the current
 * step. One instance per delivery attempt, or per held batch. Not a public API.
 *
 * <pre>{@code
 * Backoff b = new Backoff(1_000, 30_000);
 * long waitMs = b.jittered();
 * b.grow();
 * }</pre>
 */
public final class Backoff {
  /** First step of a transport's retries, {@value} ms. */
  public static final long INITIAL_MS = 100;
  /** Largest step of a transport's retries (and cap of a server's {@code Retry-After}), {@value} ms. */
  public static final long MAX_MS = 5_000;

  private final long max;
  private long step;

  /** The transports' pacing: {@value #INITIAL_MS} ms to {@value #MAX_MS} ms. */
  public Backoff() {
    this(INITIAL_MS, MAX_MS);
  }

  /** From {@code initialMs} to {@code maxMs}. */
  public Backoff(long initialMs, long maxMs) {
    this.step = initialMs;
    this.max = maxMs;
  }

  /** The next wait: a random value between half the current step and the step. */
  public long jittered() {
    return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
  }

  /** Doubles the step, up to the largest. */
  public void grow() {
    step = Math.min(max, step * 2);
  }
}
