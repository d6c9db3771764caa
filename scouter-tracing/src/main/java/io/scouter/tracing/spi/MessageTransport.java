package io.scouter.tracing.spi;

/**
 * Carries Scouter messages (the UTF-8 JSON of a {@code MessageRecord}: a trace batch {@code {"request":...}} or queue
 * records {@code {"records":[...]}}) to the Scouter server. The same bytes travel over every transport; a transport
 * only knows how to deliver them, while encoding, byte budgets and statistics are the exporter's.
 *
 * <pre>{@code
 * final class KafkaTransport implements MessageTransport {
 *   public int maxMessageBytes() { return config.messageMaxBytes(); }
 *   public Outcome deliver(byte[] message) { ... producer.send(new ProducerRecord<>(topic, message)).get(...) ... }
 *   public void close() { producer.close(); }
 * }
 * }</pre>
 *
 * <p>Implementations must be thread-safe, bound every call by their configured timeout, retry what their protocol
 * allows, never throw from {@link #deliver}, and never put credentials into a log line or exception message.
 */
public interface MessageTransport extends AutoCloseable {

  /** The largest message the server accepts over this transport, in bytes. */
  int maxMessageBytes();

  /** What became of one message. */
  enum Outcome {
    /** The server accepted it. */
    DELIVERED,
    /** Not delivered for a reason that may pass (unreachable, busy, timeout): the exporter keeps it and retries. */
    RETRYABLE,
    /** The server refused it for good (malformed, forbidden): retrying cannot help; it is counted as failed. */
    REJECTED
  }

  /**
   * Delivers one message, retrying transient failures within the transport's timeout, and says whether a failure is
   * worth retrying later ({@link Outcome#RETRYABLE}: the exporter holds the spans) or final ({@link
   * Outcome#REJECTED}: counted as failed).
   */
  Outcome deliver(byte[] message);

  /** Number of retried attempts so far (for statistics). */
  default long retries() {
    return 0;
  }

  /** Releases connections; later sends fail. */
  @Override
  void close();
}
