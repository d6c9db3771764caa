package io.scouter.testkit.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.devserver.ScouterDevServer;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.SpanKind;
import io.scouter.tracing.TagRecord;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.TracerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP transport end to end against the dev server over loopback, including its failure modes. */
class HttpTransportDevServerTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  private ScouterDevServer server = ScouterDevServer.start();

  @AfterEach
  void stop() {
    ScouterTracing.shutdown();
    server.close();
  }

  private ScouterTracer init(String uri, BatchConfig batch) {
    return ScouterTracing.initTracer(TracerConfig.builder().serviceName("http-svc")
        .transport(HttpConfig.builder().uri(uri).timeout(Duration.ofSeconds(3)).build())
        .batchConfig(batch).build());
  }

  private ScouterTracer init() {
    return init(server.httpUri().toString(), BatchConfig.builder().scheduledDelayMs(60_000).build());
  }

  static String trace(ScouterTracer tracer, String name) {
    try (ActiveSpan root = tracer.spanBuilder(name).kind(SpanKind.SERVER).tag("env", "prod").startAsCurrent()) {
      root.setInput(Map.of("q", name));
      try (ActiveSpan child = tracer.startAsCurrentSpan(name + "-child")) {
        child.setTag("tier", "gold");
        child.setOutput(List.of(1, 2));
      }
      return root.traceId();
    }
  }

  private static ExporterStats stats() {
    return ScouterTracing.stats().get("scouter");
  }

  @Test
  void spansArriveStrictlyDecoded_withParents_tags_baggage_io() {
    String traceId = trace(init(), "handle");
    assertThat(ScouterTracing.flush()).isTrue();
    List<TraceSpanRecord> spans = server.awaitSpans(2, WAIT);
    assertThat(server.rejections()).isEmpty();
    TraceSpanRecord root = spans.stream().filter(s -> s.spanName().equals("handle")).findFirst().orElseThrow();
    TraceSpanRecord child = spans.stream().filter(s -> s.spanName().equals("handle-child")).findFirst().orElseThrow();
    assertThat(root.traceId()).isEqualTo(traceId);
    assertThat(root.parentSpanId()).isNull();
    assertThat(child.parentSpanId()).isEqualTo(root.spanId());
    assertThat(root.spanKind()).isEqualTo("SERVER");
    assertThat(root.serviceName()).isEqualTo("http-svc");
    assertThat(root.input().get("q").asText()).isEqualTo("handle");
    assertThat(child.output().toString()).isEqualTo("[1,2]");
    assertThat(server.tags()).contains(new TagRecord("trace", traceId, "env", "prod"),
        new TagRecord("trace", traceId, "tier", "gold"));
    assertThat(server.baggage()).extracting(b -> b.key()).contains("scouter.tracing.tag.env");
    assertThat(server.logins()).isEqualTo(1);
    assertThat(stats().exported()).isEqualTo(2);
  }

  @Test
  void expiredToken_isRefreshedByTheServer_withoutLoggingInAgain() {
    ScouterTracer tracer = init();
    trace(tracer, "a");
    ScouterTracing.flush();
    server.expireTokens();
    trace(tracer, "b");
    ScouterTracing.flush();
    trace(tracer, "c");
    assertThat(ScouterTracing.flush()).isTrue();
    assertThat(server.awaitSpans(6, WAIT)).hasSize(6);
    assertThat(server.logins()).as("the refreshed token from the response header was adopted").isEqualTo(1);
  }

  @Test
  void revokedToken_logsInAgainOnce() {
    ScouterTracer tracer = init();
    trace(tracer, "a");
    ScouterTracing.flush();
    server.revokeTokens();
    trace(tracer, "b");
    assertThat(ScouterTracing.flush()).isTrue();
    assertThat(server.awaitSpans(4, WAIT)).hasSize(4);
    assertThat(server.logins()).isEqualTo(2);
  }

  @Test
  void busyAndUnavailableBursts_areRetried_deliveredExactlyOnce() {
    ScouterTracer tracer = init();
    server.failNext(2, 503);
    trace(tracer, "a");
    assertThat(ScouterTracing.flush()).isTrue();
    server.failNext(3, 429);
    trace(tracer, "b");
    assertThat(ScouterTracing.flush()).isTrue();
    server.closeConnectionsNext(1);
    trace(tracer, "c");
    assertThat(ScouterTracing.flush()).isTrue();
    List<TraceSpanRecord> spans = server.awaitSpans(6, WAIT);
    assertThat(spans.stream().map(TraceSpanRecord::spanId).collect(Collectors.toSet())).hasSize(6);
    assertThat(spans).hasSize(6);
    assertThat(stats().retried()).isGreaterThanOrEqualTo(6);
    assertThat(stats().failed()).isZero();
  }

  @Test
  void serverDownAtStartupThenUp_everythingQueuedIsDelivered() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ScouterTracer tracer = init("http://127.0.0.1:" + port, BatchConfig.builder().scheduledDelayMs(60_000).build());
    for (int i = 0; i < 5; i++) {
      trace(tracer, "t" + i); // the application keeps working while the backend is down
    }
    assertThat(ScouterTracing.flush()).as("nothing can be delivered yet").isFalse();
    assertThat(stats().queued()).isEqualTo(10);
    server.close();
    server = ScouterDevServer.builder().port(port).build();
    assertThat(ScouterTracing.flush()).isTrue();
    assertThat(server.awaitSpans(10, WAIT)).hasSize(10);
    assertThat(stats().exported()).isEqualTo(10);
    assertThat(stats().dropped()).isZero();
  }

  @Test
  void outageLongerThanTheQueue_deliversUpToTheBound_andCountsTheRest() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ScouterTracer tracer = init("http://127.0.0.1:" + port,
        BatchConfig.builder().maxQueueSize(10).maxExportBatchSize(5).scheduledDelayMs(60_000).build());
    for (int i = 0; i < 25; i++) {
      trace(tracer, "t" + i);
    }
    ScouterTracing.flush();
    server.close();
    server = ScouterDevServer.builder().port(port).build();
    assertThat(ScouterTracing.flush()).isTrue();
    ExporterStats s = stats();
    assertThat(s.dropped()).isPositive();
    assertThat(s.exported() + s.dropped()).as("every span delivered or counted").isEqualTo(50);
    assertThat(server.spans()).hasSize((int) s.exported());
  }

  @Test
  void batchesOverTheTwoMegabyteLimit_areSplit_andAGiantSpanIsShrunk() {
    ScouterTracer tracer = init();
    String big = "x".repeat(600_000);
    for (int i = 0; i < 6; i++) {
      try (ActiveSpan span = tracer.startAsCurrentSpan("big" + i)) {
        span.setInput(Map.of("payload", big), 1_000_000);
      }
    }
    try (ActiveSpan giant = tracer.startAsCurrentSpan("giant")) {
      giant.setInput(Map.of("payload", "y".repeat(3_000_000)), 5_000_000);
    }
    assertThat(ScouterTracing.flush()).isTrue();
    List<TraceSpanRecord> spans = server.awaitSpans(7, WAIT);
    assertThat(server.messages()).isGreaterThan(2);
    assertThat(server.rejections()).isEmpty();
    TraceSpanRecord giant = spans.stream().filter(s -> s.spanName().equals("giant")).findFirst().orElseThrow();
    assertThat(giant.input().get("payload").asText()).endsWith("...[truncated]").hasSizeLessThan(3_000_000);
    assertThat(stats().shrunk()).isEqualTo(1);
    assertThat(stats().exported()).isEqualTo(7);
  }

  @Test
  void theDevServerAnswersLikeTheScouterServer() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    URI message = URI.create(server.httpUri() + "/scouter/message");
    HttpResponse<String> login =
        client.send(HttpRequest.newBuilder(URI.create(server.httpUri() + "/scouter/auth/login"))
            .header("Username", "admin").header("Password", "admin").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.headers().firstValue("x-scouter-api-version")).contains("1.0.0");
    String token = login.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    Map<String, Integer> expected = Map.of(
        "no token", 401, "wrong content type", 415, "invalid JSON", 422, "time as a number", 422, "valid", 200);
    for (var e : expected.entrySet()) {
      String body = switch (e.getKey()) {
        case "invalid JSON" -> "{not json";
        case "time as a number" -> "{\"request\":{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":"
            + "\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\",\"startTimeUnixNano\":1}]}]}]}}";
        default -> "{\"request\":{\"resourceSpans\":[]}}";
      };
      HttpRequest.Builder b = HttpRequest.newBuilder(message).POST(HttpRequest.BodyPublishers.ofString(body))
          .header("Content-Type", e.getKey().equals("wrong content type") ? "text/plain" : "application/json");
      if (!e.getKey().equals("no token")) {
        b.header("Authorization", "Bearer " + token);
      }
      assertThat(client.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as(e.getKey())
          .isEqualTo(e.getValue());
    }
    assertThat(server.rejections()).hasSize(2);
    assertThat(Set.copyOf(server.rejections()).toString()).contains("startTimeUnixNano");
  }
}
