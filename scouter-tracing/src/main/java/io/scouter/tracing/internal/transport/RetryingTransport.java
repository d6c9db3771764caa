package io.scouter.tracing.internal.transport;

import io.scouter.tracing.internal.RateLimitedLog;
import io.scouter.tracing.internal.Tls;
import io.scouter.tracing.spi.MessageTransport;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * The one retry loop of the Scouter server transports (HTTP in the core, gRPC in {@code scouter-transport-grpc}): a
 * delivery gets the transport's timeout as its deadline; within it an attempt that the server answered "log in again"
 * is repeated once after a fresh login, and transient failures (unreachable, busy, timed out) are repeated after the
 * shared {@link Backoff} (or the server's {@code Retry-After}); when the next wait would pass the deadline, one
 * rate-limited warning says why: the server unreachable at its URI, or its certificate failing the TLS handshake with
 * the setting that fixes it. The subclass says only what one attempt did ({@link #attempt}). Credentials never reach a
 * log line: reasons are the subclass's, which must keep them out. Not a public API.
 *
 * <pre>{@code
 * final class SomeTransport extends RetryingTransport {
 *   SomeTransport(SomeConfig c) { super(LOG, c.uri(), c.timeout(), "scouter.some.truststore", "SomeConfig.trustStore"); }
 *   protected Attempt attempt(byte[] message, long deadline, boolean relogged) {
 *     ... send within remaining(deadline) ...
 *     return ok ? Attempt.DELIVERED : Attempt.retry("HTTP 503");
 *   }
 * }
 * }</pre>
 */
public abstract class RetryingTransport implements MessageTransport {
  /** What one attempt did. */
  protected enum Kind {
    /** The server accepted the message. */
    DELIVERED,
    /** The server refused it for good: not retried, counted as failed. */
    REJECTED,
    /** Not delivered, and not worth retrying within this delivery (the exporter retries later). */
    LATER,
    /** The credentials expired: retry once, after a fresh login (offered only while {@code relogged} is false). */
    RELOGIN,
    /** A transient failure: retry after a backoff within the deadline. */
    RETRY
  }

  /**
   * The result of one attempt.
   *
   * @param kind what happened
   * @param reason why a {@link Kind#RETRY} failed, for the final warning (no credentials)
   * @param tls whether it failed in the TLS handshake
   * @param retryAfterMs the server's {@code Retry-After}, or -1 for the backoff
   * @param reconnect whether the connection broke (the transport then resets its reconnect pacing before the next try)
   */
  protected record Attempt(Kind kind, String reason, boolean tls, long retryAfterMs, boolean reconnect) {
    /** Delivered. */
    public static final Attempt DELIVERED = new Attempt(Kind.DELIVERED, null, false, -1, false);
    /** Refused for good. */
    public static final Attempt REJECTED = new Attempt(Kind.REJECTED, null, false, -1, false);
    /** Not delivered; left to the exporter's next retry. */
    public static final Attempt LATER = new Attempt(Kind.LATER, null, false, -1, false);
    /** Log in again and retry once. */
    public static final Attempt RELOGIN = new Attempt(Kind.RELOGIN, null, false, -1, false);

    /** A transient failure, retried after the backoff. */
    public static Attempt retry(String reason) {
      return new Attempt(Kind.RETRY, reason, false, -1, false);
    }

    /** A transient failure, retried after the server's {@code Retry-After} (milliseconds, capped). */
    public static Attempt retryAfter(String reason, long retryAfterMs) {
      return new Attempt(Kind.RETRY, reason, false, Math.min(Backoff.MAX_MS, retryAfterMs), false);
    }

    /** The connection failed (possibly in the TLS handshake): retried after the backoff on a fresh connection. */
    public static Attempt unreachable(String reason, boolean tls) {
      return new Attempt(Kind.RETRY, reason, tls, -1, true);
    }
  }

  /** Warnings of this transport, at most one per 30 s. */
  protected final RateLimitedLog errors;
  private final URI uri;
  private final Duration timeout;
  private final String trustStoreKey;
  private final String trustStoreBuilder;
  private final LongAdder retries = new LongAdder();
  private volatile boolean shutdown;

  /**
   * @param uri the server, as warnings name it
   * @param timeout the bound of one {@link #deliver}
   * @param trustStoreKey the configuration key that fixes a failed handshake, e.g. {@code scouter.http.truststore}
   * @param trustStoreBuilder the builder method that does, e.g. {@code HttpConfig.trustStore}
   */
  protected RetryingTransport(Logger log, URI uri, Duration timeout, String trustStoreKey, String trustStoreBuilder) {
    this.errors = new RateLimitedLog(log, 30_000);
    this.uri = uri;
    this.timeout = timeout;
    this.trustStoreKey = trustStoreKey;
    this.trustStoreBuilder = trustStoreBuilder;
  }

  /**
   * One attempt to deliver {@code message} before {@code deadline} ({@link System#nanoTime()}); may throw
   * {@link TimeUp} (from {@link #remainingNanos}) when no time is left to start it.
   *
   * @param relogged whether this delivery already logged in again after a {@link Kind#RELOGIN}: then answer the
   *     refused credentials with {@link Kind#REJECTED} or {@link Kind#LATER} instead
   */
  protected abstract Attempt attempt(byte[] message, long deadline, boolean relogged);

  /** Called before the first attempt of each delivery (e.g. to wake a connection waiting to reconnect). */
  protected void beforeDelivery() {}

  /** Called before an attempt that follows a {@link Attempt#unreachable} one. */
  protected void reconnect() {}

  @Override
  public final Outcome deliver(byte[] message) {
    if (shutdown) {
      return Outcome.RETRYABLE;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    beforeDelivery();
    boolean relogged = false;
    Backoff backoff = new Backoff();
    while (true) {
      Attempt a;
      try {
        a = attempt(message, deadline, relogged);
      } catch (TimeUp e) {
        a = Attempt.retry("timeout");
      }
      switch (a.kind()) {
        case DELIVERED:
          return Outcome.DELIVERED;
        case REJECTED:
          return Outcome.REJECTED;
        case LATER:
          return Outcome.RETRYABLE;
        case RELOGIN:
          if (relogged) {
            return Outcome.REJECTED; // the subclass should not offer it twice; never loop
          }
          relogged = true;
          retries.increment();
          continue;
        default:
          break;
      }
      long wait = a.retryAfterMs() >= 0 ? a.retryAfterMs() : backoff.jittered();
      if (shutdown || System.nanoTime() + wait * 1_000_000 >= deadline) {
        if (a.tls()) {
          errors.warn(Tls.handshakeWarning(uri, a.reason(), trustStoreKey, trustStoreBuilder));
        } else {
          errors.warn("Scouter server unreachable at " + uri + " (" + a.reason() + ") for " + timeout.toMillis()
              + " ms; the message (spans or queue records) is kept and retried");
        }
        return Outcome.RETRYABLE;
      }
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.RETRYABLE;
      }
      if (a.reconnect()) {
        reconnect();
      }
      backoff.grow();
      retries.increment();
    }
  }

  @Override
  public long retries() {
    return retries.sum();
  }

  /** Whether {@link #close()} was called: later deliveries fail at once. */
  protected boolean closed() {
    return shutdown;
  }

  /** Later deliveries fail; a subclass releasing connections calls this first. */
  @Override
  public void close() {
    shutdown = true;
  }

  /**
   * The time left until {@code deadline}.
   *
   * @throws TimeUp when none is
   */
  protected static long remainingNanos(long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new TimeUp();
    }
    return left;
  }

  /** The start of a server text, single line, without control characters, at most 300 characters. */
  public static String snippet(String text) {
    if (text == null) {
      return "";
    }
    String s = text.length() > 300 ? text.substring(0, 300) + "..." : text;
    return s.replaceAll("[\\p{Cntrl}]", " ");
  }

  /** The delivery's time ran out before an attempt could start. */
  protected static final class TimeUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TimeUp() {
      super("time up", null, false, false);
    }
  }
}
