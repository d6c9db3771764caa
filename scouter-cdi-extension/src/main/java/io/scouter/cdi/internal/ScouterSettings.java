package io.scouter.cdi.internal;

import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.GrpcConfig;
import io.scouter.tracing.GrpcSpanExporter;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.HttpSpanExporter;
import io.scouter.tracing.KafkaConfig;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.OtelExportConfig;
import io.scouter.tracing.TracerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The MicroProfile Config keys of DESIGN.md mapped to a {@link TracerConfig}, validated all at once: an invalid value
 * fails deployment with a message naming every bad key and its allowed values. Secrets are never echoed. Not a public
 * API.
 */
public final class ScouterSettings {
  public static final List<String> DEFAULT_REDACT =
      List.of("password", "passwd", "secret", "token", "authorization", "apikey", "credential");
  static final Set<String> TRANSPORTS = Set.of("http", "grpc", "kafka", "mock", "none");
  static final Set<String> EXPORTERS = Set.of("none", "otlp-http", "otlp-grpc");
  /** {@code scouter.jaxrs.exclude-paths} default: health and metrics endpoints. */
  public static final List<String> DEFAULT_JAXRS_EXCLUDE_PATHS = List.of("/health", "/q/health", "/metrics",
      "/q/metrics");
  /** {@code scouter.propagation} values: which header families JAX-RS clients send. */
  public static final Set<String> PROPAGATIONS = Set.of("w3c", "legacy");
  /** Values of {@code scouter.sdk}. */
  public static final Set<String> SDK_MODES = Set.of("auto", "own", "runtime");
  private static final Set<String> SECRET_KEYS =
      Set.of("scouter.http.password", "scouter.http.auth-token", "scouter.grpc.password", "scouter.kafka.password");

  private final boolean enabled;
  private final TracerConfig.Builder builder;
  private final int captureMaxLength;
  private final List<String> redact;
  private List<String> jaxrsExcludePaths = DEFAULT_JAXRS_EXCLUDE_PATHS;
  private boolean jaxrsCaptureBody;
  private Set<String> propagation = PROPAGATIONS;
  private String sdk = "auto";

  private ScouterSettings(boolean enabled, TracerConfig.Builder builder, int captureMaxLength, List<String> redact) {
    this.enabled = enabled;
    this.builder = builder;
    this.captureMaxLength = captureMaxLength;
    this.redact = redact;
  }

  /** {@code scouter.jaxrs.exclude-paths}: request paths (and their sub-paths) that get no SERVER span. */
  public List<String> jaxrsExcludePaths() {
    return jaxrsExcludePaths;
  }

  /** {@code scouter.jaxrs.capture-body}: capture request/response entities as input/output (default false). */
  public boolean jaxrsCaptureBody() {
    return jaxrsCaptureBody;
  }

  /** {@code scouter.propagation}: the header families sent ({@code w3c}, {@code legacy}; both by default). */
  public Set<String> propagation() {
    return propagation;
  }

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

  /** The builder, ready for customizers. */
  public TracerConfig.Builder builder() {
    return builder;
  }

  public int captureMaxLength() {
    return captureMaxLength;
  }

  /** Normalised (lowercase, no '_' or '-') parameter names whose values are redacted. */
  public List<String> redact() {
    return redact;
  }

  /**
   * Reads and validates.
   *
   * @throws IllegalArgumentException naming every invalid key and its allowed values
   */
  public static ScouterSettings read(ConfigLookup cfg) {
    Reader r = new Reader(cfg);
    boolean enabled = r.bool("scouter.enabled", true);
    TracerConfig.Builder b = TracerConfig.builder();
    String service = cfg.get("scouter.service-name")
        .or(() -> cfg.get("otel.service.name"))
        .or(() -> cfg.get("quarkus.application.name"))
        .orElse(TracerConfig.DEFAULT_SERVICE_NAME);
    b.serviceName(service);
    r.number("scouter.sample-ratio", Double::parseDouble, v -> v >= 0.0 && v <= 1.0,
        "a number between 0.0 and 1.0").ifPresent(b::sampleRatio);
    int maxLength = r.number("scouter.capture.max-length", Integer::parseInt, v -> v >= 1, "an integer >= 1")
        .orElse(TracerConfig.DEFAULT_CAPTURE_MAX_LENGTH);
    b.captureMaxLength(maxLength);
    List<String> redact = cfg.get("scouter.capture.redact").map(ScouterSettings::list).orElse(DEFAULT_REDACT);

    BatchConfig.Builder batch = BatchConfig.builder();
    r.number("scouter.batch.max-queue-size", Integer::parseInt, v -> v >= 1, "an integer >= 1")
        .ifPresent(batch::maxQueueSize);
    r.number("scouter.batch.scheduled-delay-ms", Long::parseLong, v -> v >= 0, "an integer >= 0 (milliseconds)")
        .ifPresent(batch::scheduledDelayMs);
    r.number("scouter.batch.max-export-batch-size", Integer::parseInt, v -> v >= 1, "an integer >= 1")
        .ifPresent(batch::maxExportBatchSize);
    r.number("scouter.batch.export-timeout-ms", Long::parseLong, v -> v >= 1, "an integer >= 1 (milliseconds)")
        .ifPresent(batch::exportTimeoutMs);
    r.guard("scouter.batch.max-export-batch-size", () -> b.batchConfig(batch.build()));

    String transport = r.choice("scouter.transport", TRANSPORTS, "http");
    switch (transport) {
      case "none":
        b.noTransport();
        break;
      case "mock":
        b.transport(new MockConfig());
        break;
      case "grpc":
        r.guard("scouter.grpc.uri", () -> {
          GrpcConfig.Builder g = GrpcConfig.builder();
          cfg.get("scouter.grpc.uri").ifPresent(g::uri);
          cfg.get("scouter.grpc.username").ifPresent(g::username);
          cfg.get("scouter.grpc.password").ifPresent(g::password);
          b.transport(g.build());
        });
        break;
      case "kafka":
        r.guard("scouter.kafka.compression", () -> {
          KafkaConfig.Builder k = KafkaConfig.builder();
          cfg.get("scouter.kafka.brokers").ifPresent(k::brokers);
          cfg.get("scouter.kafka.topic").ifPresent(k::topic);
          cfg.get("scouter.kafka.username").ifPresent(k::username);
          cfg.get("scouter.kafka.password").ifPresent(k::password);
          cfg.get("scouter.kafka.compression").ifPresent(k::compression);
          r.number("scouter.kafka.max-retries", Integer::parseInt, v -> v >= 1, "an integer >= 1")
              .ifPresent(k::maxRetries);
          cfg.withPrefix("scouter.kafka.config.").forEach((key, v) ->
              k.config(key.substring("scouter.kafka.config.".length()), v));
          b.transport(k.build());
        });
        break;
      default:
        r.guard("scouter.http.uri", () -> {
          HttpConfig.Builder h = HttpConfig.builder();
          cfg.get("scouter.http.uri").ifPresent(h::uri);
          cfg.get("scouter.http.username").ifPresent(h::username);
          cfg.get("scouter.http.password").ifPresent(h::password);
          cfg.get("scouter.http.auth-token").ifPresent(h::authToken);
          b.transport(h.build());
        });
    }

    String exporter = r.choice("scouter.exporter", EXPORTERS, "none");
    if (!exporter.equals("none")) {
      OtelExportConfig.Builder o = OtelExportConfig.builder();
      cfg.get("scouter.exporter.endpoint").ifPresent(o::endpoint);
      cfg.get("scouter.exporter.headers").ifPresent(h -> {
        for (String pair : h.split(",")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            o.header(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
          } else if (!pair.isBlank()) {
            r.error("scouter.exporter.headers", "<hidden>", "a comma-separated list of name=value");
          }
        }
      });
      String protocol = r.choice("scouter.exporter.protocol", Set.of("http/protobuf", "http/json"), null);
      if (protocol != null) {
        o.protocol(io.scouter.tracing.OtelProtocol.fromValue(protocol));
      }
      r.choice("scouter.exporter.compression", Set.of("none", "gzip"), null);
      cfg.get("scouter.exporter.compression").ifPresent(o::compression);
      r.number("scouter.exporter.timeout", Long::parseLong, v -> v >= 1, "an integer >= 1 (milliseconds)")
          .ifPresent(ms -> o.timeout(Duration.ofMillis(ms)));
      Optional<Double> ratio = r.number("scouter.exporter.sample-ratio", Double::parseDouble,
          v -> v >= 0.0 && v <= 1.0, "a number between 0.0 and 1.0");
      boolean batchExport = r.bool("scouter.exporter.batch", true);
      r.guard("scouter.exporter.endpoint", () -> {
        OtelExportConfig oc = o.build();
        if (exporter.equals("otlp-http")) {
          HttpSpanExporter.Builder e = HttpSpanExporter.builder().exportConfig(oc).batchExport(batchExport);
          ratio.ifPresent(e::sampleRatio);
          b.exporter(e.build());
        } else {
          GrpcSpanExporter.Builder e = GrpcSpanExporter.builder().exportConfig(oc).batchExport(batchExport);
          ratio.ifPresent(e::sampleRatio);
          b.exporter(e.build());
        }
      });
    }
    List<String> excludePaths = cfg.get("scouter.jaxrs.exclude-paths").map(ScouterSettings::paths)
        .orElse(DEFAULT_JAXRS_EXCLUDE_PATHS);
    boolean captureBody = r.bool("scouter.jaxrs.capture-body", false);
    String sdk = r.choice("scouter.sdk", SDK_MODES, "auto");
    Set<String> propagation = PROPAGATIONS;
    Optional<String> prop = cfg.get("scouter.propagation");
    if (prop.isPresent()) {
      Set<String> chosen = new java.util.TreeSet<>();
      boolean valid = true;
      for (String s : prop.get().split(",")) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (PROPAGATIONS.contains(v)) {
          chosen.add(v);
        } else if (!v.isEmpty()) {
          valid = false;
        }
      }
      if (!valid || chosen.isEmpty()) {
        r.error("scouter.propagation", prop.get(), "a comma-separated list of w3c, legacy");
      } else {
        propagation = Set.copyOf(chosen);
      }
    }
    r.throwIfInvalid();
    ScouterSettings settings = new ScouterSettings(enabled, b, maxLength, redact);
    settings.jaxrsExcludePaths = excludePaths;
    settings.jaxrsCaptureBody = captureBody;
    settings.propagation = propagation;
    settings.sdk = sdk;
    return settings;
  }

  static List<String> list(String value) {
    List<String> out = new ArrayList<>();
    for (String s : value.split(",")) {
      String n = normalise(s);
      if (!n.isEmpty()) {
        out.add(n);
      }
    }
    return List.copyOf(out);
  }

  /** Comma-separated paths, each with a leading '/' and no trailing '/'; {@code none} for no path. */
  static List<String> paths(String value) {
    if (value.trim().equalsIgnoreCase("none")) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String s : value.split(",")) {
      String p = s.trim();
      if (p.isEmpty()) {
        continue;
      }
      if (!p.startsWith("/")) {
        p = "/" + p;
      }
      while (p.length() > 1 && (p.endsWith("/") || p.endsWith("*"))) {
        p = p.substring(0, p.length() - 1);
      }
      out.add(p);
    }
    return List.copyOf(out);
  }

  /** Lowercase without '_' and '-', so {@code api_key}, {@code apiKey} and {@code API-KEY} compare equal. */
  public static String normalise(String name) {
    return name.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /** Collects every problem so one deployment failure lists them all. */
  private static final class Reader {
    private final ConfigLookup cfg;
    private final Map<String, String> errors = new LinkedHashMap<>();

    Reader(ConfigLookup cfg) {
      this.cfg = cfg;
    }

    boolean bool(String key, boolean def) {
      Optional<String> v = cfg.get(key);
      if (v.isEmpty()) {
        return def;
      }
      String s = v.get().trim().toLowerCase(Locale.ROOT);
      if (s.equals("true") || s.equals("false")) {
        return Boolean.parseBoolean(s);
      }
      error(key, v.get(), "true or false");
      return def;
    }

    <T> Optional<T> number(String key, Function<String, T> parse, java.util.function.Predicate<T> ok,
        String allowed) {
      Optional<String> v = cfg.get(key);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      try {
        T t = parse.apply(v.get().trim());
        if (ok.test(t)) {
          return Optional.of(t);
        }
      } catch (RuntimeException e) {
        // reported below
      }
      error(key, v.get(), allowed);
      return Optional.empty();
    }

    String choice(String key, Set<String> allowed, String def) {
      Optional<String> v = cfg.get(key);
      if (v.isEmpty()) {
        return def;
      }
      String s = v.get().trim().toLowerCase(Locale.ROOT);
      if (allowed.contains(s)) {
        return s;
      }
      error(key, v.get(), "one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
      return def;
    }

    /** Runs a builder step; its IllegalArgumentException becomes an error on {@code key}. */
    void guard(String key, Runnable step) {
      try {
        step.run();
      } catch (IllegalArgumentException e) {
        errors.put(key, e.getMessage());
      }
    }

    void error(String key, String value, String allowed) {
      String shown = SECRET_KEYS.contains(key) ? "<hidden>" : value;
      errors.put(key, "invalid value '" + shown + "', expected " + allowed);
    }

    void throwIfInvalid() {
      if (errors.isEmpty()) {
        return;
      }
      StringBuilder sb = new StringBuilder("Invalid Scouter tracing configuration:");
      errors.forEach((k, m) -> sb.append("\n  ").append(k).append(": ").append(m));
      throw new IllegalArgumentException(sb.toString());
    }
  }
}
