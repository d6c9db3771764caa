package io.scouter.quarkus.runtime;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code scouter.*} configuration keys declared for Quarkus, so that they appear in the extension's configuration
 * documentation and Quarkus warns about unknown {@code scouter.*} keys. The names are those the library has always
 * read through MicroProfile Config; nothing changes for an application.
 *
 * <p>The values are read and validated by the library itself, at build time and again at startup, with one message
 * naming every invalid key and its allowed values (secrets never echoed). That is why every key is declared here as
 * text: the library's one parser decides, not a second one.
 *
 * <pre>{@code
 * # application.properties
 * scouter.service-name=checkout
 * scouter.http.uri=https://scouter.example.com
 * scouter.sample-ratio=0.25
 * }</pre>
 */
@ConfigMapping(prefix = "scouter")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface ScouterConfig {
  /** Whether tracing is on: {@code true} (default) or {@code false}. */
  Optional<String> enabled();

  /**
   * The service name of the spans; default {@code otel.service.name}, else {@code quarkus.application.name}, else
   * {@code scouter_service}.
   */
  Optional<String> serviceName();

  /**
   * The share of new traces recorded, {@code 0.0} to {@code 1.0} (default: every trace), by trace id; a caller's
   * sampling flag is respected.
   */
  Optional<String> sampleRatio();

  /**
   * Where spans go: {@code http} (default), {@code grpc}, {@code kafka}, {@code mock} or {@code none}. In dev and test
   * mode with no server configured, Dev Services starts a Scouter dev server and points {@code http} at it.
   */
  Optional<String> transport();

  /**
   * The OpenTelemetry SDK the spans are built on: {@code auto} (default: {@code quarkus-opentelemetry}'s when present
   * and enabled, else an own SDK), {@code own} or {@code runtime}.
   */
  Optional<String> sdk();

  /**
   * How long shutdown may take to deliver what is still queued: seconds ({@code 5}), {@code 500ms}, {@code 5s},
   * {@code 1m} or ISO-8601 ({@code PT5S}); default {@code 5s}.
   */
  Optional<String> shutdownTimeout();

  /** The header families JAX-RS clients send: a comma-separated list of {@code w3c}, {@code legacy} (default both). */
  Optional<String> propagation();

  /**
   * {@code trace_id}, {@code span_id}, {@code is_sampled} in the logging MDC while a span is current: {@code true}
   * (default) or {@code false}.
   */
  Optional<String> logCorrelation();

  /**
   * Append the trace ids to every {@code java.util.logging} message logged inside a span: {@code true} or
   * {@code false} (default).
   */
  @WithName("log-correlation.jul-message")
  Optional<String> logCorrelationJulMessage();

  /** What {@code @Traced} captures. */
  Capture capture();

  /** The span queue and its batches. */
  Batch batch();

  /** The HTTP transport ({@code scouter.transport=http}). */
  Http http();

  /** The gRPC transport ({@code scouter.transport=grpc}). */
  Grpc grpc();

  /** The Kafka transport ({@code scouter.transport=kafka}). */
  Kafka kafka();

  /**
   * An OpenTelemetry (OTLP) export next to Scouter's: {@code none} (default), {@code otlp-http} or
   * {@code otlp-grpc}.
   */
  @WithName("exporter")
  Optional<String> exporterKind();

  /** The OTLP export of {@code scouter.exporter}. */
  Exporter exporter();

  /** The JAX-RS server and client spans. */
  Jaxrs jaxrs();

  /** Queues of records ({@code scouter-queue-cdi}). */
  Queue queue();

  /** The {@code scouter} readiness check ({@code quarkus-smallrye-health}). */
  Health health();

  /** The {@code scouter} readiness check. */
  interface Health {
    /**
     * How long an exporter may keep failing (the Scouter server or collector down or refusing) before the check
     * reports DOWN: seconds ({@code 60}), {@code 500ms}, {@code 30s}, {@code 2m} or ISO-8601; default {@code 60s}.
     */
    Optional<String> failureThreshold();
  }

  /** What {@code @Traced} captures. */
  interface Capture {
    /** Characters per captured string leaf, at least 1; default 5000. */
    Optional<String> maxLength();

    /**
     * Names of parameters, and of properties and map keys inside captured values, whose values are captured as
     * {@code "[redacted]"}: a comma-separated list (default {@code password}, {@code secret}, {@code token},
     * {@code authorization}, {@code apikey}, {@code credential} and their plurals).
     */
    Optional<String> redact();

    /**
     * For classes compiled without {@code -parameters}: {@code redact} (default: only numbers, booleans, enums and
     * {@code java.time} values in clear) or {@code capture}.
     */
    Optional<String> unnamedParameters();
  }

  /** The span queue and its batches. */
  interface Batch {
    /** Spans the queue holds, at least 1; default 2048. */
    Optional<String> maxQueueSize();

    /** Milliseconds between exports, at least 0; default 5000. */
    Optional<String> scheduledDelayMs();

    /** Spans per export, at least 1 and at most {@code max-queue-size}; default 512. */
    Optional<String> maxExportBatchSize();

    /** Milliseconds one export may take, at least 1; default 30000. */
    Optional<String> exportTimeoutMs();
  }

  /** The HTTP transport. */
  interface Http {
    /** The server, {@code http(s)://host[:port]}; default {@code SCOUTER_SERVER_URI}, else http://localhost:8000. */
    Optional<String> uri();

    /** The user; default {@code SCOUTER_USERNAME}, else {@code admin}. */
    Optional<String> username();

    /** The password (never logged); default {@code SCOUTER_PASSWORD}, else {@code admin}. */
    Optional<String> password();

    /** A token instead of a login (never logged); default {@code SCOUTER_AUTH_TOKEN}. */
    Optional<String> authToken();

    /** A key store file of the certificates trusted for an {@code https} URI; default the JVM's trust store. */
    Optional<String> truststore();

    /** The password of {@code truststore} (never logged). */
    Optional<String> truststorePassword();

    /** The type of {@code truststore}, one this JVM supports ({@code PKCS12}, {@code JKS}); default PKCS12. */
    Optional<String> truststoreType();
  }

  /** The gRPC transport. */
  interface Grpc {
    /** The server, {@code http(s)://host[:port]}; default {@code SCOUTER_GRPC_URI}, else http://localhost:50051. */
    Optional<String> uri();

    /** The user; default {@code guest}. */
    Optional<String> username();

    /** The password (never logged); default {@code guest}. */
    Optional<String> password();

    /** A key store file of the certificates trusted for an {@code https} URI; default the JVM's trust roots. */
    Optional<String> truststore();

    /** The password of {@code truststore} (never logged). */
    Optional<String> truststorePassword();

    /** The type of {@code truststore}, one this JVM supports ({@code PKCS12}, {@code JKS}); default PKCS12. */
    Optional<String> truststoreType();
  }

  /** The Kafka transport. */
  interface Kafka {
    /** The brokers, {@code host:port,...}; default {@code KAFKA_BROKERS}. */
    Optional<String> brokers();

    /**
     * The topic, a legal Kafka topic name; default {@code SCOUTER_KAFKA_TOPIC}, {@code KAFKA_TOPIC}, else
     * {@code scouter_monitoring}.
     */
    Optional<String> topic();

    /** The SASL user; default {@code KAFKA_USERNAME}. */
    Optional<String> username();

    /** The SASL password (never logged); default {@code KAFKA_PASSWORD}. */
    Optional<String> password();

    /** {@code none}, {@code gzip} (default), {@code snappy}, {@code lz4} or {@code zstd}. */
    Optional<String> compression();

    /** Attempts per message, at least 1; default 3. */
    Optional<String> maxRetries();

    /** Any Kafka producer property, checked by the producer. */
    @ConfigDocMapKey("producer-property")
    Map<String, String> config();
  }

  /** The OTLP export. */
  interface Exporter {
    /** The OTLP endpoint, {@code http(s)://...}; default {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    Optional<String> endpoint();

    /** {@code http/protobuf} (default) or {@code http/json}, for {@code otlp-http}. */
    Optional<String> protocol();

    /** Request headers, {@code name=value,...} (values never logged). */
    Optional<String> headers();

    /** {@code none} or {@code gzip}. */
    Optional<String> compression();

    /** Milliseconds per export, at least 1. */
    Optional<String> timeout();

    /** The share of traces this export keeps, {@code 0.0} to {@code 1.0}, when {@code scouter.sample-ratio} is unset. */
    Optional<String> sampleRatio();

    /** Batch the OTLP export: {@code true} (default) or {@code false}. */
    Optional<String> batch();

    /** A PEM file of the certificates trusted for an {@code https} endpoint. */
    Optional<String> trustedCertificates();
  }

  /** The JAX-RS server and client spans. */
  interface Jaxrs {
    /**
     * Request paths (and their sub-paths) without a SERVER span, comma-separated, {@code none} for none; default
     * {@code /health,/q/health,/metrics,/q/metrics}.
     */
    Optional<String> excludePaths();

    /** Capture request and response entities as input and output: {@code true} or {@code false} (default). */
    Optional<String> captureBody();
  }

  /** Queues of records ({@code scouter-queue-cdi}). */
  interface Queue {
    /**
     * Where records go: {@code http}, {@code grpc}, {@code kafka}, {@code mock}, {@code none} or {@code channel}
     * (Reactive Messaging); default the tracer's transport.
     */
    Optional<String> transport();

    /** How often records are sent: a duration like {@code scouter.shutdown-timeout}; default {@code 30s}. */
    Optional<String> publishInterval();

    /** Attach the queue to the tracer: {@code true} or {@code false}. */
    Optional<String> attachToTracer();

    /** The Reactive Messaging channel transport. */
    Channel channel();

    /** The Scouter profile JSON of each queue, a path or {@code classpath:...}, by queue alias. */
    @ConfigDocMapKey("alias")
    @io.smallrye.config.WithParentName
    Map<String, Alias> aliases();

    /** One queue. */
    interface Alias {
      /** The Scouter profile JSON, a path or {@code classpath:...}. */
      Optional<String> profile();
    }

    /** The Reactive Messaging channel transport. */
    interface Channel {
      /** Send the spans over the channel too: {@code true} or {@code false}. */
      Optional<String> spans();

      /** Milliseconds a send may take, at least 1. */
      Optional<String> timeoutMs();

      /** The largest message in bytes, at least 1. */
      Optional<String> maxMessageBytes();
    }
  }
}
