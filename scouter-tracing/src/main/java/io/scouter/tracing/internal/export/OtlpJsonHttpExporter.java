package io.scouter.tracing.internal.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.scouter.tracing.internal.RateLimitedLog;
import io.scouter.tracing.internal.Tls;
import io.scouter.tracing.internal.wire.ScouterWireEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;

/**
 * OTLP/HTTP with the JSON encoding ({@code http/json}), which the OpenTelemetry Java SDK does not offer: posts the
 * bare {@code ExportTraceServiceRequest} written by {@link ScouterWireEncoder#encodeRequest} (lowercase hex ids and
 * integer enums, as the OTLP/JSON specification requires) with {@code Content-Type: application/json}, the configured
 * headers and optional gzip ({@code Content-Encoding: gzip}). {@link #export} does not block: it returns a result
 * completed by {@link HttpClient#sendAsync}; any 2xx is success (a {@code partialSuccess} with rejected spans is
 * logged), anything else, a timeout or a connection error is a failure. It never throws and does not retry. Header
 * values are never logged. Not a public API.
 */
public final class OtlpJsonHttpExporter implements SpanExporter {
  private static final Logger LOG = Logger.getLogger(OtlpJsonHttpExporter.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String USER_AGENT = "scouter-tracing-java (OTLP/HTTP JSON)";
  private static final int SNIPPET = 200;
  /** {@code CompletableResultCode.failExceptionally} exists since OpenTelemetry 1.41; older runtime SDKs lack it. */
  private static final boolean FAIL_WITH_THROWABLE = hasFailExceptionally();

  private final URI endpoint;
  private final Map<String, String> headers;
  private final boolean gzip;
  private final Duration timeout;
  private final HttpClient client;
  private final Set<CompletableResultCode> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean shutdown = new AtomicBoolean();
  private final RateLimitedLog errors = new RateLimitedLog(LOG, 30_000);

  /**
   * @param endpoint the full URL, e.g. {@code http://collector:4318/v1/traces}
   * @param headers extra request headers (e.g. authorization)
   * @param gzip whether to compress the body
   * @param timeout for connecting and for the whole request
   * @throws IllegalArgumentException for a URL that is not http(s) with a host, or a header Java's HTTP client refuses
   */
  public OtlpJsonHttpExporter(URI endpoint, Map<String, String> headers, boolean gzip, Duration timeout) {
    this(endpoint, headers, gzip, timeout, null);
  }

  /**
   * As {@link #OtlpJsonHttpExporter(URI, Map, boolean, Duration)}, verifying an {@code https} endpoint with
   * {@code sslContext} ({@code null}: the JVM's default).
   */
  public OtlpJsonHttpExporter(URI endpoint, Map<String, String> headers, boolean gzip, Duration timeout,
      SSLContext sslContext) {
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
      throw new IllegalArgumentException("Invalid OTLP/HTTP endpoint '" + endpoint
          + "': expected http(s)://host:port/v1/traces");
    }
    this.endpoint = endpoint;
    this.headers = new LinkedHashMap<>(headers);
    this.gzip = gzip;
    this.timeout = timeout;
    for (String name : this.headers.keySet()) {
      try {
        HttpRequest.newBuilder(endpoint).header(name, this.headers.get(name));
      } catch (IllegalArgumentException e) {
        // the JDK's message may contain the value, which may be a secret
        throw new IllegalArgumentException("Invalid OTLP header '" + name + "': Java's HTTP client refuses this name "
            + "or its value (restricted names: connection, content-length, expect, host, upgrade)");
      }
    }
    // HTTP/1.1: a plain-http HTTP/2 upgrade attempt confuses some collectors and proxies
    HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
    if (sslContext != null) {
      client.sslContext(sslContext);
    }
    this.client = client.build();
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    if (shutdown.get()) {
      return CompletableResultCode.ofFailure();
    }
    if (spans.isEmpty()) {
      return CompletableResultCode.ofSuccess();
    }
    CompletableResultCode result = new CompletableResultCode();
    try {
      byte[] body = ScouterWireEncoder.encodeRequest(spans);
      HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint).timeout(timeout);
      headers.forEach(rb::header);
      rb.setHeader("Content-Type", "application/json");
      if (!headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("User-Agent"))) {
        rb.setHeader("User-Agent", USER_AGENT);
      }
      if (gzip) {
        body = gzip(body);
        rb.setHeader("Content-Encoding", "gzip");
      }
      HttpRequest request = rb.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      int count = spans.size();
      inFlight.add(result);
      client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
        try {
          complete(result, count, response, error);
        } catch (RuntimeException e) {
          fail(result, e);
        } finally {
          inFlight.remove(result);
        }
      });
    } catch (RuntimeException e) {
      inFlight.remove(result);
      errors.warn("OTLP/HTTP JSON export to " + endpoint + " failed: " + e.getClass().getSimpleName());
      LOG.log(Level.FINE, "OTLP/HTTP JSON export failure", e);
      fail(result, e);
    }
    return result;
  }

  private void complete(CompletableResultCode result, int count, HttpResponse<byte[]> response, Throwable error) {
    if (error != null) {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      String reason = cause instanceof HttpTimeoutException
          ? "no response within " + timeout.toMillis() + " ms"
          : Tls.tlsFailure(cause) != null ? "TLS handshake failed (" + Tls.oneLine(Tls.tlsFailure(cause))
              + "); configure scouter.exporter.trusted-certificates"
          : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
      errors.warn("OTLP/HTTP JSON export of " + count + " spans to " + endpoint + " failed: " + reason);
      fail(result, cause);
      return;
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      errors.warn("OTLP/HTTP JSON export of " + count + " spans to " + endpoint + " rejected: HTTP " + status + " "
          + snippet(response.body()));
      result.fail();
      return;
    }
    logPartialSuccess(response.body());
    result.succeed();
  }

  /** OTLP: a 2xx may carry {@code partialSuccess.rejectedSpans}; the batch still counts as exported. */
  private void logPartialSuccess(byte[] body) {
    if (body == null || body.length == 0) {
      return;
    }
    try {
      JsonNode partial = JSON.readTree(body).path("partialSuccess");
      long rejected = partial.path("rejectedSpans").asLong(0);
      if (rejected > 0) {
        errors.warn("OTLP collector at " + endpoint + " rejected " + rejected + " spans: "
            + partial.path("errorMessage").asText(""));
      }
    } catch (IOException | RuntimeException notJson) {
      // a 2xx body that is not the OTLP response message: nothing to report
    }
  }

  private static String snippet(byte[] body) {
    if (body == null) {
      return "";
    }
    String s = new String(body, 0, Math.min(body.length, SNIPPET), StandardCharsets.UTF_8);
    return body.length > SNIPPET ? s + "..." : s;
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Completes when every request in flight has completed (successfully or not). */
  @Override
  public CompletableResultCode flush() {
    CompletableResultCode done = new CompletableResultCode();
    CompletableResultCode.ofAll(new ArrayList<>(inFlight)).whenComplete(done::succeed);
    return done;
  }

  /** Refuses further exports; completes when the requests in flight have completed. */
  @Override
  public CompletableResultCode shutdown() {
    shutdown.set(true);
    return flush();
  }

  @Override
  public String toString() {
    return "OtlpJsonHttpExporter{endpoint=" + endpoint + ", headers=" + headers.keySet() + ", gzip=" + gzip
        + ", timeout=" + timeout + "}";
  }

  /** Fails {@code result}, with {@code cause} where the SDK supports it. */
  static void fail(CompletableResultCode result, Throwable cause) {
    if (FAIL_WITH_THROWABLE) {
      result.failExceptionally(cause);
    } else {
      result.fail();
    }
  }

  private static boolean hasFailExceptionally() {
    try {
      CompletableResultCode.class.getMethod("failExceptionally", Throwable.class);
      return true;
    } catch (NoSuchMethodException | SecurityException e) {
      return false;
    }
  }
}
