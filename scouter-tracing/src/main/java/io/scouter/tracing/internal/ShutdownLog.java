package io.scouter.tracing.internal;

import java.util.logging.Logger;

/**
 * Logs a warning of the shutdown so that it is seen: when no handler would publish it (the JDK's
 * {@code java.util.logging.LogManager} removes every handler in a JVM shutdown hook of its own, which runs at the same
 * time as the container's; Payara Micro's log then ends before the container stops), it also goes to
 * {@code System.err}. Not a public API.
 */
public final class ShutdownLog {
  private ShutdownLog() {}

  /** Logs {@code message} at WARNING on {@code log}, and on standard error if no handler is left to publish it. */
  public static void warning(Logger log, String message) {
    log.warning(message);
    if (!hasHandler(log)) {
      System.err.println("WARNING [" + log.getName() + "] " + message);
    }
  }

  private static boolean hasHandler(Logger log) {
    for (Logger l = log; l != null; l = l.getParent()) {
      if (l.getHandlers().length > 0) {
        return true;
      }
      if (!l.getUseParentHandlers()) {
        return false;
      }
    }
    return false;
  }
}
