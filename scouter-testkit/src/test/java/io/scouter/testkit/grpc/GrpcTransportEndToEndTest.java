package io.scouter.testkit.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.scouter.devserver.ScouterDevGrpcServer;
import io.scouter.devserver.ScouterDevServer;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.GrpcConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.SpanKind;
import io.scouter.tracing.TagRecord;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.TracerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC transport (scouter-transport-grpc, found through the TransportProvider SPI) end to end against the dev
 * server's gRPC front end over loopback: real grpc-java on both sides, the server decoding strictly.
 */
class GrpcTransportEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  private static final String SECRET = "pw-Zq81-grpc-secret";

  private ScouterDevServer devServer;
  private ScouterDevGrpcServer grpcServer;
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
  void start() {
    devServer = ScouterDevServer.builder().user("admin", "admin").user("ops", SECRET).build();
    grpcServer = ScouterDevGrpcServer.start(devServer);
    Logger.getLogger("io.scouter").addHandler(logCapture);
  }

  @AfterEach
  void stop() {
    ScouterTracing.shutdown();
    Logger.getLogger("io.scouter").removeHandler(logCapture);
    if (grpcServer != null) {
      grpcServer.close();
    }
    devServer.close();
  }

  private static ScouterTracer init(String uri, String username, String password, Duration timeout,
      BatchConfig batch) {
    return ScouterTracing.initTracer(TracerConfig.builder().serviceName("grpc-svc")
        .transport(GrpcConfig.builder().uri(uri).username(username).password(password).timeout(timeout).build())
        .batchConfig(batch).build());
  }

  private ScouterTracer init() {
    return init(grpcServer.uri().toString(), "admin", "admin", Duration.ofSeconds(5),
        BatchConfig.builder().scheduledDelayMs(200).build());
  }

  /** A SERVER root with a child and a grandchild; returns the trace id. */
  static String trace(ScouterTracer tracer, String name) {
    try (ActiveSpan root = tracer.spanBuilder(name).kind(SpanKind.SERVER).tag("env", "prod").startAsCurrent()) {
      root.setInput(Map.of("q", name, "n", 3));
      try (ActiveSpan child = tracer.startAsCurrentSpan(name + "-child")) {
        child.setTag("tier", "gold");
        try (ActiveSpan grandchild = tracer.startAsCurrentSpan(name + "-grandchild")) {
          grandchild.setOutput(List.of(1, 2));
        }
      }
      root.setOutput(Map.of("reply", "ok"));
      return root.traceId();
    }
  }

  private static ExporterStats stats() {
    return ScouterTracing.stats().get("scouter");
  }

  private static TraceSpanRecord named(List<TraceSpanRecord> spans, String name) {
    return spans.stream().filter(s -> s.spanName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void nestedSpansArriveOverGrpc_strictlyDecoded_withParents_kind_tags_io() {
    String traceId = trace(init(), "handle");
    assertThat(ScouterTracing.flush()).isTrue();
    List<TraceSpanRecord> spans = devServer.awaitSpans(3, WAIT);
    assertThat(devServer.rejections()).isEmpty();
    assertThat(spans).hasSize(3);
    TraceSpanRecord root = named(spans, "handle");
    TraceSpanRecord child = named(spans, "handle-child");
    TraceSpanRecord grandchild = named(spans, "handle-grandchild");
    assertThat(spans).extracting(TraceSpanRecord::traceId).containsOnly(traceId);
    assertThat(root.parentSpanId()).isNull();
    assertThat(child.parentSpanId()).isEqualTo(root.spanId());
    assertThat(grandchild.parentSpanId()).isEqualTo(child.spanId());
    assertThat(root.spanKind()).isEqualTo("SERVER");
    assertThat(child.spanKind()).isEqualTo("INTERNAL");
    assertThat(root.serviceName()).isEqualTo("grpc-svc");
    assertThat(root.input().get("q").asText()).isEqualTo("handle");
    assertThat(root.input().get("n").asInt()).isEqualTo(3);
    assertThat(root.output().get("reply").asText()).isEqualTo("ok");
    assertThat(grandchild.output().toString()).isEqualTo("[1,2]");
    assertThat(devServer.tags()).contains(new TagRecord("trace", traceId, "env", "prod"),
        new TagRecord("trace", traceId, "tier", "gold"));
    assertThat(devServer.logins()).isEqualTo(1);
    assertThat(stats().exported()).isEqualTo(3);
    assertThat(stats().failed()).isZero();
    assertThat(stats().retried()).isZero();
  }

  @Test
  void expiredToken_isServedWithXRefreshedToken_andTheNewTokenIsAdopted() {
    ScouterTracer tracer = init();
    trace(tracer, "a");
    assertThat(ScouterTracing.flush()).isTrue();
    devServer.expireTokens();
    trace(tracer, "b");
    assertThat(ScouterTracing.flush()).isTrue();
    // the expired token was replaced on the server: only the adopted one is still valid
    trace(tracer, "c");
    assertThat(ScouterTracing.flush()).isTrue();
    assertThat(devServer.awaitSpans(9, WAIT)).hasSize(9);
    assertThat(devServer.logins()).as("the refreshed token from x-refreshed-token was adopted").isEqualTo(1);
    assertThat(stats().retried()).isZero();
    assertThat(stats().failed()).isZero();
  }

  @Test
  void revokedToken_logsInAgainOnce_andDelivers() {
    ScouterTracer tracer = init();
    trace(tracer, "a");
    assertThat(ScouterTracing.flush()).isTrue();
    devServer.revokeTokens();
    trace(tracer, "b");
    assertThat(ScouterTracing.flush()).isTrue();
    assertThat(devServer.awaitSpans(6, WAIT)).hasSize(6);
    assertThat(devServer.logins()).isEqualTo(2);
    assertThat(stats().retried()).isEqualTo(1);
    assertThat(stats().failed()).isZero();
  }

  @Test
  void resourceExhaustedAndUnavailableBursts_areRetried_deliveredExactlyOnce() {
    ScouterTracer tracer = init();
    devServer.failNext(2, 429);
    trace(tracer, "a");
    assertThat(ScouterTracing.flush()).isTrue();
    devServer.failNext(2, 503);
    trace(tracer, "b");
    assertThat(ScouterTracing.flush()).isTrue();
    devServer.closeConnectionsNext(1);
    trace(tracer, "c");
    assertThat(ScouterTracing.flush()).isTrue();
    List<TraceSpanRecord> spans = devServer.awaitSpans(9, WAIT);
    assertThat(spans).hasSize(9);
    assertThat(spans.stream().map(TraceSpanRecord::spanId).collect(Collectors.toSet())).hasSize(9);
    assertThat(stats().retried()).isGreaterThanOrEqualTo(5);
    assertThat(stats().failed()).isZero();
    assertThat(stats().exported()).isEqualTo(9);
  }

  @Test
  void serverDownAtStartup_nothingThrown_spansHeld_thenWithTheServerUpEverythingArrives() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ScouterTracer tracer = init("http://127.0.0.1:" + port, "admin", "admin", Duration.ofMillis(500),
        BatchConfig.builder().scheduledDelayMs(60_000).build());
    for (int i = 0; i < 3; i++) {
      String name = "t" + i;
      assertThatCode(() -> trace(tracer, name)).as("the application keeps working").doesNotThrowAnyException();
    }
    assertThat(stats().queued()).isEqualTo(9);
    assertThat(ScouterTracing.flush()).as("nothing can be delivered yet").isFalse();
    assertThat(stats().queued()).as("held for a retry, not lost").isEqualTo(9);
    assertThat(stats().failed()).isZero();
    assertThat(stats().retried()).isPositive();
    // refused connections surface as UNAVAILABLE; on a loaded machine the 500 ms deadline may pass first (as in
    // GrpcTransportTest)
    assertThat(logLines).anyMatch(l -> l.contains("unreachable") && (l.contains("UNAVAILABLE") || l.contains("timeout")
        || l.contains("DEADLINE_EXCEEDED")));

    ScouterDevGrpcServer late = ScouterDevGrpcServer.start(devServer, port);
    try {
      assertThat(ScouterTracing.flush()).isTrue();
      assertThat(devServer.awaitSpans(9, WAIT)).hasSize(9);
      assertThat(stats().exported()).isEqualTo(9);
      assertThat(stats().failed()).isZero();
      assertThat(stats().queued()).isZero();
    } finally {
      ScouterTracing.shutdown();
      late.close();
    }
  }

  @Test
  void serverDown_thenANewTracerWithTheServerUp_deliversEverything() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ScouterTracer down = init("http://127.0.0.1:" + port, "admin", "admin", Duration.ofMillis(300),
        BatchConfig.builder().scheduledDelayMs(60_000).build());
    assertThatCode(() -> trace(down, "lost")).doesNotThrowAnyException();
    assertThatCode(ScouterTracing::flush).doesNotThrowAnyException();
    assertThatCode(ScouterTracing::shutdown).doesNotThrowAnyException();

    ScouterTracer up = init();
    for (int i = 0; i < 3; i++) {
      trace(up, "t" + i);
    }
    assertThat(ScouterTracing.flush()).isTrue();
    assertThat(devServer.awaitSpans(9, WAIT)).hasSize(9);
    assertThat(stats().failed()).isZero();
    assertThat(devServer.spans()).noneMatch(s -> s.spanName().startsWith("lost"));
  }

  @Test
  void wrongPassword_keepsTheSpansForRetry_andNeverLogsThePassword() {
    String wrong = "wrong-" + SECRET;
    ScouterTracer tracer = init(grpcServer.uri().toString(), "ops", wrong, Duration.ofSeconds(2),
        BatchConfig.builder().scheduledDelayMs(60_000).build());
    trace(tracer, "a");
    assertThat(ScouterTracing.flush()).as("nothing delivered").isFalse();
    assertThat(devServer.spans()).isEmpty();
    assertThat(stats().queued()).as("kept for a retry, not lost").isEqualTo(3);
    assertThat(stats().exported()).isZero();
    assertThat(devServer.logins()).isEqualTo(1);
    assertThat(logLines).anyMatch(l -> l.contains("login failed for user 'ops'") && l.contains("UNAUTHENTICATED"));
    assertThat(String.join("\n", logLines)).doesNotContain(SECRET);
  }

  @Test
  void batchOverFourMiB_isSplitIntoSeveralMessages_andEverySpanArrives() {
    ScouterTracer tracer = init(grpcServer.uri().toString(), "admin", "admin", Duration.ofSeconds(10),
        BatchConfig.builder().scheduledDelayMs(60_000).build());
    String big = "x".repeat(1_000_000);
    for (int i = 0; i < 6; i++) {
      try (ActiveSpan span = tracer.startAsCurrentSpan("big-" + i)) {
        span.setInput(big, 2_000_000);
      }
    }
    assertThat(ScouterTracing.flush()).isTrue();
    List<TraceSpanRecord> spans = devServer.awaitSpans(6, WAIT);
    assertThat(spans).hasSize(6);
    assertThat(spans).allSatisfy(s -> assertThat(s.input().asText()).hasSize(1_000_000));
    assertThat(devServer.messages()).isGreaterThan(1);
    assertThat(stats().shrunk()).isZero();
    assertThat(stats().failed()).isZero();
  }

  @Test
  void singleSpanOverTheLimit_arrivesShrunk() {
    ScouterTracer tracer = init(grpcServer.uri().toString(), "admin", "admin", Duration.ofSeconds(10),
        BatchConfig.builder().scheduledDelayMs(60_000).build());
    try (ActiveSpan span = tracer.startAsCurrentSpan("huge")) {
      span.setInput("y".repeat(5_000_000), 6_000_000);
      span.setAttribute("kept", "small");
    }
    assertThat(ScouterTracing.flush()).isTrue();
    TraceSpanRecord huge = devServer.awaitSpans(1, WAIT).get(0);
    assertThat(huge.spanName()).isEqualTo("huge");
    assertThat(huge.attribute("kept")).isEqualTo("small");
    assertThat(huge.input().asText()).startsWith("yyyy").endsWith("...[truncated]").hasSizeLessThan(5_000_000);
    assertThat(stats().shrunk()).isEqualTo(1);
    assertThat(stats().exported()).isEqualTo(1);
    assertThat(devServer.rejections()).isEmpty();
  }
}
