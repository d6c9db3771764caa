package io.scouter.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one wait loop of the testkit and its users: polls until a condition holds (e.g. {@link
 * TestSpanExporter#awaitSpans}).
 *
 * <pre>{@code
 * Await.until("the export resumed", Duration.ofSeconds(30), () -> stats().exported() > before,
 *     () -> "stats " + ScouterTracing.stats());
 * }</pre>
 */
public final class Await {
  private Await() {}

  /**
   * Polls {@code condition} every 20 ms until it holds.
   *
   * @param what what is awaited, for the failure message
   * @param state more text for the failure message (e.g. the counters), computed only on failure
   * @throws AssertionError naming {@code what} and {@code state} on timeout or interruption
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting until " + what + "; "
            + state.get());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what, e);
      }
    }
  }
}
