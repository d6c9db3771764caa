package io.scouter.cdi.config;

import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.GrpcConfig;
import io.scouter.tracing.GrpcSpanExporter;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.HttpSpanExporter;
import io.scouter.tracing.KafkaConfig;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.OtelExportConfig;
import io.scouter.tracing.OtelProtocol;
import io.scouter.tracing.TracerConfig;
import io.scouter.tracing.TransportConfig;
import io.scouter.tracing.internal.capture.Redaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tracer's {@code scouter.*} keys, parsed once per application into this immutable snapshot, which the CDI
 * extensions, the bootstrap, the runtime exporter, the Quarkus export and the queue consume ({@link #current()}).
 * Every key is validated at once: an invalid value fails deployment with a message naming every bad key and its
 * allowed values; secrets are never echoed. Every key read is declared once in {@link #KEYS}. The JAX-RS keys belong to
 * {@code scouter-jaxrs-propagation}, the {@code scouter.queue.*} keys to {@code scouter-queue-cdi}.
 *
 * <pre>{@code
 * ScouterSettings settings = ScouterSettings.current();   // parsed on this application's first call only
 * TracerConfig config = settings.builder().openTelemetry(runtime).build();
 * }</pre>
 */
public final class ScouterSettings {
  static final Set<String> TRANSPORTS = Set.of("http", "grpc", "kafka", "mock", "none");
  static final Set<String> EXPORTERS = Set.of("none", "otlp-http", "otlp-grpc");
  /** Values of {@code scouter.sdk}. */
  public static final Set<String> SDK_MODES = Set.of("auto", "own", "runtime");
  static final String KAFKA_CONFIG_PREFIX = "scouter.kafka.config.";

  static final ConfigKey ENABLED = ConfigKey.bool("scouter.enabled");
  static final ConfigKey SERVICE_NAME = ConfigKey.text("scouter.service-name");
  static final ConfigKey SAMPLE_RATIO = ConfigKey.ratio("scouter.sample-ratio");
  static final ConfigKey CAPTURE_MAX_LENGTH = ConfigKey.integer("scouter.capture.max-length", 1, Integer.MAX_VALUE,
      "characters");
  static final ConfigKey CAPTURE_REDACT = ConfigKey.text("scouter.capture.redact");
  /** Values of {@code scouter.capture.unnamed-parameters}. */
  static final Set<String> UNNAMED_PARAMETER_MODES = Set.of("redact", "capture");
  /** {@code scouter.capture.unnamed-parameters}: {@code redact} (default) or {@code capture}. */
  public static final ConfigKey CAPTURE_UNNAMED_PARAMETERS = ConfigKey.choice("scouter.capture.unnamed-parameters",
      UNNAMED_PARAMETER_MODES, "for classes compiled without -parameters");
  static final ConfigKey BATCH_MAX_QUEUE_SIZE = ConfigKey.integer("scouter.batch.max-queue-size", 1,
      Integer.MAX_VALUE, null);
  static final ConfigKey BATCH_SCHEDULED_DELAY_MS = ConfigKey.integer("scouter.batch.scheduled-delay-ms", 0,
      Long.MAX_VALUE, "milliseconds");
  static final ConfigKey BATCH_MAX_EXPORT_BATCH_SIZE = ConfigKey.integer("scouter.batch.max-export-batch-size", 1,
      Integer.MAX_VALUE, "at most scouter.batch.max-queue-size");
  static final ConfigKey BATCH_EXPORT_TIMEOUT_MS = ConfigKey.integer("scouter.batch.export-timeout-ms", 1,
      Long.MAX_VALUE, "milliseconds");
  static final ConfigKey TRANSPORT = ConfigKey.choice("scouter.transport", TRANSPORTS, null);
  static final ConfigKey HTTP_URI = ConfigKey.httpUri("scouter.http.uri");
  static final ConfigKey HTTP_USERNAME = ConfigKey.text("scouter.http.username");
  static final ConfigKey HTTP_PASSWORD = ConfigKey.secret("scouter.http.password");
  static final ConfigKey HTTP_AUTH_TOKEN = ConfigKey.secret("scouter.http.auth-token");
  static final ConfigKey HTTP_TRUSTSTORE = ConfigKey.file("scouter.http.truststore",
      "a key store of the certificates trusted for https");
  static final ConfigKey HTTP_TRUSTSTORE_PASSWORD = ConfigKey.secret("scouter.http.truststore-password");
  static final ConfigKey HTTP_TRUSTSTORE_TYPE = ConfigKey.keyStoreType("scouter.http.truststore-type");
  static final ConfigKey GRPC_URI = ConfigKey.httpUri("scouter.grpc.uri");
  static final ConfigKey GRPC_USERNAME = ConfigKey.text("scouter.grpc.username");
  static final ConfigKey GRPC_PASSWORD = ConfigKey.secret("scouter.grpc.password");
  static final ConfigKey GRPC_TRUSTSTORE = ConfigKey.file("scouter.grpc.truststore",
      "a key store of the certificates trusted for https");
  static final ConfigKey GRPC_TRUSTSTORE_PASSWORD = ConfigKey.secret("scouter.grpc.truststore-password");
  static final ConfigKey GRPC_TRUSTSTORE_TYPE = ConfigKey.keyStoreType("scouter.grpc.truststore-type");
  static final ConfigKey KAFKA_BROKERS = ConfigKey.hostPortList("scouter.kafka.brokers");
  static final ConfigKey KAFKA_TOPIC = ConfigKey.kafkaTopic("scouter.kafka.topic");
  static final ConfigKey KAFKA_USERNAME = ConfigKey.text("scouter.kafka.username");
  static final ConfigKey KAFKA_PASSWORD = ConfigKey.secret("scouter.kafka.password");
  static final ConfigKey KAFKA_COMPRESSION = ConfigKey.choice("scouter.kafka.compression",
      Set.of("none", "gzip", "snappy", "lz4", "zstd"), null);
  static final ConfigKey KAFKA_MAX_RETRIES = ConfigKey.integer("scouter.kafka.max-retries", 1, Integer.MAX_VALUE,
      "attempts per message");
  static final ConfigKey EXPORTER = ConfigKey.choice("scouter.exporter", EXPORTERS, null);
  static final ConfigKey EXPORTER_ENDPOINT = ConfigKey.httpUri("scouter.exporter.endpoint");
  static final ConfigKey EXPORTER_PROTOCOL = ConfigKey.choice("scouter.exporter.protocol",
      Set.of(OtelProtocol.HTTP_PROTOBUF.value(), OtelProtocol.HTTP_JSON.value()), null);
  static final ConfigKey EXPORTER_HEADERS = ConfigKey.headers("scouter.exporter.headers");
  static final ConfigKey EXPORTER_COMPRESSION = ConfigKey.choice("scouter.exporter.compression",
      Set.of("none", "gzip"), null);
  static final ConfigKey EXPORTER_TIMEOUT = ConfigKey.integer("scouter.exporter.timeout", 1, Long.MAX_VALUE,
      "milliseconds");
  static final ConfigKey EXPORTER_SAMPLE_RATIO = ConfigKey.ratio("scouter.exporter.sample-ratio");
  static final ConfigKey EXPORTER_BATCH = ConfigKey.bool("scouter.exporter.batch");
  static final ConfigKey EXPORTER_TRUSTED_CERTIFICATES = ConfigKey.file("scouter.exporter.trusted-certificates",
      "a PEM file of the certificates trusted for https");
  static final ConfigKey SDK = ConfigKey.choice("scouter.sdk", SDK_MODES, null);
  static final ConfigKey LOG_CORRELATION = ConfigKey.bool("scouter.log-correlation");
  static final ConfigKey LOG_CORRELATION_JUL_MESSAGE = ConfigKey.bool("scouter.log-correlation.jul-message");
  static final ConfigKey SHUTDOWN_TIMEOUT = ConfigKey.duration("scouter.shutdown-timeout");
  static final ConfigKey HEALTH_FAILURE_THRESHOLD = ConfigKey.duration("scouter.health.failure-threshold");
  /** {@code scouter.health.failure-threshold} default. */
  public static final Duration DEFAULT_HEALTH_FAILURE_THRESHOLD = Duration.ofSeconds(60);

  /**
   * Every key {@link #read} reads (besides the {@code scouter.kafka.config.*} passthrough, which the Kafka producer
   * checks); the one list validation and its test go through.
   */
  public static final List<ConfigKey> KEYS = List.of(ENABLED, SERVICE_NAME, SAMPLE_RATIO, CAPTURE_MAX_LENGTH,
      CAPTURE_REDACT, CAPTURE_UNNAMED_PARAMETERS, BATCH_MAX_QUEUE_SIZE, BATCH_SCHEDULED_DELAY_MS,
      BATCH_MAX_EXPORT_BATCH_SIZE,
      BATCH_EXPORT_TIMEOUT_MS, TRANSPORT, HTTP_URI, HTTP_USERNAME, HTTP_PASSWORD, HTTP_AUTH_TOKEN, HTTP_TRUSTSTORE,
      HTTP_TRUSTSTORE_PASSWORD, HTTP_TRUSTSTORE_TYPE, GRPC_URI, GRPC_USERNAME, GRPC_PASSWORD, GRPC_TRUSTSTORE,
      GRPC_TRUSTSTORE_PASSWORD, GRPC_TRUSTSTORE_TYPE, KAFKA_BROKERS,
      KAFKA_TOPIC, KAFKA_USERNAME, KAFKA_PASSWORD, KAFKA_COMPRESSION, KAFKA_MAX_RETRIES, EXPORTER, EXPORTER_ENDPOINT,
      EXPORTER_PROTOCOL, EXPORTER_HEADERS, EXPORTER_COMPRESSION, EXPORTER_TIMEOUT, EXPORTER_SAMPLE_RATIO,
      EXPORTER_BATCH, EXPORTER_TRUSTED_CERTIFICATES, SDK,
      SHUTDOWN_TIMEOUT, LOG_CORRELATION, LOG_CORRELATION_JUL_MESSAGE, HEALTH_FAILURE_THRESHOLD);

  /** Keys read besides {@link #KEYS}: the service name's fallbacks. */
  private static final List<String> FALLBACK_NAMES = List.of("otel.service.name", "quarkus.application.name");
  private static final PerApplication<ScouterSettings> PER_APPLICATION = new PerApplication<>(KEYS, FALLBACK_NAMES,
      List.of(KAFKA_CONFIG_PREFIX), ScouterSettings::read);

  private final boolean enabled;
  private final TracerConfig config;
  private final List<String> redactedNames;
  private final boolean captureUnnamedParameters;
  private final String sdk;
  private final boolean julMessage;
  private final Duration healthFailureThreshold;
  /** The validated values, to build the transport of another type ({@link #transport(String)}). */
  private final ConfigLookup values;
  private final Map<String, Optional<TransportConfig>> otherTransports = new ConcurrentHashMap<>();

  private ScouterSettings(boolean enabled, TracerConfig config, List<String> redactedNames,
      boolean captureUnnamedParameters, String sdk, boolean julMessage, Duration healthFailureThreshold,
      ConfigLookup values) {
    this.enabled = enabled;
    this.config = config;
    this.redactedNames = redactedNames;
    this.captureUnnamedParameters = captureUnnamedParameters;
    this.sdk = sdk;
    this.julMessage = julMessage;
    this.healthFailureThreshold = healthFailureThreshold;
    this.values = values;
  }

  /**
   * The settings of the calling application, parsed on its first call (and again only when its values change).
   *
   * @throws IllegalArgumentException naming every invalid key
   */
  public static ScouterSettings current() {
    return PER_APPLICATION.get();
  }

  /**
   * The settings read from {@code cfg}, parsed once per application ({@link ConfigLookup#application()}).
   *
   * @throws IllegalArgumentException naming every invalid key
   */
  public static ScouterSettings current(ConfigLookup cfg) {
    return PER_APPLICATION.get(cfg);
  }

  /** How many times {@link #current} parsed settings in this class loader (every application), for tests. */
  public static long parses() {
    return PER_APPLICATION.parses();
  }

  /** {@code scouter.enabled} (default true). */
  public boolean enabled() {
    return enabled;
  }

  /**
   * {@code scouter.sdk}: {@code auto} (default: the runtime's OpenTelemetry when MicroProfile Telemetry or
   * {@code quarkus-opentelemetry} provides an enabled one, else our own SDK), {@code own} or {@code runtime}.
   */
  public String sdk() {
    return sdk;
  }

  /** The tracer's configuration, built once (transport trust stores loaded once). */
  public TracerConfig tracerConfig() {
    return config;
  }

  /** A new builder holding {@link #tracerConfig()}, for customizers and the runtime's OpenTelemetry. */
  public TracerConfig.Builder builder() {
    return config.toBuilder();
  }

  /** {@code scouter.capture.max-length}. */
  public int captureMaxLength() {
    return config.captureMaxLength();
  }

  /**
   * {@code scouter.capture.unnamed-parameters=capture}: capture in clear the arguments of classes compiled without
   * {@code -parameters}, which redaction by name cannot reach (default {@code redact}: only values that are plainly not
   * secrets are shown).
   */
  public boolean captureUnnamedParameters() {
    return captureUnnamedParameters;
  }

  /**
   * {@code scouter.log-correlation.jul-message}: append the ids to the message of every {@code java.util.logging}
   * record logged inside a span ({@code TraceIdStamper}), for servers whose own handlers write the log (default
   * false).
   */
  public boolean julMessage() {
    return julMessage;
  }

  /**
   * {@code scouter.health.failure-threshold}: how long an exporter may fail before the {@code scouter} readiness check
   * reports DOWN (default 60 s).
   */
  public Duration healthFailureThreshold() {
    return healthFailureThreshold;
  }

  /**
   * {@code scouter.capture.redact}: the names (of parameters, and of properties and keys inside captured values) whose
   * values are redacted, normalised.
   */
  public List<String> redactedNames() {
    return redactedNames;
  }

  /**
   * The transport {@code type} ({@code http}, {@code grpc}, {@code kafka}, {@code mock}, {@code none}) configured by
   * the same keys, e.g. for {@code scouter.queue.transport}; built once per type. Empty for {@code none}.
   *
   * @throws IllegalArgumentException naming the key whose value the transport refused (e.g. its trust store)
   */
  public Optional<TransportConfig> transport(String type) {
    String t = word(type);
    if (!TRANSPORTS.contains(t)) {
      throw new IllegalArgumentException("Unknown Scouter transport '" + type + "', expected one of " + TRANSPORTS);
    }
    if (t.equals(transportType(values))) {
      return Optional.ofNullable(config.transport());
    }
    return otherTransports.computeIfAbsent(t, k -> {
      Reader r = new Reader(values);
      Optional<TransportConfig> built = transport(r, k, values);
      r.throwIfInvalid();
      return built;
    });
  }

  /**
   * Parses and validates {@code cfg} (no caching: applications go through {@link #current()}); the settings keep
   * {@code cfg} to build other transports, so pass a plain {@link ConfigLookup#of map}, not a live configuration.
   * Every key in {@link #KEYS} that is set is checked, whether or not the chosen transport or exporter uses it, so a
   * typo fails at startup instead of when the setting is switched on.
   *
   * @throws IllegalArgumentException naming every invalid key and its allowed values
   */
  public static ScouterSettings read(ConfigLookup cfg) {
    Reader r = new Reader(cfg);
    boolean enabled = r.get(ENABLED).map(ScouterSettings::bool).orElse(true);
    TracerConfig.Builder b = TracerConfig.builder();
    b.serviceName(r.get(SERVICE_NAME).or(() -> cfg.get("otel.service.name"))
        .or(() -> cfg.get("quarkus.application.name")).orElse(TracerConfig.DEFAULT_SERVICE_NAME));
    r.get(SAMPLE_RATIO).map(Double::parseDouble).ifPresent(b::sampleRatio);
    r.get(CAPTURE_MAX_LENGTH).map(Integer::parseInt).ifPresent(b::captureMaxLength);
    List<String> redacted = r.get(CAPTURE_REDACT).map(ScouterSettings::list).orElse(Redaction.DEFAULT_NAMES);
    r.get(SHUTDOWN_TIMEOUT).map(ConfigKey::parseDuration).ifPresent(b::shutdownTimeout);
    boolean captureUnnamed = r.get(CAPTURE_UNNAMED_PARAMETERS).map(ScouterSettings::word).orElse("redact")
        .equals("capture");
    BatchConfig.Builder batch = BatchConfig.builder();
    r.get(BATCH_MAX_QUEUE_SIZE).map(Integer::parseInt).ifPresent(batch::maxQueueSize);
    r.get(BATCH_SCHEDULED_DELAY_MS).map(Long::parseLong).ifPresent(batch::scheduledDelayMs);
    r.get(BATCH_MAX_EXPORT_BATCH_SIZE).map(Integer::parseInt).ifPresent(batch::maxExportBatchSize);
    r.get(BATCH_EXPORT_TIMEOUT_MS).map(Long::parseLong).ifPresent(batch::exportTimeoutMs);
    r.guard(BATCH_MAX_EXPORT_BATCH_SIZE, () -> b.batchConfig(batch.build()));
    transport(r, transportType(cfg), cfg).ifPresentOrElse(b::transport, b::noTransport);
    exporter(r).ifPresent(b::exporter);
    String sdk = r.get(SDK).map(ScouterSettings::word).orElse("auto");
    r.get(LOG_CORRELATION).map(ScouterSettings::bool).ifPresent(b::logCorrelation);
    boolean julMessage = r.get(LOG_CORRELATION_JUL_MESSAGE).map(ScouterSettings::bool).orElse(false);
    Duration healthFailureThreshold = r.get(HEALTH_FAILURE_THRESHOLD).map(ConfigKey::parseDuration)
        .orElse(DEFAULT_HEALTH_FAILURE_THRESHOLD);
    r.throwIfInvalid();
    return new ScouterSettings(enabled, b.build(), redacted, captureUnnamed, sdk, julMessage, healthFailureThreshold,
        cfg);
  }

  /** {@code scouter.transport}, default {@code http}; an invalid value reads as the default (and fails the read). */
  private static String transportType(ConfigLookup cfg) {
    String t = cfg.get(TRANSPORT.name()).map(ScouterSettings::word).orElse("http");
    return TRANSPORTS.contains(t) ? t : "http";
  }

  /** The transport {@code type} from its keys; empty for {@code none} or when a key is invalid (an error in r). */
  private static Optional<TransportConfig> transport(Reader r, String type, ConfigLookup cfg) {
    TransportConfig[] built = new TransportConfig[1];
    switch (type) {
      case "none":
        return Optional.empty();
      case "mock":
        return Optional.of(new MockConfig());
      case "grpc":
        r.guard(r.get(GRPC_TRUSTSTORE).isPresent() ? GRPC_TRUSTSTORE : GRPC_URI, () -> {
          GrpcConfig.Builder g = GrpcConfig.builder();
          r.get(GRPC_URI).map(String::trim).ifPresent(g::uri);
          r.get(GRPC_USERNAME).ifPresent(g::username);
          r.get(GRPC_PASSWORD).ifPresent(g::password);
          r.get(GRPC_TRUSTSTORE).ifPresent(path -> g.trustStore(Path.of(path.trim()),
              r.get(GRPC_TRUSTSTORE_PASSWORD).orElse(null),
              r.get(GRPC_TRUSTSTORE_TYPE).map(String::trim).orElse(null)));
          built[0] = g.build();
        });
        break;
      case "kafka":
        r.guard(KAFKA_COMPRESSION, () -> {
          KafkaConfig.Builder k = KafkaConfig.builder();
          r.get(KAFKA_BROKERS).map(String::trim).ifPresent(k::brokers);
          r.get(KAFKA_TOPIC).map(String::trim).ifPresent(k::topic);
          r.get(KAFKA_USERNAME).ifPresent(k::username);
          r.get(KAFKA_PASSWORD).ifPresent(k::password);
          r.get(KAFKA_COMPRESSION).map(ScouterSettings::word).ifPresent(k::compression);
          r.get(KAFKA_MAX_RETRIES).map(Integer::parseInt).ifPresent(k::maxRetries);
          cfg.withPrefix(KAFKA_CONFIG_PREFIX).forEach((key, v) -> k.config(key.substring(KAFKA_CONFIG_PREFIX.length()),
              v));
          built[0] = k.build();
        });
        break;
      default:
        r.guard(r.get(HTTP_TRUSTSTORE).isPresent() ? HTTP_TRUSTSTORE : HTTP_URI, () -> {
          HttpConfig.Builder h = HttpConfig.builder();
          r.get(HTTP_URI).map(String::trim).ifPresent(h::uri);
          r.get(HTTP_USERNAME).ifPresent(h::username);
          r.get(HTTP_PASSWORD).ifPresent(h::password);
          r.get(HTTP_AUTH_TOKEN).ifPresent(h::authToken);
          r.get(HTTP_TRUSTSTORE).ifPresent(path -> h.trustStore(Path.of(path.trim()),
              r.get(HTTP_TRUSTSTORE_PASSWORD).orElse(null),
              r.get(HTTP_TRUSTSTORE_TYPE).map(String::trim).orElse(null)));
          built[0] = h.build();
        });
    }
    return Optional.ofNullable(built[0]);
  }

  /** The secondary exporter of {@code scouter.exporter}; empty for {@code none} or when a key is invalid. */
  private static Optional<io.scouter.tracing.SpanExporterConfig> exporter(Reader r) {
    String exporter = r.get(EXPORTER).map(ScouterSettings::word).orElse("none");
    if (exporter.equals("none")) {
      return Optional.empty();
    }
    OtelExportConfig.Builder o = OtelExportConfig.builder();
    r.get(EXPORTER_ENDPOINT).map(String::trim).ifPresent(o::endpoint);
    r.get(EXPORTER_HEADERS).ifPresent(h -> {
      for (String pair : h.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          o.header(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
    });
    r.get(EXPORTER_PROTOCOL).map(ScouterSettings::word).map(OtelProtocol::fromValue).ifPresent(o::protocol);
    r.get(EXPORTER_COMPRESSION).map(ScouterSettings::word).ifPresent(o::compression);
    r.get(EXPORTER_TIMEOUT).map(Long::parseLong).ifPresent(ms -> o.timeout(Duration.ofMillis(ms)));
    r.get(EXPORTER_TRUSTED_CERTIFICATES).map(String::trim).map(Path::of).ifPresent(o::trustedCertificates);
    Optional<Double> ratio = r.get(EXPORTER_SAMPLE_RATIO).map(Double::parseDouble);
    boolean batchExport = r.get(EXPORTER_BATCH).map(ScouterSettings::bool).orElse(true);
    io.scouter.tracing.SpanExporterConfig[] built = new io.scouter.tracing.SpanExporterConfig[1];
    r.guard(EXPORTER_ENDPOINT, () -> {
      OtelExportConfig oc = o.build();
      if (exporter.equals("otlp-http")) {
        HttpSpanExporter.Builder e = HttpSpanExporter.builder().exportConfig(oc).batchExport(batchExport);
        ratio.ifPresent(e::sampleRatio);
        built[0] = e.build();
      } else {
        GrpcSpanExporter.Builder e = GrpcSpanExporter.builder().exportConfig(oc).batchExport(batchExport);
        ratio.ifPresent(e::sampleRatio);
        built[0] = e.build();
      }
    });
    return Optional.ofNullable(built[0]);
  }

  private static boolean bool(String v) {
    return Boolean.parseBoolean(v.trim().toLowerCase(Locale.ROOT));
  }

  private static String word(String v) {
    return v.trim().toLowerCase(Locale.ROOT);
  }

  static List<String> list(String value) {
    List<String> out = new ArrayList<>();
    for (String s : value.split(",")) {
      String n = Redaction.normalise(s);
      if (!n.isEmpty()) {
        out.add(n);
      }
    }
    return List.copyOf(out);
  }

  /** Validates every key up front, then hands out only valid values; collects every problem for one failure. */
  private static final class Reader {
    private final ConfigLookup cfg;
    private final Map<String, String> errors;

    Reader(ConfigLookup cfg) {
      this.cfg = cfg;
      this.errors = ConfigKey.validate(cfg, KEYS);
    }

    /** The value of a key in {@link #KEYS}, if set and valid. */
    Optional<String> get(ConfigKey key) {
      return errors.containsKey(key.name()) ? Optional.empty() : cfg.get(key.name());
    }

    /** Runs a builder step; its IllegalArgumentException becomes an error on {@code key}. */
    void guard(ConfigKey key, Runnable step) {
      try {
        step.run();
      } catch (IllegalArgumentException e) {
        errors.putIfAbsent(key.name(), e.getMessage());
      }
    }

    void throwIfInvalid() {
      if (!errors.isEmpty()) {
        throw ConfigKey.failure("Invalid Scouter tracing configuration:", errors);
      }
    }
  }
}
