package io.scouter.queue.internal;

import io.scouter.queue.ScouterQueue;

/**
 * The process-wide queue that spans insert into, set by {@code ScouterTracer.setScouterQueue} (upstream's global
 * {@code SCOUTER_QUEUE_STORE}). Not a public API.
 */
public final class GlobalQueue {
  private static volatile ScouterQueue queue;

  private GlobalQueue() {}

  /** The attached queue, or {@code null}. */
  public static ScouterQueue get() {
    return queue;
  }

  /** Attaches {@code q} ({@code null} detaches). */
  public static void set(ScouterQueue q) {
    queue = q;
  }

  /** Detaches {@code q} if it is the attached one (a queue that shuts down). */
  public static synchronized void clearIf(ScouterQueue q) {
    if (queue == q) {
      queue = null;
    }
  }
}
