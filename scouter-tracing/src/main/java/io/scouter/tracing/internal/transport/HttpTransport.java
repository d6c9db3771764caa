package io.scouter.tracing.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.internal.RateLimitedLog;
import io.scouter.tracing.internal.Tls;
import io.scouter.tracing.internal.capture.CaptureSerializer;
import io.scouter.tracing.spi.MessageTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * Sends Scouter messages over HTTP: logs in ({@code GET /scouter/auth/login} with
 * {@code Username}/{@code Password} headers), posts to {@code /scouter/message} with the bearer token, adopts a
 * refreshed token from the response, logs in again once on 401, and retries 429, 503 and connection failures with
 * exponential backoff and jitter (honouring {@code Retry-After}) within the request timeout. An {@code https} server
 * is verified with the configured TLS context; a failed handshake (e.g. an untrusted certificate) is logged as such
 * and retried like an unreachable server, never downgraded to plain HTTP. Credentials never reach a log line. Runs
 * on the export worker thread. Not a public API.
 */
final class HttpTransport implements MessageTransport {
  private static final Logger LOG = Logger.getLogger(HttpTransport.class.getName());

  private final HttpConfig config;
  private final URI loginUri;
  private final URI messageUri;
  private final HttpClient client;
  private final RateLimitedLog errors = new RateLimitedLog(LOG, 30_000);
  private volatile String token;
  private volatile boolean shutdown;

  HttpTransport(HttpConfig config) {
    this.config = config;
    String base = config.uri().toString() + "/scouter";
    this.loginUri = URI.create(base + "/auth/login");
    this.messageUri = URI.create(base + "/message");
    HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.timeout());
    if (config.sslContext() != null) {
      client.sslContext(config.sslContext());
    }
    this.client = client.build();
    this.token = config.authToken();
  }

  /** Axum's default JSON body limit is 2 MiB; keep a margin for headers of the request line. */
  static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024 - 4096;
  private final LongAdder retries = new LongAdder();

  @Override
  public int maxMessageBytes() {
    return MAX_MESSAGE_BYTES;
  }

  @Override
  public long retries() {
    return retries.sum();
  }

  /** Posts one message: delivered, worth retrying later, or refused for good (4xx other than 401/429). */
  @Override
  public Outcome deliver(byte[] body) {
    if (shutdown) {
      return Outcome.RETRYABLE;
    }
    long deadline = System.nanoTime() + config.timeout().toNanos();
    boolean relogged = false;
    Backoff backoff = new Backoff();
    while (true) {
      String reason;
      SSLException tls = null;
      long retryAfterMs = -1;
      try {
        if (token == null && !login()) {
          return Outcome.RETRYABLE;
        }
        HttpRequest request = HttpRequest.newBuilder(messageUri).timeout(remaining(deadline))
            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        adoptRefreshedToken(response);
        int status = response.statusCode();
        if (status / 100 == 2) {
          return Outcome.DELIVERED;
        }
        if (status == 401 && !relogged) {
          relogged = true;
          token = null;
          retries.increment();
          continue;
        }
        if (status != 429 && status != 503 && status != 502 && status != 504) {
          errors.warn("Scouter server rejected a message: HTTP " + status + " " + snippet(response.body()));
          return status / 100 == 4 ? Outcome.REJECTED : Outcome.RETRYABLE;
        }
        reason = "HTTP " + status;
        retryAfterMs = retryAfter(response);
      } catch (IOException e) {
        tls = Tls.tlsFailure(e);
        reason = tls != null ? Tls.oneLine(tls) : e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.RETRYABLE;
      } catch (IllegalArgumentException timeUp) {
        reason = "timeout";
      }
      long wait = retryAfterMs >= 0 ? retryAfterMs : backoff.jittered();
      if (shutdown || System.nanoTime() + wait * 1_000_000 >= deadline) {
        if (tls != null) {
          errors.warn(Tls.handshakeWarning(config.uri(), reason, "scouter.http.truststore", "HttpConfig.trustStore"));
        } else {
          errors.warn("Scouter server unreachable at " + config.uri() + " (" + reason + ") for "
              + config.timeout().toMillis() + " ms; the spans are kept and retried");
        }
        return Outcome.RETRYABLE;
      }
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.RETRYABLE;
      }
      backoff.grow();
      retries.increment();
    }
  }

  private boolean login() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(loginUri).timeout(config.timeout())
        .header("Username", config.username() == null ? "" : config.username())
        .header("Password", config.password() == null ? "" : config.password()).GET().build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      errors.warn("Scouter login failed for user '" + config.username() + "': HTTP " + response.statusCode());
      return false;
    }
    try {
      JsonNode t = CaptureSerializer.mapper().readTree(response.body()).get("token");
      if (t == null || !t.isTextual() || t.asText().isEmpty()) {
        errors.warn("Scouter login answered without a token");
        return false;
      }
      token = t.asText();
      return true;
    } catch (IOException e) {
      errors.warn("Scouter login answered with invalid JSON");
      return false;
    }
  }

  private void adoptRefreshedToken(HttpResponse<?> response) {
    Optional<String> auth = response.headers().firstValue("Authorization");
    if (auth.isPresent() && auth.get().regionMatches(true, 0, "Bearer ", 0, 7) && auth.get().length() > 7) {
      token = auth.get().substring(7).trim();
    }
  }

  private static long retryAfter(HttpResponse<?> response) {
    Optional<String> v = response.headers().firstValue("Retry-After");
    if (v.isPresent()) {
      try {
        return Math.min(Backoff.MAX_MS, Long.parseLong(v.get().trim()) * 1000);
      } catch (NumberFormatException ignored) {
        // an HTTP date: fall back to our backoff
      }
    }
    return -1;
  }

  private static Duration remaining(long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new IllegalArgumentException("time up");
    }
    return Duration.ofNanos(left);
  }

  /** The start of a server error text, single line, without control characters. */
  static String snippet(String body) {
    if (body == null) {
      return "";
    }
    String s = body.length() > 300 ? body.substring(0, 300) + "..." : body;
    return s.replaceAll("[\\p{Cntrl}]", " ");
  }

  @Override
  public void close() {
    shutdown = true;
  }
}
