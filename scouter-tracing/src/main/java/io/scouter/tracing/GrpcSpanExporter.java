package io.scouter.tracing;

import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The <b>configuration</b> of the optional OTLP/gRPC exporter (a value passed to {@link TracerConfig.Builder#exporter};
 * the name is the Python API's, it exports nothing itself): the second export, to an OTLP collector over gRPC (the
 * OpenTelemetry SDK's {@code OtlpGrpcSpanExporter}).
 * It ignores {@link OtelExportConfig#protocol()}; unlike upstream it sends the configured headers as gRPC metadata.
 * It needs {@code io.opentelemetry:opentelemetry-exporter-sender-okhttp} on the class path (the core ships only the
 * JDK HTTP sender, which speaks OTLP/HTTP but not gRPC); without it the tracer fails to start, saying so.
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
    b.setCompression(c.compression());
    try {
      return b.build();
    } catch (IllegalStateException noSender) {
      // the core brings only the JDK HTTP sender (no OkHttp/Kotlin); gRPC needs one more jar
      throw new IllegalStateException("scouter.exporter=otlp-grpc (GrpcSpanExporter) needs a gRPC sender for the "
          + "OpenTelemetry OTLP exporter: add io.opentelemetry:opentelemetry-exporter-sender-okhttp (the version of "
          + "your OpenTelemetry SDK), or use otlp-http (" + noSender.getMessage() + ")", noSender);
    }
  }

  /** Builder for {@link GrpcSpanExporter}. */
  public static final class Builder extends OtlpExporterConfig.Builder<Builder> {
    private Builder() {}

    public GrpcSpanExporter build() {
      return new GrpcSpanExporter(this);
    }
  }
}
