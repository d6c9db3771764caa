package io.scouter.cdi.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.scouter.cdi.ScouterExtension;
import io.scouter.cdi.SyncService;
import io.scouter.cdi.TestExporter;
import io.scouter.devserver.ScouterDevServer;
import io.scouter.testkit.SystemConfig;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.ScouterAttributes;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TraceSpanRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runtime SDK mode: with an enabled OpenTelemetry bean (MicroProfile Telemetry), {@code @Traced} builds on it, the
 * runtime's {@code scouter} exporter (autoconfigure SPI) delivers everything to a real Scouter dev server, and the
 * {@code scouter} propagator reads the legacy headers.
 */
class RuntimeSdkModeTest {
  private static final Logger SCOUTER_LOG = Logger.getLogger("io.scouter");
  private static ScouterDevServer server;
  private final SystemConfig config = new SystemConfig();
  private final List<LogRecord> logs = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logs.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  static void startServer() {
    server = ScouterDevServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void setUp() {
    SCOUTER_LOG.addHandler(capture);
    server.clear();
    RuntimeOpenTelemetryProducer.properties = Map.of("otel.traces.exporter", "scouter",
        "otel.propagators", "tracecontext,baggage,scouter", "otel.service.name", "runtime-svc",
        "scouter.transport", "http", "scouter.http.uri", server.httpUri().toString());
  }

  @AfterEach
  void reset() {
    SCOUTER_LOG.removeHandler(capture);
    config.close();
    ScouterTracing.shutdown();
    RuntimeOpenTelemetryProducer.failed = false;
    OpenTelemetrySdk sdk = RuntimeOpenTelemetryProducer.sdk;
    if (sdk != null) {
      sdk.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
      RuntimeOpenTelemetryProducer.sdk = null;
    }
    TestExporter.EXPORTER.clear();
  }

  private void set(String key, String value) {
    config.set(key, value);
  }

  private static Weld weld(boolean withRuntimeBean) {
    Weld w = new Weld("runtime-sdk-test").disableDiscovery().addExtension(new ScouterExtension())
        .addBeanClasses(SyncService.class, SyncService.Inner.class, TestExporter.class);
    return withRuntimeBean ? w.addBeanClasses(RuntimeOpenTelemetryProducer.class) : w;
  }

  @Test
  void enabledRuntimeSdk_tracedSpansJoinTheRuntimeTrace_andReachScouterThroughItsScouterExporter() {
    set("otel.sdk.disabled", "false");
    set("scouter.service-name", "runtime-svc");
    try (WeldContainer c = weld(true).initialize()) {
      assertThat(ScouterTracing.config().openTelemetry()).as("runtime SDK mode").isNotNull();
      Tracer runtimeTracer = c.select(io.opentelemetry.api.OpenTelemetry.class).get().getTracer("runtime-http");
      Span http = runtimeTracer.spanBuilder("GET /predict").setSpanKind(SpanKind.SERVER).startSpan();
      SyncService.Payload out;
      try (Scope ignored = http.makeCurrent()) {
        out = c.select(SyncService.class).get().withRecord(new SyncService.Payload(1.5, "x"), 2);
      } finally {
        http.end();
      }
      assertThat(out.feature0()).isEqualTo(3.0);
      assertThat(ScouterTracing.flush()).isTrue();

      List<TraceSpanRecord> spans = server.awaitSpans(2, Duration.ofSeconds(10));
      assertThat(spans).hasSize(2);
      TraceSpanRecord root = byName(spans, "GET /predict");
      TraceSpanRecord child = byName(spans, "SyncService.withRecord");
      assertThat(child.traceId()).isEqualTo(root.traceId()).isEqualTo(http.getSpanContext().getTraceId());
      assertThat(child.parentSpanId()).isEqualTo(root.spanId());
      assertThat(root.parentSpanId()).isNull();
      assertThat(String.valueOf(child.attributes().get(ScouterAttributes.INPUT))).contains("1.5").contains("\"x\"");
      assertThat(String.valueOf(child.attributes().get(ScouterAttributes.OUTPUT))).contains("3.0");
      assertThat(child.attributes()).containsKey(ScouterAttributes.START_TIME);
      assertThat(child.scope()).isEqualTo("runtime-svc");
      // the server stores a batch before the exporter has read its answer and counted it
      io.scouter.testkit.Await.until("the scouter exporter counts 2 exported spans", Duration.ofSeconds(10),
          () -> ScouterTracing.stats().get("scouter").exported() == 2,
          () -> String.valueOf(ScouterTracing.stats().get("scouter")));
      ExporterStats stats = ScouterTracing.stats().get("scouter");
      assertThat(stats.exported()).isEqualTo(2);
      assertThat(stats.dropped() + stats.failed()).isZero();
      assertThat(logs).anySatisfy(r -> assertThat(r.getMessage()).contains("sdk=runtime"));
      assertThat(logs).noneSatisfy(r -> assertThat(r.getMessage()).contains("do not include 'scouter'"));

      // the counters as the runtime's OpenTelemetry metrics, read by its own metrics pipeline
      Map<String, Long> points = new HashMap<>();
      for (MetricData m : RuntimeOpenTelemetryProducer.metrics.collectAllMetrics()) {
        if (m.getInstrumentationScopeInfo().getName().equals("io.scouter.tracing")) {
          for (LongPointData p : m.getType() == MetricDataType.LONG_SUM ? m.getLongSumData().getPoints()
              : m.getLongGaugeData().getPoints()) {
            points.put(m.getName() + List.copyOf(p.getAttributes().asMap().values()), p.getValue());
          }
        }
      }
      assertThat(points).containsEntry("scouter.export.spans[scouter, exported]", 2L)
          .containsEntry("scouter.export.spans[scouter, dropped]", 0L)
          .containsEntry("scouter.export.spans[scouter, failed]", 0L)
          .containsEntry("scouter.export.queued[scouter]", 0L)
          .containsKeys("scouter.export.retries[scouter]", "scouter.export.shrunk[scouter]");
    }
  }

  @Test
  void scouterPropagator_legacyHeadersJoinTheTrace_malformedOnesStartANewOne() {
    OpenTelemetrySdk sdk = RuntimeOpenTelemetryProducer.autoconfigure(RuntimeOpenTelemetryProducer.properties);
    RuntimeOpenTelemetryProducer.sdk = sdk;
    TextMapPropagator p = sdk.getPropagators().getTextMapPropagator();
    assertThat(p.fields()).contains("traceparent", "trace_id", "span_id", "is_sampled");
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    Context ctx = p.extract(Context.root(), Map.of("trace_id", traceId, "span_id", "b7ad6b7169203331",
        "is_sampled", "true"), GETTER);
    assertThat(Span.fromContext(ctx).getSpanContext().getTraceId()).isEqualTo(traceId);
    assertThat(Span.fromContext(ctx).getSpanContext().isRemote()).isTrue();
    assertThat(Span.fromContext(ctx).getSpanContext().isSampled()).isTrue();

    // no is_sampled: the caller did not decide; the runtime's parent-based sampler keeps the trace (as a new one)
    Context undecided = p.extract(Context.root(), Map.of("trace_id", traceId, "span_id", "b7ad6b7169203331"), GETTER);
    Span joined = sdk.getTracer("t").spanBuilder("undecided").setParent(undecided).startSpan();
    joined.end();
    assertThat(joined.getSpanContext().getTraceId()).isEqualTo(traceId);
    assertThat(joined.getSpanContext().isSampled()).isTrue();
    Context unsampled = p.extract(Context.root(), Map.of("trace_id", traceId, "span_id", "b7ad6b7169203331",
        "is_sampled", "false"), GETTER);
    assertThat(Span.fromContext(unsampled).getSpanContext().isSampled()).isFalse();

    // W3C wins when both are present
    Context both = p.extract(Context.root(), Map.of("traceparent",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "trace_id", traceId, "span_id", "b7ad6b7169203331"),
        GETTER);
    assertThat(Span.fromContext(both).getSpanContext().getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");

    for (Map<String, String> bad : List.of(Map.of("trace_id", "xyz", "span_id", "b7ad6b7169203331"),
        Map.of("trace_id", traceId), Map.of("trace_id", "00000000000000000000000000000000", "span_id",
            "b7ad6b7169203331"),
        Map.of("trace_id", traceId + "\r\nX-Evil: 1", "span_id", "b7ad6b7169203331"))) {
      assertThat(Span.fromContext(p.extract(Context.root(), bad, GETTER)).getSpanContext().isValid())
          .as("%s", bad).isFalse();
    }

    Span span = sdk.getTracer("t").spanBuilder("call").setParent(ctx).startSpan();
    Map<String, String> out = new HashMap<>();
    p.inject(Context.root().with(span), out, (m, k, v) -> m.put(k, v));
    span.end();
    assertThat(out).containsEntry("trace_id", traceId).containsEntry("span_id", span.getSpanContext().getSpanId())
        .containsEntry("is_sampled", "true").containsKey("traceparent");
  }

  @Test
  void auto_withTheRuntimeSdkDisabledByDefault_usesOurOwnSdk() {
    try (WeldContainer c = weld(true).initialize()) {
      assertThat(ScouterTracing.config().openTelemetry()).isNull();
      assertThat(logs).anySatisfy(r -> assertThat(r.getMessage()).contains("sdk=own (auto: the runtime's "
          + "OpenTelemetry is disabled (otel.sdk.disabled is not false))"));
    }
  }

  /** Open Liberty hands out a no-op when it could not build the SDK its configuration enables (CWMOT5002E). */
  @Test
  void auto_withAnEnabledRuntimeSdkThatIsANoop_usesOurOwnSdkAndWarnsWhy() {
    set("otel.sdk.disabled", "false");
    RuntimeOpenTelemetryProducer.failed = true;
    try (WeldContainer c = weld(true).initialize()) {
      assertThat(ScouterTracing.config().openTelemetry()).isNull();
      assertThat(logs).filteredOn(r -> r.getMessage().startsWith("Scouter tracing started")).singleElement()
          .satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            assertThat(r.getMessage()).contains("sdk=own (auto: the runtime's OpenTelemetry is a no-op although "
                + "otel.sdk.disabled=false: the runtime did not build its SDK, see its log");
          });
    }
  }

  @Test
  void own_isHonouredEvenWhenTheRuntimeSdkIsEnabled() {
    set("otel.sdk.disabled", "false");
    set("scouter.sdk", "own");
    try (WeldContainer c = weld(true).initialize()) {
      assertThat(ScouterTracing.config().openTelemetry()).isNull();
    }
  }

  @Test
  void runtime_withoutAnOpenTelemetryBean_failsDeploymentNamingTheKey() {
    set("otel.sdk.disabled", "false");
    set("scouter.sdk", "runtime");
    assertThatThrownBy(() -> weld(false).initialize().close())
        .hasMessageContaining("scouter.sdk=runtime but no OpenTelemetry bean")
        .hasMessageContaining("allowed values of scouter.sdk: auto, own, runtime");
    assertThat(ScouterTracing.isInitialized()).isFalse();
  }

  @Test
  void invalidSdkValue_failsDeploymentNamingTheKey() {
    set("scouter.sdk", "both");
    assertThatThrownBy(() -> weld(true).initialize().close())
        .hasMessageContaining("scouter.sdk: invalid value 'both', expected one of auto, own, runtime");
  }

  @Test
  void runtimeSdkWithoutTheScouterExporter_warnsOnce() {
    set("otel.sdk.disabled", "false");
    RuntimeOpenTelemetryProducer.properties = Map.of("otel.traces.exporter", "none");
    try (WeldContainer c = weld(true).initialize()) {
      assertThat(ScouterTracing.config().openTelemetry()).isNotNull();
      assertThat(logs).filteredOn(r -> r.getMessage().contains("do not include 'scouter'")).hasSize(1);
    }
  }

  private static TraceSpanRecord byName(List<TraceSpanRecord> spans, String name) {
    return spans.stream().filter(s -> s.spanName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
  }

  private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };
}
