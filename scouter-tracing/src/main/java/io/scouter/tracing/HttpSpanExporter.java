package io.scouter.tracing;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.scouter.tracing.internal.Tls;
import io.scouter.tracing.internal.export.OtlpJsonHttpExporter;
import java.net.URI;

/**
 * The <b>configuration</b> of the optional OTLP/HTTP exporter (a value passed to {@link TracerConfig.Builder#exporter};
 * the name is the Python API's, it exports nothing itself): the second export, to an OTLP collector over HTTP, as
 * binary protobuf ({@code http/protobuf}, the default,
 * through the OpenTelemetry SDK's {@code OtlpHttpSpanExporter}) or JSON ({@code http/json}), chosen by
 * {@link OtelExportConfig#protocol()}.
 *
 * <pre>{@code
 * TracerConfig.builder().exporter(HttpSpanExporter.builder()
 *     .exportConfig(OtelExportConfig.builder().endpoint("http://otel:4318/v1/traces").build())
 *     .sampleRatio(0.25).build())
 * }</pre>
 *
 * <p>{@code build()} throws {@link IllegalArgumentException} when {@code OTEL_EXPORTER_OTLP_TRACES_PROTOCOL} or
 * {@code OTEL_EXPORTER_OTLP_PROTOCOL} says {@code grpc} and no protocol is set programmatically.
 */
public final class HttpSpanExporter extends OtlpExporterConfig {

  private HttpSpanExporter(Builder b) {
    super(b);
    String grpcVariable = exportConfig().grpcProtocolVariable();
    if (grpcVariable != null) {
      throw new IllegalArgumentException(grpcVariable + "=grpc selects OTLP/gRPC, which HttpSpanExporter does not "
          + "speak: set " + grpcVariable + " to http/protobuf or http/json, use GrpcSpanExporter, or set "
          + "OtelExportConfig.builder().protocol(...)");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "otlp-http";
  }

  /** The encoding this exporter uses. */
  public OtelProtocol protocol() {
    return exportConfig().protocol();
  }

  @Override
  public SpanExporter createSpanExporter() {
    OtelExportConfig c = exportConfig();
    if (c.protocol() == OtelProtocol.HTTP_JSON) {
      byte[] pem = c.trustedCertificatesPem();
      return new OtlpJsonHttpExporter(URI.create(c.httpEndpoint()), c.headers(), c.compression().equals("gzip"),
          c.timeout(), pem == null ? null : Tls.pemContext(pem));
    }
    OtlpHttpSpanExporterBuilder b = OtlpHttpSpanExporter.builder().setTimeout(c.timeout())
        .setEndpoint(c.httpEndpoint());
    c.headers().forEach(b::addHeader);
    if (c.trustedCertificatesPem() != null) {
      b.setTrustedCertificates(c.trustedCertificatesPem());
    }
    return b.setCompression(c.compression()).build();
  }

  /** Builder for {@link HttpSpanExporter}. */
  public static final class Builder extends OtlpExporterConfig.Builder<Builder> {
    private Builder() {}

    /**
     * @throws IllegalArgumentException when the protocol environment variable says {@code grpc} (see the class)
     */
    public HttpSpanExporter build() {
      return new HttpSpanExporter(this);
    }
  }
}
