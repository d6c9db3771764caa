package io.scouter.tracing.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.GrpcSpanExporter;
import io.scouter.tracing.HttpSpanExporter;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.OtelExportConfig;
import io.scouter.tracing.OtelProtocol;
import io.scouter.tracing.ScouterAttributes;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.SpanExporterConfig;
import io.scouter.tracing.SpanKind;
import io.scouter.tracing.TracerConfig;
import io.scouter.tracing.internal.Env;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The secondary OTLP exporters against a real, independent OTLP decoder (Elastic's {@code @elastic/mockotlpserver},
 * see {@link OtlpReceiver}): what it decoded must be the spans we made.
 */
class OtlpExportTest {
  static final String SERVICE = "otlp-svc";
  static final String SCOPE = "otlp-test";
  static final String HEADER = "x-scouter-test";
  static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static OtlpReceiver receiver;

  @BeforeAll
  static void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @BeforeEach
  void forgetEarlierRequests() {
    assertThat(receiver.isAlive()).as("OTLP receiver process alive").isTrue();
    receiver.clear(Duration.ofMillis(300), Duration.ofSeconds(3));
  }

  @AfterEach
  void shutdown() {
    ScouterTracing.shutdown();
  }

  /** The ids of one emitted trace: a SERVER root with a child. */
  record Emitted(String traceId, String parentId, String childId) {}

  private static void init(SpanExporterConfig exporter) {
    ScouterTracing.initTracer(TracerConfig.builder().serviceName(SERVICE).transport(new MockConfig())
        .exporter(exporter).shutdownHook(false).build());
  }

  private static Emitted emitTrace(String prefix) {
    ScouterTracer tracer = ScouterTracing.getTracer(SCOPE);
    String traceId;
    String parentId;
    String childId;
    try (ActiveSpan parent = tracer.spanBuilder(prefix + "-parent").kind(SpanKind.SERVER).tag("env", "ci")
        .startAsCurrent()) {
      parent.setInput(Map.of("question", "hi"));
      parent.setTag("tier", "gold");
      parent.setAttribute("count", 42);
      traceId = parent.traceId();
      parentId = parent.spanId();
      try (ActiveSpan child = tracer.startAsCurrentSpan(prefix + "-child")) {
        child.setOutput("done");
        childId = child.spanId();
      }
    }
    return new Emitted(traceId, parentId, childId);
  }

  /** Flushes, waits for both spans at the receiver and checks everything it decoded. */
  private static void assertReceived(String prefix, Emitted e) throws Exception {
    ScouterTracing.flush();
    List<OtlpReceiver.Span> spans = receiver.awaitSpans(2, s -> s.traceId().equals(e.traceId()), WAIT);
    assertThat(spans).hasSize(2);
    Map<String, OtlpReceiver.Span> byName = spans.stream()
        .collect(Collectors.toMap(OtlpReceiver.Span::name, s -> s));
    assertThat(byName).containsOnlyKeys(prefix + "-parent", prefix + "-child");

    OtlpReceiver.Span parent = byName.get(prefix + "-parent");
    assertThat(parent.resourceAttributes().path("service.name").asText()).isEqualTo(SERVICE);
    assertThat(parent.scope().path("name").asText()).isEqualTo(SCOPE);
    assertThat(parent.traceId()).isEqualTo(e.traceId());
    assertThat(parent.spanId()).isEqualTo(e.parentId());
    assertThat(parent.parentSpanId()).isEmpty();
    assertThat(parent.kind()).isEqualTo("SPAN_KIND_SERVER");
    JsonNode input = JSON.readTree(parent.attribute(ScouterAttributes.INPUT).asText());
    assertThat(input.path("question").asText()).isEqualTo("hi");
    assertThat(parent.attribute(ScouterAttributes.TAG_PREFIX + "tier").asText()).isEqualTo("gold");
    assertThat(parent.attribute(ScouterAttributes.BAGGAGE_TAG_PREFIX + "env").asText()).isEqualTo("ci");
    // an intValue: a JSON number after OTLP/HTTP, the int64 as a string after gRPC (protobufjs Long)
    assertThat(parent.attribute("count").isTextual() || parent.attribute("count").isNumber())
        .as("count in %s", parent.attributes()).isTrue();
    assertThat(parent.attribute("count").asText()).isEqualTo("42");

    OtlpReceiver.Span child = byName.get(prefix + "-child");
    assertThat(child.traceId()).isEqualTo(e.traceId());
    assertThat(child.spanId()).isEqualTo(e.childId());
    assertThat(child.parentSpanId()).isEqualTo(e.parentId());
    assertThat(child.kind()).isEqualTo("SPAN_KIND_INTERNAL");
    // captured values are JSON: the string "done" is captured as "\"done\""
    assertThat(JSON.readTree(child.attribute(ScouterAttributes.OUTPUT).asText()).asText()).isEqualTo("done");
    assertThat(child.resourceAttributes().path("service.name").asText()).isEqualTo(SERVICE);

    assertThat(receiver.errors()).as("requests the receiver could not decode").isEmpty();
    ExporterStats otlp = ScouterTracing.stats().values().stream().filter(s -> s.exporter().startsWith("otlp"))
        .findFirst().orElseThrow();
    assertThat(otlp.exported()).isEqualTo(2);
    assertThat(otlp.failed()).isZero();
  }

  /** The last request line of the receiver for that transport. */
  private static JsonNode lastRequest(String transport) {
    List<JsonNode> requests = receiver.requests().stream()
        .filter(r -> r.path("transport").asText().equals(transport)).toList();
    assertThat(requests).as("%s request lines", transport).isNotEmpty();
    return requests.get(requests.size() - 1);
  }

  private static JsonNode lastGrpcWire() {
    List<JsonNode> wire = receiver.grpcWire();
    assertThat(wire).as("gRPC streams seen by the receiver").isNotEmpty();
    return wire.get(wire.size() - 1);
  }

  @Test
  void httpProtobufIsDecodedByTheReceiver() throws Exception {
    init(HttpSpanExporter.builder().exportConfig(OtelExportConfig.builder().endpoint(receiver.httpTracesUrl())
        .header(HEADER, "proto").build()).build());
    Emitted e = emitTrace("proto");
    assertReceived("proto", e);
    JsonNode headers = lastRequest("http").path("headers");
    assertThat(headers.path("content-type").asText()).isEqualTo("application/x-protobuf");
    assertThat(headers.path(HEADER).asText()).isEqualTo("proto");
  }

  @Test
  void httpJsonIsDecodedByTheReceiver() throws Exception {
    HttpSpanExporter exporter = HttpSpanExporter.builder().exportConfig(OtelExportConfig.builder()
        .endpoint(receiver.httpTracesUrl()).protocol(OtelProtocol.HTTP_JSON).header(HEADER, "json").build()).build();
    assertThat(exporter.protocol()).isEqualTo(OtelProtocol.HTTP_JSON);
    init(exporter);
    Emitted e = emitTrace("json");
    assertReceived("json", e);
    JsonNode request = lastRequest("http");
    assertThat(request.path("path").asText()).isEqualTo("/v1/traces");
    assertThat(request.path("headers").path("content-type").asText()).isEqualTo("application/json");
    assertThat(request.path("headers").path(HEADER).asText()).isEqualTo("json");
    assertThat(request.path("headers").has("content-encoding")).isFalse();
  }

  @Test
  void grpcIsDecodedByTheReceiver() throws Exception {
    init(GrpcSpanExporter.builder().exportConfig(OtelExportConfig.builder().endpoint(receiver.grpcUrl())
        .header(HEADER, "grpc").build()).build());
    Emitted e = emitTrace("grpc");
    assertReceived("grpc", e);
    JsonNode request = lastRequest("grpc");
    assertThat(request.path("path").asText())
        .isEqualTo("/opentelemetry.proto.collector.trace.v1.TraceService/Export");
    assertThat(request.path("headers").path(HEADER).asText()).isEqualTo("grpc");
    assertThat(lastGrpcWire().path("compressedFlag").asInt()).as("uncompressed by default").isZero();
  }

  @Test
  void grpcWithGzipIsDecodedByTheReceiver() throws Exception {
    init(GrpcSpanExporter.builder().exportConfig(OtelExportConfig.builder().endpoint(receiver.grpcUrl())
        .compression("gzip").build()).build());
    Emitted e = emitTrace("gzip");
    assertReceived("gzip", e);
    JsonNode wire = lastGrpcWire();
    assertThat(wire.path("grpcEncoding").asText()).as("%s", wire).isEqualTo("gzip");
    assertThat(wire.path("compressedFlag").asInt()).as("gRPC message compressed flag in %s", wire).isEqualTo(1);
  }

  /** The standard variables alone: a base endpoint gets {@code /v1/traces} appended, the protocol picks the encoding. */
  @ParameterizedTest
  @ValueSource(strings = {"http/protobuf", "http/json"})
  void environmentVariablesConfigureTheHttpExporter(String protocol) throws Exception {
    String base = receiver.httpTracesUrl().replace("/v1/traces", "");
    Env.override(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", base, "OTEL_EXPORTER_OTLP_PROTOCOL", protocol,
        "OTEL_EXPORTER_OTLP_HEADERS", HEADER + "=from-env")::get);
    try {
      HttpSpanExporter exporter = HttpSpanExporter.builder().build();
      assertThat(exporter.protocol().value()).isEqualTo(protocol);
      init(exporter);
    } finally {
      Env.override(null);
    }
    Emitted e = emitTrace("env");
    assertReceived("env", e);
    JsonNode request = lastRequest("http");
    assertThat(request.path("path").asText()).isEqualTo("/v1/traces");
    assertThat(request.path("headers").path("content-type").asText())
        .isEqualTo(protocol.equals("http/json") ? "application/json" : "application/x-protobuf");
    assertThat(request.path("headers").path(HEADER).asText()).isEqualTo("from-env");
  }

  @Test
  void exporterSampleRatioZeroSendsNothing() throws Exception {
    init(HttpSpanExporter.builder().exportConfig(OtelExportConfig.builder().endpoint(receiver.httpTracesUrl())
        .build()).sampleRatio(0.0).build());
    Set<String> traceIds = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      traceIds.add(emitTrace("sampled-" + i).traceId());
    }
    assertThat(ScouterTracing.flush()).isTrue();
    Thread.sleep(1000); // give a (wrong) late request time to arrive
    assertThat(receiver.requests()).as("requests the receiver got").isEmpty();
    assertThat(receiver.traces()).isEmpty();
    ExporterStats otlp = ScouterTracing.stats().get("otlp-http");
    assertThat(otlp.sampledOut()).isEqualTo(6);
    assertThat(otlp.exported()).isZero();
    assertThat(otlp.failed()).isZero();
    assertThat(ScouterTracing.stats().get("scouter").exported()).isEqualTo(6);
    assertThat(traceIds).hasSize(3);
  }
}
