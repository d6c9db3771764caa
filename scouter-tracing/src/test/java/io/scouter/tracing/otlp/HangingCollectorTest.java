package io.scouter.tracing.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.GrpcSpanExporter;
import io.scouter.tracing.HttpSpanExporter;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.OtelExportConfig;
import io.scouter.tracing.OtelProtocol;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.SpanExporterConfig;
import io.scouter.tracing.TracerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A collector that accepts connections and never answers: the OTLP export times out and is counted as failed, while
 * the Scouter export beside it carries on and the application never sees an exception.
 */
class HangingCollectorTest {
  static final Duration OTLP_TIMEOUT = Duration.ofSeconds(1);
  static final int SPANS = 20;

  enum Kind { HTTP_PROTOBUF, HTTP_JSON, GRPC }

  private ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private Thread acceptor;

  @BeforeEach
  void startHangingCollector() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          accepted.add(server.accept()); // hold the connection open; never read, never answer
        } catch (IOException closed) {
          return;
        }
      }
    }, "hanging-collector");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws Exception {
    ScouterTracing.shutdown();
    server.close();
    for (Socket s : accepted) {
      s.close();
    }
    acceptor.join(5_000);
  }

  private SpanExporterConfig exporter(Kind kind) {
    String base = "http://127.0.0.1:" + server.getLocalPort();
    return switch (kind) {
      case HTTP_PROTOBUF -> HttpSpanExporter.builder().exportConfig(OtelExportConfig.builder()
          .endpoint(base + "/v1/traces").timeout(OTLP_TIMEOUT).build()).build();
      case HTTP_JSON -> HttpSpanExporter.builder().exportConfig(OtelExportConfig.builder()
          .endpoint(base + "/v1/traces").protocol(OtelProtocol.HTTP_JSON).timeout(OTLP_TIMEOUT).build()).build();
      case GRPC -> GrpcSpanExporter.builder().exportConfig(OtelExportConfig.builder()
          .endpoint(base).timeout(OTLP_TIMEOUT).build()).build();
    };
  }

  private static void await(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + max.toMillis() + " ms waiting for " + what + "; stats "
            + ScouterTracing.stats());
      }
      Thread.sleep(20);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void scouterExportIsUnaffectedByAHangingOtlpCollector(Kind kind) throws Exception {
    SpanExporterConfig otlp = exporter(kind);
    ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("otlp-svc")
        .transport(new MockConfig()).exporter(otlp)
        .batchConfig(BatchConfig.builder().scheduledDelayMs(200).exportTimeoutMs(3_000).build())
        .shutdownHook(false).build());

    long start = System.nanoTime();
    for (int i = 0; i < SPANS; i++) {
      try (ActiveSpan span = tracer.startAsCurrentSpan("hang-" + i)) {
        span.setAttribute("i", i);
      }
    }
    long creatingMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(creatingMs).as("ending %d spans must not wait for the collector", SPANS)
        .isLessThan(OTLP_TIMEOUT.toMillis());

    // the Scouter export proceeds on its own thread while the OTLP one is stuck
    await("scouter exported " + SPANS, Duration.ofSeconds(10),
        () -> ScouterTracing.stats().get("scouter").exported() == SPANS);
    assertThat(ScouterTracing.stats().get(otlp.name()).exported()).isZero();

    // flush may report false (the OTLP export timed out) but never throws
    assertDoesNotThrow(ScouterTracing::flush);

    await(otlp.name() + " failed " + SPANS, Duration.ofSeconds(30),
        () -> ScouterTracing.stats().get(otlp.name()).failed() == SPANS);
    ExporterStats o = ScouterTracing.stats().get(otlp.name());
    assertThat(o.exported()).isZero();
    assertThat(o.queued()).isZero();
    ExporterStats scouter = ScouterTracing.stats().get("scouter");
    assertThat(scouter.exported()).isEqualTo(SPANS);
    assertThat(scouter.failed()).isZero();
    assertThat(scouter.dropped()).isZero();
    assertThat(accepted).as("the exporter connected to the hanging collector").isNotEmpty();
  }
}
