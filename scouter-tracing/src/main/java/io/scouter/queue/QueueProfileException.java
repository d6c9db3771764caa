package io.scouter.queue;

/**
 * A Scouter profile file that cannot be used: unreadable, not JSON, of an unknown {@code drift_type}, or missing a
 * field the queue needs. The message names the file.
 *
 * <pre>{@code
 * try { ScouterQueue.fromPath(Map.of("genai", path), transport); }
 * catch (QueueProfileException e) { log.error(e.getMessage()); }   // "Scouter profile /etc/x.json: ..."
 * }</pre>
 */
public class QueueProfileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final String reason;

  public QueueProfileException(String source, String reason, Throwable cause) {
    super("Scouter profile " + source + ": " + reason, cause);
    this.source = source;
    this.reason = reason;
  }

  public QueueProfileException(String source, String reason) {
    this(source, reason, null);
  }

  /** What is wrong, without the source. */
  public String reason() {
    return reason;
  }

  /** The file (or other source) the profile came from. */
  public String source() {
    return source;
  }
}
