package io.scouter.tracing.internal;

import io.scouter.tracing.GrpcConfig;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.KafkaConfig;

/**
 * Every environment default the library reads, in one place: for each setting its MicroProfile Config key (or none),
 * the environment variables that stand in for it (Scouter's and OpenTelemetry's names, first wins) and its default.
 * A value given in code wins; else {@link Env#setting}: the system property named by the key, the key's MicroProfile
 * environment variable ({@code SCOUTER_HTTP_URI}), the variables in order, the default. The builders
 * ({@code HttpConfig}, {@code GrpcConfig}, {@code KafkaConfig}, {@code OtelExportConfig}), the Kafka transport, the
 * resource and the queue ask here instead of reading the environment themselves. Not a public API.
 *
 * <pre>{@code
 * String uri = EnvDefault.HTTP_URI.or(builder.uri);   // the builder's value, else the environment, else the default
 * }</pre>
 */
public enum EnvDefault {
  HTTP_URI("scouter.http.uri", HttpConfig.DEFAULT_URI, "SCOUTER_SERVER_URI"),
  HTTP_USERNAME("scouter.http.username", HttpConfig.DEFAULT_USERNAME, "SCOUTER_USERNAME"),
  HTTP_PASSWORD("scouter.http.password", HttpConfig.DEFAULT_PASSWORD, "SCOUTER_PASSWORD"),
  HTTP_AUTH_TOKEN("scouter.http.auth-token", null, "SCOUTER_AUTH_TOKEN"),
  GRPC_URI("scouter.grpc.uri", GrpcConfig.DEFAULT_URI, "SCOUTER_GRPC_URI"),
  GRPC_USERNAME("scouter.grpc.username", GrpcConfig.DEFAULT_USERNAME, "SCOUTER_USERNAME"),
  GRPC_PASSWORD("scouter.grpc.password", GrpcConfig.DEFAULT_PASSWORD, "SCOUTER_PASSWORD"),
  KAFKA_BROKERS("scouter.kafka.brokers", KafkaConfig.DEFAULT_BROKERS, "KAFKA_BROKERS"),
  KAFKA_TOPIC("scouter.kafka.topic", KafkaConfig.DEFAULT_TOPIC, "SCOUTER_KAFKA_TOPIC", "KAFKA_TOPIC"),
  KAFKA_USERNAME("scouter.kafka.username", null, "KAFKA_USERNAME", "KAFKA_KEY"),
  KAFKA_PASSWORD("scouter.kafka.password", null, "KAFKA_PASSWORD", "KAFKA_SECRET"),
  /** The Kafka security protocol with credentials (no key; the default is the transport's). */
  KAFKA_SECURITY_PROTOCOL(null, null, "KAFKA_SECURITY_PROTOCOL"),
  /** The Kafka SASL mechanism with credentials (no key; the default is the transport's). */
  KAFKA_SASL_MECHANISM(null, null, "KAFKA_SASL_MECHANISM"),
  /** The OTLP traces endpoint, used as it is. */
  EXPORTER_ENDPOINT("scouter.exporter.endpoint", null, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
  /** The OTLP base endpoint, completed with {@code /v1/traces} for HTTP. */
  OTLP_BASE_ENDPOINT(null, null, "OTEL_EXPORTER_OTLP_ENDPOINT"),
  /** The OTLP protocol; which variable asked matters for the warning about {@code grpc} ({@link #variableSet()}). */
  OTLP_PROTOCOL(null, null, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"),
  EXPORTER_HEADERS("scouter.exporter.headers", null, "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
      "OTEL_EXPORTER_OTLP_HEADERS"),
  EXPORTER_COMPRESSION("scouter.exporter.compression", "none", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION",
      "OTEL_EXPORTER_OTLP_COMPRESSION"),
  EXPORTER_TRUSTED_CERTIFICATES("scouter.exporter.trusted-certificates", null,
      "OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE", "OTEL_EXPORTER_OTLP_CERTIFICATE"),
  /** Extra resource attributes, {@code k=v,...}. */
  RESOURCE_ATTRIBUTES(null, null, "OTEL_RESOURCE_ATTRIBUTES"),
  /** The queue's publish interval in whole seconds. */
  QUEUE_PUBLISH_INTERVAL_SECS(null, null, "SCOUTER_QUEUE_PUBLISH_INTERVAL_SECS");

  private final String key;
  private final String fallback;
  private final String[] variables;

  EnvDefault(String key, String fallback, String... variables) {
    this.key = key;
    this.fallback = fallback;
    this.variables = variables;
  }

  /** The MicroProfile Config key, or {@code null} for a setting read only from the environment. */
  public String key() {
    return key;
  }

  /** The default when nothing is set, or {@code null}. */
  public String fallback() {
    return fallback;
  }

  /** The environment variables standing in for the key, first wins. */
  public String[] variables() {
    return variables.clone();
  }

  /** {@code explicit} if not {@code null}, else the environment's value, else the default. */
  public String or(String explicit) {
    return explicit != null ? explicit : value();
  }

  /** The environment's value (system property, MicroProfile variable, the variables), else the default. */
  public String value() {
    return key != null ? Env.setting(key, fallback, variables) : Env.get(fallback, variables);
  }

  /** The environment's value, else {@code fallback} instead of the default (for defaults owned by the caller). */
  public String orElse(String fallback) {
    String v = key != null ? Env.setting(key, null, variables) : Env.get(null, variables);
    return v != null ? v : fallback;
  }

  /** The first of {@link #variables()} that is set (not blank), or {@code null}. */
  public String variableSet() {
    for (String name : variables) {
      if (Env.get(null, name) != null) {
        return name;
      }
    }
    return null;
  }
}
