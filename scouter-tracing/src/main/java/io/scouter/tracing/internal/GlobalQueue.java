package io.scouter.tracing.internal;

import io.scouter.queue.ScouterQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process-wide queue that spans insert into, set by {@code ScouterTracer.setScouterQueue} (upstream's global
 * {@code SCOUTER_QUEUE_STORE}). The tracer's state: the queue does not know it is attached, and a queue that shuts
 * down counts as detached from then on. Not a public API.
 *
 * <pre>{@code
 * GlobalQueue.set(queue);
 * ScouterQueue q = GlobalQueue.get();   // null once queue.shutdown() was called
 * }</pre>
 */
public final class GlobalQueue {
  private static final AtomicReference<ScouterQueue> QUEUE = new AtomicReference<>();

  private GlobalQueue() {}

  /** The attached queue, or {@code null} (none attached, or it shut down). */
  public static ScouterQueue get() {
    ScouterQueue q = QUEUE.get();
    if (q != null && q.isShutdown()) {
      QUEUE.compareAndSet(q, null);
      return null;
    }
    return q;
  }

  /** Attaches {@code q} ({@code null} detaches). */
  public static void set(ScouterQueue q) {
    QUEUE.set(q);
  }
}
