package io.scouter.tracing.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.tracing.GrpcSpanExporter;
import io.scouter.tracing.HttpSpanExporter;
import io.scouter.tracing.OtelExportConfig;
import io.scouter.tracing.OtelProtocol;
import io.scouter.tracing.internal.Env;
import io.scouter.tracing.internal.export.OtlpJsonHttpExporter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link OtelExportConfig#protocol()} and its environment variables. */
class OtelProtocolConfigTest {
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void fakeEnvironment() {
    Env.override(env::get);
  }

  @AfterEach
  void realEnvironment() {
    Env.override(null);
  }

  @Test
  void defaultIsHttpProtobuf() {
    OtelExportConfig c = OtelExportConfig.builder().build();
    assertThat(c.protocol()).isEqualTo(OtelProtocol.HTTP_PROTOBUF);
    assertThat(HttpSpanExporter.builder().build().protocol()).isEqualTo(OtelProtocol.HTTP_PROTOBUF);
    assertThat(c.toString()).contains("protocol=http/protobuf");
  }

  @Test
  void environmentSelectsJson() {
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json");
    assertThat(OtelExportConfig.builder().build().protocol()).isEqualTo(OtelProtocol.HTTP_JSON);
    env.put("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
    assertThat(OtelExportConfig.builder().build().protocol()).as("the traces variable wins")
        .isEqualTo(OtelProtocol.HTTP_PROTOBUF);
    assertThat(OtelExportConfig.builder().protocol(OtelProtocol.HTTP_JSON).build().protocol())
        .as("programmatic wins").isEqualTo(OtelProtocol.HTTP_JSON);
  }

  @Test
  void jsonProtocolCreatesTheJsonExporter() {
    HttpSpanExporter e = HttpSpanExporter.builder().exportConfig(OtelExportConfig.builder()
        .endpoint("http://127.0.0.1:1/v1/traces").protocol(OtelProtocol.HTTP_JSON).build()).build();
    var exporter = e.createSpanExporter();
    try {
      assertThat(exporter).isInstanceOf(OtlpJsonHttpExporter.class);
      assertThat(exporter.toString()).contains("http://127.0.0.1:1/v1/traces");
    } finally {
      exporter.shutdown();
    }
  }

  @Test
  void grpcInTheEnvironmentIsRejectedByHttpSpanExporterNamingTheVariable() {
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
    assertThatThrownBy(() -> HttpSpanExporter.builder().build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_PROTOCOL=grpc").hasMessageContaining("GrpcSpanExporter");
    assertThat(GrpcSpanExporter.builder().build().exportConfig().toString()).contains("protocol=grpc");
    assertThat(HttpSpanExporter.builder().exportConfig(OtelExportConfig.builder().protocol(OtelProtocol.HTTP_JSON)
        .build()).build().protocol()).as("a programmatic protocol overrides the environment")
        .isEqualTo(OtelProtocol.HTTP_JSON);

    env.put("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "GRPC");
    assertThatThrownBy(() -> HttpSpanExporter.builder().build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=grpc");
  }

  @Test
  void invalidProtocolIsRejectedNamingTheVariable() {
    env.put("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/xml");
    assertThatThrownBy(() -> OtelExportConfig.builder().build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL").hasMessageContaining("http/xml");
    assertThatThrownBy(() -> OtelProtocol.fromValue("grpc")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GrpcSpanExporter");
    assertThat(OtelProtocol.fromValue(" HTTP/JSON ")).isEqualTo(OtelProtocol.HTTP_JSON);
  }

  @Test
  void nonPositiveTimeoutIsRejected() {
    assertThatThrownBy(() -> OtelExportConfig.builder().timeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
  }
}
