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
public final class HttpSpanExporter extends OtlpExporterConfig {

  private HttpSpanExporter(Builder b) {
    super(b);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "otlp-http";
  }

  @Override
  public SpanExporter createSpanExporter() {
    OtelExportConfig c = exportConfig();
    OtlpHttpSpanExporterBuilder b = OtlpHttpSpanExporter.builder().setTimeout(c.timeout());
    if (c.endpoint() != null) {
      b.setEndpoint(c.endpoint());
    }
    c.headers().forEach(b::addHeader);
    return b.setCompression(c.compression()).build();
  }

  /** Builder for {@link HttpSpanExporter}. */
  public static final class Builder extends OtlpExporterConfig.Builder<Builder> {
    private Builder() {}

    public HttpSpanExporter build() {
      return new HttpSpanExporter(this);
    }
  }
}
