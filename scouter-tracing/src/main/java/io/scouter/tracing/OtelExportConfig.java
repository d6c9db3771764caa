package io.scouter.tracing;

import io.scouter.tracing.internal.EnvDefault;
import io.scouter.tracing.internal.Tls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how the optional OTLP exporter sends spans. Unset values fall back to the system properties
 * {@code scouter.exporter.endpoint}, {@code .headers}, {@code .compression}, {@code .trusted-certificates}, then the
 * environment variables named after them ({@code SCOUTER_EXPORTER_ENDPOINT}, ...), then the standard
 * {@code OTEL_EXPORTER_OTLP_TRACES_*} then {@code OTEL_EXPORTER_OTLP_*} environment variables. A programmatic
 * endpoint is used verbatim (HTTP needs the {@code /v1/traces} path, as upstream), and so is
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}; {@code OTEL_EXPORTER_OTLP_ENDPOINT} is a base URL to which OTLP/HTTP
 * appends {@code /v1/traces}, as the OpenTelemetry specification says. Without any, OTLP/HTTP sends to
 * {@value #DEFAULT_HTTP_ENDPOINT} and OTLP/gRPC to {@value #DEFAULT_GRPC_ENDPOINT}.
 *
 * <p>{@link #protocol()} chooses the OTLP/HTTP encoding of {@link HttpSpanExporter} ({@code http/protobuf} by default,
 * or {@code http/json}; environment {@code OTEL_EXPORTER_OTLP_TRACES_PROTOCOL}, {@code OTEL_EXPORTER_OTLP_PROTOCOL}).
 * {@link GrpcSpanExporter} ignores it; an environment value of {@code grpc} makes {@link HttpSpanExporter} fail
 * fast, naming the variable.
 *
 * <pre>{@code
 * OtelExportConfig otlp = OtelExportConfig.builder().endpoint("http://otel:4318/v1/traces").compression("gzip")
 *     .header("Authorization", "Bearer " + token).build();
 * }</pre>
 *
 * <p>An {@code https} endpoint is verified against the JVM's default trust store, or against the PEM certificates of
 * {@link Builder#trustedCertificates} (environment {@code OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE}, then
 * {@code OTEL_EXPORTER_OTLP_CERTIFICATE}, as the OpenTelemetry specification says). An untrusted certificate fails
 * the export (counted as failed, logged); it never falls back to plain HTTP.
 *
 * <p>Header values are never logged ({@link #toString()} shows only the names).
 */
public final class OtelExportConfig {
  /** Default export timeout, 10 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** OTLP/HTTP endpoint used when none is configured, {@value}. */
  public static final String DEFAULT_HTTP_ENDPOINT = "http://localhost:4318/v1/traces";
  /** OTLP/gRPC endpoint used when none is configured, {@value}. */
  public static final String DEFAULT_GRPC_ENDPOINT = "http://localhost:4317";

  private final String endpoint;
  /** Whether {@link #endpoint} is the generic base URL ({@code OTEL_EXPORTER_OTLP_ENDPOINT}). */
  private final boolean endpointIsBase;
  private final OtelProtocol protocol;
  /** The variable that asked for {@code grpc}, or {@code null}. */
  private final String grpcProtocolVariable;
  private final Map<String, String> headers;
  private final String compression;
  private final Duration timeout;
  private final Path trustedCertificates;
  private final byte[] trustedCertificatesPem;

  private OtelExportConfig(Builder b) {
    String tracesEndpoint = EnvDefault.EXPORTER_ENDPOINT.or(b.endpoint);
    String base = EnvDefault.OTLP_BASE_ENDPOINT.value();
    this.endpointIsBase = tracesEndpoint == null && base != null;
    this.endpoint = tracesEndpoint != null ? tracesEndpoint : base;
    OtelProtocol p = b.protocol;
    String grpcVariable = null;
    if (p == null) {
      p = OtelProtocol.HTTP_PROTOBUF;
      String name = EnvDefault.OTLP_PROTOCOL.variableSet();
      if (name != null) {
        String v = EnvDefault.OTLP_PROTOCOL.value();
        if (v.equalsIgnoreCase(OtelProtocol.GRPC_VALUE)) {
          grpcVariable = name;
        } else {
          try {
            p = OtelProtocol.fromValue(v);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + name + " '" + v
                + "': allowed http/protobuf, http/json, grpc");
          }
        }
      }
    }
    this.protocol = p;
    this.grpcProtocolVariable = grpcVariable;
    Map<String, String> h = new LinkedHashMap<>(parseHeaders(EnvDefault.EXPORTER_HEADERS.value()));
    h.putAll(b.headers);
    this.headers = Collections.unmodifiableMap(h);
    this.compression = EnvDefault.EXPORTER_COMPRESSION.or(b.compression);
    if (!compression.equals("none") && !compression.equals("gzip")) {
      throw new IllegalArgumentException("Invalid OTLP compression '" + compression + "': allowed none, gzip");
    }
    this.timeout = b.timeout != null ? b.timeout : DEFAULT_TIMEOUT;
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("Invalid OTLP timeout " + timeout + ": must be positive");
    }
    String certificateVar = EnvDefault.EXPORTER_TRUSTED_CERTIFICATES.value();
    this.trustedCertificates = b.trustedCertificates != null ? b.trustedCertificates
        : certificateVar != null ? Path.of(certificateVar) : null;
    this.trustedCertificatesPem = trustedCertificates == null ? null : Tls.readPem(trustedCertificates);
  }

  private static Map<String, String> parseHeaders(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    for (String pair : value.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return out;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The configured endpoint (programmatic, else {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, else the base URL in
   * {@code OTEL_EXPORTER_OTLP_ENDPOINT}), or {@code null} for the exporter's default.
   */
  public String endpoint() {
    return endpoint;
  }

  /** The OTLP/HTTP encoding; {@link OtelProtocol#HTTP_PROTOBUF} unless configured. {@link GrpcSpanExporter} ignores it. */
  public OtelProtocol protocol() {
    return protocol;
  }

  /** The URL OTLP/HTTP posts to: the endpoint, with {@code /v1/traces} appended to a generic base URL. */
  String httpEndpoint() {
    if (endpoint == null) {
      return DEFAULT_HTTP_ENDPOINT;
    }
    if (endpointIsBase) {
      return (endpoint.endsWith("/") ? endpoint : endpoint + "/") + "v1/traces";
    }
    return endpoint;
  }

  /** The URL OTLP/gRPC connects to. */
  String grpcEndpoint() {
    return endpoint == null ? DEFAULT_GRPC_ENDPOINT : endpoint;
  }

  /** The environment variable that selected {@code grpc}, or {@code null}; {@link HttpSpanExporter} rejects it. */
  String grpcProtocolVariable() {
    return grpcProtocolVariable;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** {@code none} or {@code gzip}. */
  public String compression() {
    return compression;
  }

  public Duration timeout() {
    return timeout;
  }

  /** The PEM file of the certificates trusted for {@code https}, or {@code null} for the JVM's default trust store. */
  public Path trustedCertificates() {
    return trustedCertificates;
  }

  /** The content of {@link #trustedCertificates()} (read and checked when built), or {@code null}. */
  byte[] trustedCertificatesPem() {
    return trustedCertificatesPem == null ? null : trustedCertificatesPem.clone();
  }

  @Override
  public String toString() {
    return "OtelExportConfig{endpoint=" + endpoint + ", protocol="
        + (grpcProtocolVariable != null ? OtelProtocol.GRPC_VALUE : protocol.value()) + ", headers=" + headers.keySet()
        + ", compression=" + compression
        + ", timeout=" + timeout + (trustedCertificates == null ? "" : ", trustedCertificates=" + trustedCertificates)
        + "}";
  }

  /** Builder for {@link OtelExportConfig}. */
  public static final class Builder {
    private String endpoint;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String compression;
    private Duration timeout;
    private OtelProtocol protocol;
    private Path trustedCertificates;

    private Builder() {}

    public Builder endpoint(String endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    public Builder header(String name, String value) {
      this.headers.put(name, value);
      return this;
    }

    public Builder headers(Map<String, String> headers) {
      this.headers.putAll(headers);
      return this;
    }

    /** The OTLP/HTTP encoding for {@link HttpSpanExporter}; default {@code http/protobuf} or the environment's. */
    public Builder protocol(OtelProtocol protocol) {
      this.protocol = protocol;
      return this;
    }

    public Builder compression(String compression) {
      this.compression = compression;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Trusts the X.509 certificates of this PEM file for an {@code https} endpoint, instead of the JVM's default trust
     * store. Read by {@link #build()}, which fails naming the file if it cannot be read or holds no certificate.
     */
    public Builder trustedCertificates(Path pem) {
      this.trustedCertificates = pem;
      return this;
    }

    /**
     * @throws IllegalArgumentException for an invalid compression, protocol or timeout, or unreadable trusted
     *     certificates
     */
    public OtelExportConfig build() {
      return new OtelExportConfig(this);
    }
  }
}
