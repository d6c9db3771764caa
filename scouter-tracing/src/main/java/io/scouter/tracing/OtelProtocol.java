package io.scouter.tracing;

import java.util.Locale;

/**
 * The encoding {@link HttpSpanExporter} uses on OTLP/HTTP: binary protobuf (the default) or JSON. The environment
 * variables {@code OTEL_EXPORTER_OTLP_TRACES_PROTOCOL} / {@code OTEL_EXPORTER_OTLP_PROTOCOL} accept the standard
 * names {@code http/protobuf} and {@code http/json}; {@code grpc} means {@link GrpcSpanExporter}, which ignores this
 * setting.
 *
 * <pre>{@code
 * HttpSpanExporter.builder().exportConfig(OtelExportConfig.builder()
 *     .endpoint("http://otel:4318/v1/traces").protocol(OtelProtocol.HTTP_JSON).build()).build();
 * }</pre>
 */
public enum OtelProtocol {
  /** {@code http/protobuf}: {@code Content-Type: application/x-protobuf} (upstream's {@code HttpBinary}). */
  HTTP_PROTOBUF("http/protobuf"),
  /** {@code http/json}: {@code Content-Type: application/json}, OTLP/JSON with hex ids and integer enums. */
  HTTP_JSON("http/json");

  /** The value of {@code OTEL_EXPORTER_OTLP_PROTOCOL} that selects gRPC. */
  public static final String GRPC_VALUE = "grpc";

  private final String value;

  OtelProtocol(String value) {
    this.value = value;
  }

  /** The standard name, {@code http/protobuf} or {@code http/json}. */
  public String value() {
    return value;
  }

  /**
   * The protocol with that standard name (case-insensitive).
   *
   * @throws IllegalArgumentException for any other value, including {@code grpc}
   */
  public static OtelProtocol fromValue(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (OtelProtocol p : values()) {
      if (p.value.equals(v)) {
        return p;
      }
    }
    throw new IllegalArgumentException("Invalid OTLP protocol '" + value + "': allowed http/protobuf, http/json"
        + (v.equals(GRPC_VALUE) ? " (for grpc use GrpcSpanExporter)" : ""));
  }

  @Override
  public String toString() {
    return value;
  }
}
