package io.scouter.tracing.internal;

/**
 * Whether a container (the CDI extension) owns the process-wide tracer and shuts it down with itself. The tracer's JVM
 * shutdown hook then waits for that shutdown (up to the shutdown timeout) instead of flushing first: on Quarkus the
 * container stops in a JVM shutdown hook of its own, which runs at the same time as ours. Not a public API.
 */
public final class ShutdownOwner {
  private static volatile boolean container;

  private ShutdownOwner() {}

  /** Called by the container that initialised the tracer. */
  public static void container() {
    container = true;
  }

  /** Whether a container owns the tracer. */
  public static boolean isContainer() {
    return container;
  }

  /** The tracer was shut down: the next one starts unowned. */
  public static void release() {
    container = false;
  }
}
