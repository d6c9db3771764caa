package io.scouter.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.scouter.tracing.TagRecord;
import io.scouter.tracing.TraceBaggageRecord;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.internal.capture.CaptureSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A small, wire-faithful stand-in for the Scouter server's ingestion side, for tests and demos: login and message
 * routes over HTTP on a free loopback port (a gRPC front end can share its {@link #login} and {@link #ingest}), strict
 * decoding with the server's status codes, token expiry and refresh, configurable failures, and an in-memory store
 * with a query API.
 *
 * <pre>{@code
 * try (ScouterDevServer server = ScouterDevServer.start()) {
 *   TracerConfig config = TracerConfig.builder().transport(HttpConfig.builder().uri(server.httpUri().toString())
 *       .build()).build();
 *   ...
 *   server.awaitSpans(3, Duration.ofSeconds(5));
 *   server.rateLimitEvery(2);         // every second message answers 429
 * }
 * }</pre>
 *
 * <p>Over HTTPS with {@link Builder#tls}; for long runs {@link Builder#keepSpans keepSpans(false)} keeps only the
 * count of spans ({@link #spanCount()}), not the spans.
 *
 * <p>Routes: {@code GET /scouter/auth/login} (headers {@code Username}, {@code Password} → {@code {"token"}}),
 * {@code POST /scouter/message} and {@code /scouter/drift} (bearer token; 200, 401, 415, 422, 429, 500, 503),
 * {@code GET /scouter/trace/spans?trace_id=} and {@code GET /scouter/dev/traces} (JSON), {@code GET
 * /scouter/healthcheck}, and {@code GET /}: the trace waterfall page (vanilla JS over {@code /scouter/dev/traces}).
 * Every response carries {@code x-scouter-api-version: 1.0.0}. From a shell: {@code java -jar
 * scouter-dev-server.jar} ({@link Main}).
 */
public final class ScouterDevServer implements AutoCloseable {
  /** Outcome of one ingested message. */
  public enum Status {
    ACCEPTED, UNAUTHENTICATED, INVALID, BUSY, UNAVAILABLE, FAILED, DROP_CONNECTION
  }

  /**
   * What {@link #ingest} decided. @param status outcome @param detail the server's error text @param refreshedToken a
   * new token to hand back when the presented one had expired but was refreshable, else {@code null}
   */
  public record Result(Status status, String detail, String refreshedToken) {}

  private static final ObjectMapper JSON = CaptureSerializer.mapper();
  private static final String PAGE = "/io/scouter/devserver/page/index.html";

  private final Map<String, String> users;
  private final Map<String, Boolean> tokens = new ConcurrentHashMap<>(); // token -> expired (refreshable)
  private final List<TraceSpanRecord> spans = new ArrayList<>();
  private final Set<TagRecord> tags = new LinkedHashSet<>();
  private final List<TraceBaggageRecord> baggage = new ArrayList<>();
  private final List<JsonNode> records = new ArrayList<>();
  private final List<String> rejections = new ArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private volatile int failStatus = 503;
  private volatile int rateLimitEvery;
  private final AtomicLong messageCount = new AtomicLong();
  private final AtomicInteger dropNext = new AtomicInteger();
  private final AtomicInteger logins = new AtomicInteger();
  private volatile long delayMillis;
  private final AtomicLong spanCount = new AtomicLong();
  private final boolean keepSpans;
  private final boolean tls;
  private final HttpServer http;
  private final ExecutorService executor;

  static {
    // the JDK server writes response headers and body separately; without TCP_NODELAY every response waits for the
    // client's delayed ACK (~40 ms), which would make the dev server, not the client, the measured bottleneck
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private ScouterDevServer(Builder b) throws IOException {
    this.users = Map.copyOf(b.users);
    this.keepSpans = b.keepSpans;
    this.tls = b.sslContext != null;
    InetSocketAddress address = new InetSocketAddress(b.host, b.port);
    if (tls) {
      HttpsServer https = HttpsServer.create(address, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(b.sslContext));
      this.http = https;
    } else {
      this.http = HttpServer.create(address, 64);
    }
    this.executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "scouter-dev-server");
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(executor);
    http.createContext("/scouter/auth/login", this::handleLogin);
    http.createContext("/scouter/message", this::handleMessage);
    http.createContext("/scouter/drift", this::handleMessage);
    http.createContext("/scouter/trace/spans", this::handleSpans);
    http.createContext("/scouter/dev/traces", this::handleTraces);
    http.createContext("/scouter/healthcheck", ex -> respond(ex, 200, "{\"status\":\"ok\"}"));
    http.createContext("/", this::handlePage);
    http.start();
  }

  /** Starts with user {@code admin}/{@code admin} on a free loopback port. */
  public static ScouterDevServer start() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The base URI, e.g. {@code http://127.0.0.1:41234}, or {@code https://...} with {@link Builder#tls} (what
   * {@code scouter.http.uri} takes).
   */
  public URI httpUri() {
    String host = http.getAddress().getHostString();
    return URI.create((tls ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + http.getAddress().getPort());
  }

  public int port() {
    return http.getAddress().getPort();
  }

  // ---- the ingestion core, shared by every front end ----

  /** Logs a user in; the token, or {@code null} for bad credentials. */
  public String login(String username, String password) {
    logins.incrementAndGet();
    if (username == null || password == null || !password.equals(users.get(username))) {
      return null;
    }
    String token = "dev-" + UUID.randomUUID();
    tokens.put(token, false);
    return token;
  }

  /** Authenticates, applies the configured failures, decodes strictly and stores one message. */
  public Result ingest(byte[] message, String token) {
    Boolean expired = token == null ? null : tokens.get(token);
    if (expired == null) {
      return new Result(Status.UNAUTHENTICATED, "Unauthorized", null);
    }
    String refreshed = null;
    if (expired) {
      tokens.remove(token);
      refreshed = "dev-" + UUID.randomUUID();
      tokens.put(refreshed, false);
    }
    if (dropNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      return new Result(Status.DROP_CONNECTION, "connection closed", null);
    }
    if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      return new Result(failStatus == 429 ? Status.BUSY : failStatus == 500 ? Status.FAILED : Status.UNAVAILABLE,
          "injected failure", refreshed);
    }
    long n = messageCount.incrementAndGet();
    int every = rateLimitEvery;
    if (every > 0 && n % every == 0) {
      return new Result(Status.BUSY, "Trace channel is full", refreshed);
    }
    WireDecoder.Message decoded;
    try {
      decoded = WireDecoder.decode(message);
    } catch (WireFormatException e) {
      synchronized (this) {
        rejections.add(e.getMessage());
      }
      return new Result(Status.INVALID, "Failed to deserialize the JSON body into the target type: " + e.getMessage(),
          refreshed);
    }
    synchronized (this) {
      switch (decoded.kind()) {
        case TRACE:
          spanCount.addAndGet(decoded.spans().size());
          if (keepSpans) {
            spans.addAll(decoded.spans());
            baggage.addAll(decoded.baggage());
          }
          tags.addAll(decoded.tags());
          break;
        case RECORDS:
          decoded.records().forEach(records::add);
          break;
        default:
          records.add(decoded.records());
      }
      notifyAll();
    }
    return new Result(Status.ACCEPTED, "Message queued for processing", refreshed);
  }

  // ---- failure modes ----

  /** The next {@code n} messages answer {@code status} (429, 500 or 503). */
  public void failNext(int n, int status) {
    failStatus = status;
    failNext.set(n);
  }

  /** Every {@code n}-th message answers 429 (0 turns it off). */
  public void rateLimitEvery(int n) {
    rateLimitEvery = n;
  }

  /** Delays every response. */
  public void delayResponses(Duration delay) {
    delayMillis = delay.toMillis();
  }

  /** The next {@code n} messages get their connection closed without a response. */
  public void closeConnectionsNext(int n) {
    dropNext.set(n);
  }

  /** Every issued token expires but stays refreshable: the next request is served and a new token returned. */
  public void expireTokens() {
    tokens.replaceAll((k, v) -> true);
  }

  /** Every issued token becomes invalid: requests answer 401 until the client logs in again. */
  public void revokeTokens() {
    tokens.clear();
  }

  // ---- the store ----

  public synchronized List<TraceSpanRecord> spans() {
    return List.copyOf(spans);
  }

  public synchronized List<TraceSpanRecord> spans(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).collect(Collectors.toList());
  }

  public synchronized List<TagRecord> tags() {
    return List.copyOf(tags);
  }

  public synchronized List<TraceBaggageRecord> baggage() {
    return List.copyOf(baggage);
  }

  /** Queue records ({@code ServerRecord} objects) and bare tags received. */
  public synchronized List<JsonNode> records() {
    return List.copyOf(records);
  }

  /** Why messages were rejected as invalid. */
  public synchronized List<String> rejections() {
    return List.copyOf(rejections);
  }

  /** Spans accepted since the start (or {@link #clear()}), also when they are not kept. */
  public long spanCount() {
    return spanCount.get();
  }

  /** Messages that reached decoding (including rate-limited ones). */
  public long messages() {
    return messageCount.get();
  }

  public int logins() {
    return logins.get();
  }

  /** Waits until at least {@code count} spans are stored. @throws AssertionError on timeout */
  public synchronized List<TraceSpanRecord> awaitSpans(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (spans.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("expected " + count + " spans within " + timeout + " but the dev server has "
            + spans.size() + (rejections.isEmpty() ? "" : "; rejected: " + rejections));
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + count + " spans", e);
      }
    }
    return List.copyOf(spans);
  }

  /** Forgets everything stored and every failure mode (tokens stay valid). */
  public synchronized void clear() {
    spans.clear();
    tags.clear();
    baggage.clear();
    records.clear();
    rejections.clear();
    failNext.set(0);
    dropNext.set(0);
    rateLimitEvery = 0;
    delayMillis = 0;
    messageCount.set(0);
    spanCount.set(0);
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  // ---- HTTP front end ----

  private void handleLogin(HttpExchange ex) throws IOException {
    if (!ex.getRequestMethod().equals("GET")) {
      respond(ex, 405, "{\"error\":\"method not allowed\"}");
      return;
    }
    String token = login(ex.getRequestHeaders().getFirst("Username"), ex.getRequestHeaders().getFirst("Password"));
    if (token == null) {
      respond(ex, 401, "{\"error\":\"Unauthorized\",\"code\":401}");
    } else {
      respond(ex, 200, "{\"token\":\"" + token + "\"}");
    }
  }

  private void handleMessage(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readAllBytes();
      if (!ex.getRequestMethod().equals("POST")) {
        respond(ex, 405, "{\"error\":\"method not allowed\"}");
        return;
      }
      String contentType = ex.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        respond(ex, 415, "{\"error\":\"Expected request with `Content-Type: application/json`\"}");
        return;
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
      pause();
      Result r = ingest(body, token);
      if (r.refreshedToken() != null) {
        ex.getResponseHeaders().add("Authorization", "Bearer " + r.refreshedToken());
      }
      switch (r.status()) {
        case ACCEPTED:
          respond(ex, 200, "{\"status\":\"success\",\"message\":\"Message queued for processing\"}");
          break;
        case UNAUTHENTICATED:
          respond(ex, 401, "{\"error\":\"Unauthorized\",\"code\":401}");
          break;
        case INVALID:
          respond(ex, 422, error(r.detail(), 422));
          break;
        case BUSY:
          respond(ex, 429, "{\"error\":\"" + r.detail() + "\",\"code\":429,\"suggested_action\":\"retry later\"}");
          break;
        case UNAVAILABLE:
          respond(ex, 503, error(r.detail(), 503));
          break;
        case DROP_CONNECTION:
          ex.close();
          break;
        default:
          respond(ex, 500, error(r.detail(), 500));
      }
    }
  }

  private void handleSpans(HttpExchange ex) throws IOException {
    String query = ex.getRequestURI().getQuery();
    String traceId = null;
    if (query != null) {
      for (String p : query.split("&")) {
        if (p.startsWith("trace_id=")) {
          traceId = p.substring(9);
        }
      }
    }
    List<TraceSpanRecord> found = traceId == null ? spans() : spans(traceId);
    respond(ex, 200, JSON.writeValueAsString(Map.of("spans", found)));
  }

  private void handleTraces(HttpExchange ex) throws IOException {
    Map<String, List<TraceSpanRecord>> byTrace = new LinkedHashMap<>();
    for (TraceSpanRecord s : spans()) {
      byTrace.computeIfAbsent(s.traceId(), k -> new ArrayList<>()).add(s);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    byTrace.forEach((id, list) -> out.add(Map.of("trace_id", id, "spans", list)));
    respond(ex, 200, JSON.writeValueAsString(Map.of("traces", out, "tags", tags(), "records", records())));
  }

  /** The trace page at {@code /} (and {@code /index.html}); any other unknown path is a JSON 404. */
  private void handlePage(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    if (!path.equals("/") && !path.equals("/index.html")) {
      respond(ex, 404, "{\"error\":\"not found\",\"code\":404}");
      return;
    }
    if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
      respond(ex, 405, "{\"error\":\"method not allowed\"}");
      return;
    }
    byte[] page;
    try (InputStream in = ScouterDevServer.class.getResourceAsStream(PAGE)) {
      if (in == null) {
        respond(ex, 500, error("trace page " + PAGE + " missing from the classpath", 500));
        return;
      }
      page = in.readAllBytes();
    }
    ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    ex.getResponseHeaders().add("Cache-Control", "no-cache");
    ex.getResponseHeaders().add("x-scouter-api-version", "1.0.0");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(200, head ? -1 : page.length);
    try (OutputStream out = ex.getResponseBody()) {
      if (!head) {
        out.write(page);
      }
    }
  }

  private void pause() {
    long d = delayMillis;
    if (d > 0) {
      try {
        Thread.sleep(d);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String error(String detail, int code) throws IOException {
    return JSON.writeValueAsString(Map.of("error", detail, "code", code));
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.getResponseHeaders().add("x-scouter-api-version", "1.0.0");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  /** Builder for {@link ScouterDevServer}. */
  public static final class Builder {
    private final Map<String, String> users = new ConcurrentHashMap<>(Map.of("admin", "admin"));
    private String host = "127.0.0.1";
    private int port;
    private SSLContext sslContext;
    private boolean keepSpans = true;

    private Builder() {}

    /** Adds a user (default {@code admin}/{@code admin}). */
    public Builder user(String username, String password) {
      users.put(username, password);
      return this;
    }

    /** Replaces every user (the default {@code admin}/{@code admin} too) with these names and passwords. */
    public Builder users(Map<String, String> users) {
      if (users.isEmpty()) {
        throw new IllegalArgumentException("users: at least one");
      }
      this.users.clear();
      this.users.putAll(users);
      return this;
    }

    /** Listen address; default {@code 127.0.0.1}. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Port; default 0 (a free one). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Serves HTTPS with this server context (e.g. the testkit's {@code SelfSignedCertificate.serverContext()}). */
    public Builder tls(SSLContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /**
     * Whether accepted spans are stored for {@link #spans()} (default {@code true}); {@code false} only counts them
     * ({@link #spanCount()}) and drops their baggage, for long runs with bounded memory; tags and queue records are
     * stored either way.
     */
    public Builder keepSpans(boolean keepSpans) {
      this.keepSpans = keepSpans;
      return this;
    }

    public ScouterDevServer build() {
      try {
        return new ScouterDevServer(this);
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the Scouter dev server: " + e.getMessage(), e);
      }
    }
  }
}
