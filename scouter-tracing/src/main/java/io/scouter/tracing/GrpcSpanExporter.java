package io.scouter.tracing;

import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The optional second export to an OTLP collector over gRPC (the OpenTelemetry SDK's {@code OtlpGrpcSpanExporter}).
 * It ignores {@link OtelExportConfig#protocol()}; unlike upstream it sends the configured headers as gRPC metadata.
 *
 * <pre>{@code
 * TracerConfig.builder().exporter(GrpcSpanExporter.builder()
 *     .exportConfig(OtelExportConfig.builder().endpoint("http://otel:4317").build())
 *     .sampleRatio(0.25).build())
 * }</pre>
 */
public final class GrpcSpanExporter extends OtlpExporterConfig {

  private GrpcSpanExporter(Builder b) {
    super(b);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "otlp-grpc";
  }

  @Override
  public SpanExporter createSpanExporter() {
    OtelExportConfig c = exportConfig();
    OtlpGrpcSpanExporterBuilder b = OtlpGrpcSpanExporter.builder().setTimeout(c.timeout())
        .setEndpoint(c.grpcEndpoint());
    c.headers().forEach(b::addHeader);
    if (c.trustedCertificatesPem() != null) {
      b.setTrustedCertificates(c.trustedCertificatesPem());
    }
    return b.setCompression(c.compression()).build();
  }

  /** Builder for {@link GrpcSpanExporter}. */
  public static final class Builder extends OtlpExporterConfig.Builder<Builder> {
    private Builder() {}

    public GrpcSpanExporter build() {
      return new GrpcSpanExporter(this);
    }
  }
}
