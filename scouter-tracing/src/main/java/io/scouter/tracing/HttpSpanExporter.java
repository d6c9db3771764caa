package io.scouter.tracing;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The optional second export to an OTLP collector over HTTP (protobuf).
 *
 * <pre>{@code
 * TracerConfig.builder().exporter(HttpSpanExporter.builder()
 *     .exportConfig(OtelExportConfig.builder().endpoint("http://otel:4318/v1/traces").build())
 *     .sampleRatio(0.25).build())
 * }</pre>
 */
public final class HttpSpanExporter implements SpanExporterConfig {
  private final OtelExportConfig exportConfig;
  private final boolean batchExport;
  private final Double sampleRatio;

  private HttpSpanExporter(Builder b) {
    this.exportConfig = b.exportConfig != null ? b.exportConfig : OtelExportConfig.builder().build();
    this.batchExport = b.batchExport;
    this.sampleRatio = TracerConfig.checkRatio(b.sampleRatio, "sampleRatio");
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "otlp-http";
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
    OtlpHttpSpanExporterBuilder b = OtlpHttpSpanExporter.builder().setTimeout(exportConfig.timeout());
    if (exportConfig.endpoint() != null) {
      b.setEndpoint(exportConfig.endpoint());
    }
    exportConfig.headers().forEach(b::addHeader);
    b.setCompression(exportConfig.compression());
    return b.build();
  }

  @Override
  public String toString() {
    return "HttpSpanExporter{" + exportConfig + ", batchExport=" + batchExport + ", sampleRatio=" + sampleRatio + "}";
  }

  /** Builder for {@link HttpSpanExporter}. */
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

    public HttpSpanExporter build() {
      return new HttpSpanExporter(this);
    }
  }
}
