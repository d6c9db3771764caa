package io.scouter.tracing;

import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The optional second export to an OTLP collector over gRPC.
 *
 * <pre>{@code
 * TracerConfig.builder().exporter(GrpcSpanExporter.builder()
 *     .exportConfig(OtelExportConfig.builder().endpoint("http://otel:4317").build())
 *     .sampleRatio(0.25).build())
 * }</pre>
 */
public final class GrpcSpanExporter implements SpanExporterConfig {
  private final OtelExportConfig exportConfig;
  private final boolean batchExport;
  private final Double sampleRatio;

  private GrpcSpanExporter(Builder b) {
    this.exportConfig = b.exportConfig != null ? b.exportConfig : OtelExportConfig.builder().build();
    this.batchExport = b.batchExport;
    this.sampleRatio = TracerConfig.checkRatio(b.sampleRatio, "sampleRatio");
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "otlp-grpc";
  }

  @Override
  public boolean batchExport() {
    return batchExport;
  }

  @Override
  public Double sampleRatio() {
    return sampleRatio;
  }

  public OtelExportConfig exportConfig() {
    return exportConfig;
  }

  @Override
  public SpanExporter createSpanExporter() {
    OtlpGrpcSpanExporterBuilder b = OtlpGrpcSpanExporter.builder().setTimeout(exportConfig.timeout());
    if (exportConfig.endpoint() != null) {
      b.setEndpoint(exportConfig.endpoint());
    }
    exportConfig.headers().forEach(b::addHeader);
    b.setCompression(exportConfig.compression());
    return b.build();
  }

  @Override
  public String toString() {
    return "GrpcSpanExporter{" + exportConfig + ", batchExport=" + batchExport + ", sampleRatio=" + sampleRatio + "}";
  }

  /** Builder for {@link GrpcSpanExporter}. */
  public static final class Builder {
    private OtelExportConfig exportConfig;
    private boolean batchExport = true;
    private Double sampleRatio;

    private Builder() {}

    public Builder exportConfig(OtelExportConfig exportConfig) {
      this.exportConfig = exportConfig;
      return this;
    }

    public Builder batchExport(boolean batchExport) {
      this.batchExport = batchExport;
      return this;
    }

    public Builder sampleRatio(double sampleRatio) {
      this.sampleRatio = sampleRatio;
      return this;
    }

    public GrpcSpanExporter build() {
      return new GrpcSpanExporter(this);
    }
  }
}
