package io.scouter.tracing.otlp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.tracing.GrpcSpanExporter;
import io.scouter.tracing.OtelExportConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The core brings only the JDK HTTP sender (no OkHttp): OTLP/gRPC needs a gRPC sender the application adds, and the
 * exporter says which when there is none (simulated by asking the SDK for a sender that does not exist, since this test
 * class path has the OkHttp one for the gRPC tests).
 */
class OtlpSendersTest {
  private static final String GRPC_SENDER = "io.opentelemetry.sdk.common.export.GrpcSenderProvider";

  @AfterEach
  void clear() {
    System.clearProperty(GRPC_SENDER);
  }

  @Test
  void grpcWithoutAGrpcSender_failsNamingTheArtifactToAdd() {
    System.setProperty(GRPC_SENDER, "com.example.NoSuchGrpcSenderProvider");
    GrpcSpanExporter grpc = GrpcSpanExporter.builder()
        .exportConfig(OtelExportConfig.builder().endpoint("http://127.0.0.1:4317").build()).build();
    assertThatThrownBy(grpc::createSpanExporter).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("scouter.exporter=otlp-grpc")
        .hasMessageContaining("add io.opentelemetry:opentelemetry-exporter-sender-okhttp");
  }
}
