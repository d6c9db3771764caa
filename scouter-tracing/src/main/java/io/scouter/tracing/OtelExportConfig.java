package io.scouter.tracing;

import io.scouter.tracing.internal.Env;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how the optional OTLP exporter sends spans. Unset values fall back to the standard
 * {@code OTEL_EXPORTER_OTLP_TRACES_*} then {@code OTEL_EXPORTER_OTLP_*} environment variables. A programmatic
 * endpoint is used verbatim (HTTP needs the {@code /v1/traces} path, as upstream).
 *
 * <pre>{@code
 * OtelExportConfig otlp = OtelExportConfig.builder().endpoint("http://otel:4318/v1/traces").compression("gzip")
 *     .header("Authorization", "Bearer " + token).build();
 * }</pre>
 *
 * <p>Header values are never logged ({@link #toString()} shows only the names).
 */
public final class OtelExportConfig {
  /** Default export timeout, 10 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final String endpoint;
  private final Map<String, String> headers;
  private final String compression;
  private final Duration timeout;

  private OtelExportConfig(Builder b) {
    this.endpoint = b.endpoint != null ? b.endpoint
        : Env.get(null, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT");
    Map<String, String> h = new LinkedHashMap<>(parseHeaders(
        Env.get(null, "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_HEADERS")));
    h.putAll(b.headers);
    this.headers = Collections.unmodifiableMap(h);
    this.compression = b.compression != null ? b.compression
        : Env.get("none", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_COMPRESSION");
    if (!compression.equals("none") && !compression.equals("gzip")) {
      throw new IllegalArgumentException("Invalid OTLP compression '" + compression + "': allowed none, gzip");
    }
    this.timeout = b.timeout != null ? b.timeout : DEFAULT_TIMEOUT;
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

  /** The endpoint, or {@code null} for the exporter's default. */
  public String endpoint() {
    return endpoint;
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

  @Override
  public String toString() {
    return "OtelExportConfig{endpoint=" + endpoint + ", headers=" + headers.keySet() + ", compression=" + compression
        + ", timeout=" + timeout + "}";
  }

  /** Builder for {@link OtelExportConfig}. */
  public static final class Builder {
    private String endpoint;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String compression;
    private Duration timeout;

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

    public Builder compression(String compression) {
      this.compression = compression;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public OtelExportConfig build() {
      return new OtelExportConfig(this);
    }
  }
}
