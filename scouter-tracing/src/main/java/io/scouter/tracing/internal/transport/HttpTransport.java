package io.scouter.tracing.internal.transport;

import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.internal.Tls;
import io.scouter.tracing.internal.capture.CaptureSerializer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * Sends Scouter messages over HTTP: logs in ({@code GET /scouter/auth/login} with
 * {@code Username}/{@code Password} headers), posts to {@code /scouter/message} with the bearer token, adopts a
 * refreshed token from the response, logs in again once on 401, and retries 429, 502, 503, 504 and connection
 * failures (honouring {@code Retry-After}) in the shared {@link RetryingTransport} loop within the request timeout. An
 * {@code https} server is verified with the configured TLS context; a failed handshake (e.g. an untrusted certificate)
 * is logged as such and retried like an unreachable server, never downgraded to plain HTTP. Credentials never reach a
 * log line. Runs on the export worker thread. Not a public API.
 */
final class HttpTransport extends RetryingTransport {
  private static final Logger LOG = Logger.getLogger(HttpTransport.class.getName());
  /** Axum's default JSON body limit is 2 MiB; keep a margin for headers of the request line. */
  static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024 - 4096;

  private final HttpConfig config;
  private final URI loginUri;
  private final URI messageUri;
  private final HttpClient client;
  private volatile String token;

  HttpTransport(HttpConfig config) {
    super(LOG, config.uri(), config.timeout(), "scouter.http.truststore", "HttpConfig.trustStore");
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

  @Override
  public int maxMessageBytes() {
    return MAX_MESSAGE_BYTES;
  }

  /** One post: delivered, worth retrying (busy, unreachable), or refused for good (4xx other than 401/429). */
  @Override
  protected Attempt attempt(byte[] body, long deadline, boolean relogged) {
    try {
      if (token == null && !login()) {
        return Attempt.LATER;
      }
      HttpRequest request = HttpRequest.newBuilder(messageUri).timeout(Duration.ofNanos(remainingNanos(deadline)))
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      adoptRefreshedToken(response);
      int status = response.statusCode();
      if (status / 100 == 2) {
        return Attempt.DELIVERED;
      }
      if (status == 401 && !relogged) {
        token = null;
        return Attempt.RELOGIN;
      }
      if (status == 429 || status == 502 || status == 503 || status == 504) {
        long retryAfter = retryAfter(response);
        return retryAfter >= 0 ? Attempt.retryAfter("HTTP " + status, retryAfter) : Attempt.retry("HTTP " + status);
      }
      errors.warn("Scouter server rejected a message: HTTP " + status + " " + snippet(response.body()));
      return status / 100 == 4 ? Attempt.REJECTED : Attempt.LATER;
    } catch (IOException e) {
      SSLException tls = Tls.tlsFailure(e);
      return Attempt.unreachable(tls != null ? Tls.oneLine(tls) : e.getClass().getSimpleName(), tls != null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Attempt.LATER;
    }
  }

  /**
   * The string field {@code token} of the login answer's JSON object ({@code null} when absent, not a string, or the
   * answer is not an object), read with Jackson core alone so the transport never loads databind; invalid JSON
   * throws.
   */
  static String token(String body) throws IOException {
    try (com.fasterxml.jackson.core.JsonParser p = CaptureSerializer.factory().createParser(body)) {
      com.fasterxml.jackson.core.JsonToken first = p.nextToken();
      if (first != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        p.skipChildren(); // an array or a scalar is read to its end (invalid JSON throws), but holds no token
        return null;
      }
      String token = null;
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String name = p.currentName();
        com.fasterxml.jackson.core.JsonToken value = p.nextToken();
        if (name.equals("token")) {
          token = value == com.fasterxml.jackson.core.JsonToken.VALUE_STRING ? p.getText() : null; // the last wins
        } else {
          p.skipChildren();
        }
      }
      return token;
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
      String t = token(response.body());
      if (t == null || t.isEmpty()) {
        errors.warn("Scouter login answered without a token");
        return false;
      }
      token = t;
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

  /** {@code Retry-After} in seconds as milliseconds, or -1 (absent, or an HTTP date: the backoff decides). */
  private static long retryAfter(HttpResponse<?> response) {
    Optional<String> v = response.headers().firstValue("Retry-After");
    if (v.isPresent()) {
      try {
        return Long.parseLong(v.get().trim()) * 1000;
      } catch (NumberFormatException ignored) {
        // an HTTP date: fall back to our backoff
      }
    }
    return -1;
  }
}
