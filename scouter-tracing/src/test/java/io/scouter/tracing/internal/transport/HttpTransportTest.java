package io.scouter.tracing.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.SpanKind;
import io.scouter.tracing.TracerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP transport over real loopback sockets against a small server that answers like the Scouter server's login
 * and message routes (the full dev server with strict decoding belongs to the testkit).
 */
class HttpTransportTest {
  private static final String SECRET = "pw-Zq81-secret";
  private final ObjectMapper json = new ObjectMapper();
  private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
  private final List<String> authHeaders = new CopyOnWriteArrayList<>();
  private final AtomicInteger logins = new AtomicInteger();
  private final AtomicInteger rejectNext = new AtomicInteger();
  private volatile int rejectStatus = 429;
  private volatile String validToken = "token-1";
  private HttpServer server;
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final Handler logCapture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logLines.add(r.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/scouter/auth/login", ex -> {
      logins.incrementAndGet();
      boolean ok = "admin".equals(ex.getRequestHeaders().getFirst("Username"))
          && SECRET.equals(ex.getRequestHeaders().getFirst("Password"));
      respond(ex, ok ? 200 : 401, ok ? "{\"token\":\"" + validToken + "\"}" : "{\"error\":\"bad credentials\"}");
    });
    server.createContext("/scouter/message", ex -> {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      authHeaders.add(auth);
      byte[] body = ex.getRequestBody().readAllBytes();
      if (!("Bearer " + validToken).equals(auth)) {
        respond(ex, 401, "{\"error\":\"expired\"}");
        return;
      }
      if (rejectNext.getAndDecrement() > 0) {
        ex.getResponseHeaders().add("Retry-After", "0");
        respond(ex, rejectStatus, "{\"error\":\"busy\",\"code\":" + rejectStatus + "}");
        return;
      }
      messages.add(json.readTree(body));
      respond(ex, 200, "{\"status\":\"success\",\"message\":\"Message queued for processing\"}");
    });
    server.start();
    Logger.getLogger("io.scouter").addHandler(logCapture);
  }

  @AfterEach
  void stop() {
    ScouterTracing.shutdown();
    server.stop(0);
    Logger.getLogger("io.scouter").removeHandler(logCapture);
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  private ScouterTracer init() {
    return ScouterTracing.initTracer(TracerConfig.builder().serviceName("chat-svc")
        .transport(HttpConfig.builder().uri("http://127.0.0.1:" + server.getAddress().getPort())
            .username("admin").password(SECRET).timeout(Duration.ofSeconds(5)).build())
        .batchConfig(BatchConfig.builder().scheduledDelayMs(60_000).build()).build());
  }

  private void runTrace(ScouterTracer tracer) {
    try (ActiveSpan span = tracer.spanBuilder("process_chat").kind(SpanKind.SERVER).label("chat").tag("env", "prod")
        .remoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true).startAsCurrent()) {
      span.setInput(Map.of("user_id", 1, "message", "hi"));
      span.setTag("tier", "gold");
      span.setAttribute("request_size_bytes", 1024);
      span.addEvent("validated", Map.of("checks", 5));
      span.setOutput(Map.of("reply", "hello"));
      try (ActiveSpan child = tracer.startAsCurrentSpan("child")) {
        child.setAttribute("empty", "");
      }
    }
  }

  @Test
  void oneBatchIsOneMessage_inTheStrictWireDialect() {
    runTrace(init());
    assertThat(ScouterTracing.flush()).isTrue();
    assertThat(logins.get()).isEqualTo(1);
    assertThat(messages).hasSize(1);
    JsonNode rs = messages.get(0).get("request").get("resourceSpans");
    assertThat(rs).hasSize(1);
    assertThat(rs.get(0).get("resource").get("attributes").toString())
        .contains("{\"key\":\"service.name\",\"value\":{\"stringValue\":\"chat-svc\"}}")
        .contains("\"scouter.scope\"").contains("telemetry.sdk.language");
    JsonNode scope = rs.get(0).get("scopeSpans").get(0);
    assertThat(scope.get("scope").get("name").asText()).isEqualTo("chat-svc");
    JsonNode spans = scope.get("spans");
    assertThat(spans).hasSize(2);
    JsonNode child = spans.get(0);
    JsonNode server = spans.get(1);
    assertThat(server.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(server.get("parentSpanId").asText()).isEqualTo("00f067aa0ba902b7");
    assertThat(server.get("flags").asInt()).isEqualTo(769);
    assertThat(child.get("flags").asInt()).isEqualTo(257);
    assertThat(child.get("parentSpanId").asText()).isEqualTo(server.get("spanId").asText());
    assertThat(server.get("kind").isInt()).isTrue();
    assertThat(server.get("kind").asInt()).isEqualTo(2);
    assertThat(server.get("startTimeUnixNano").isTextual()).isTrue();
    assertThat(server.get("endTimeUnixNano").isTextual()).isTrue();
    assertThat(server.get("status").get("code").asInt()).isZero();
    assertThat(server.get("attributes").toString())
        .contains("{\"key\":\"request_size_bytes\",\"value\":{\"intValue\":\"1024\"}}")
        .contains(
            "{\"key\":\"scouter.tracing.input\",\"value\":{\"stringValue\":\"{\\\"message\\\":\\\"hi\\\",\\\"user_id\\\":1}\"}}")
        .contains("{\"key\":\"baggage.scouter.tracing.tag.env\",\"value\":{\"stringValue\":\"prod\"}}")
        .contains("{\"key\":\"scouter.tracing.tag.tier\",\"value\":{\"stringValue\":\"gold\"}}");
    assertThat(child.get("attributes").toString()).contains("{\"key\":\"empty\",\"value\":{\"stringValue\":\"\"}}");
    JsonNode event = server.get("events").get(0);
    assertThat(event.get("timeUnixNano").isTextual()).isTrue();
    assertThat(event.get("attributes").toString()).isEqualTo("[{\"key\":\"checks\",\"value\":{\"intValue\":\"5\"}}]");
    assertThat(ScouterTracing.stats().get("scouter").exported()).isEqualTo(2);
  }

  @Test
  void expiredToken_logsInAgainOnce_andDelivers() {
    ScouterTracer tracer = init();
    runTrace(tracer);
    ScouterTracing.flush();
    validToken = "token-2";
    runTrace(tracer);
    assertThat(ScouterTracing.flush()).isTrue();
    assertThat(logins.get()).isEqualTo(2);
    assertThat(messages).hasSize(2);
    assertThat(authHeaders).containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
  }

  @Test
  void busyServer_429And503AreRetried_withoutDuplicates() {
    rejectNext.set(2);
    runTrace(init());
    assertThat(ScouterTracing.flush()).isTrue();
    assertThat(messages).hasSize(1);
    assertThat(authHeaders).hasSize(3);
    rejectStatus = 503;
    rejectNext.set(1);
    runTrace(ScouterTracing.getTracer("chat-svc"));
    ScouterTracing.flush();
    assertThat(messages).hasSize(2);
    assertThat(ScouterTracing.stats().get("scouter").failed()).isZero();
  }

  @Test
  void wrongPassword_keepsTheSpansForRetry_andNeverLogsTheSecret() {
    ScouterTracing.initTracer(TracerConfig.builder().serviceName("chat-svc")
        .transport(HttpConfig.builder().uri("http://127.0.0.1:" + server.getAddress().getPort())
            .username("admin").password("wrong-" + SECRET).build())
        .build());
    runTrace(ScouterTracing.getTracer("chat-svc"));
    assertThat(ScouterTracing.flush()).as("nothing delivered").isFalse();
    assertThat(messages).isEmpty();
    assertThat(ScouterTracing.stats().get("scouter").queued()).as("kept for a retry, not lost").isEqualTo(2);
    assertThat(logLines).anyMatch(l -> l.contains("login failed"));
    assertThat(String.join("\n", logLines)).doesNotContain(SECRET);
  }

  @Test
  void serverDown_spansAreHeldForRetry_andNothingIsThrown() {
    server.stop(0);
    ScouterTracing.initTracer(TracerConfig.builder().serviceName("chat-svc")
        .transport(HttpConfig.builder().uri("http://127.0.0.1:" + server.getAddress().getPort())
            .timeout(Duration.ofMillis(500)).build())
        .build());
    runTrace(ScouterTracing.getTracer("chat-svc")); // spans are queued; nothing is thrown into the caller
    assertThat(ScouterTracing.stats().get("scouter").queued()).isEqualTo(2);
    assertThat(ScouterTracing.flush()).isFalse();
    assertThat(ScouterTracing.stats().get("scouter").queued()).as("held for a retry").isEqualTo(2);
    assertThat(ScouterTracing.stats().get("scouter").failed()).isZero();
  }
}
