package io.scouter.jaxrs.internal;

import io.scouter.cdi.config.ConfigKey;
import io.scouter.cdi.config.ConfigLookup;
import io.scouter.cdi.config.PerApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The filters' keys ({@code scouter.jaxrs.exclude-paths}, {@code scouter.jaxrs.capture-body},
 * {@code scouter.propagation}), parsed once per application and validated at deployment by the JAX-RS CDI extensions
 * (an invalid value fails it naming the key). Not a public API.
 *
 * @param excludePaths request paths (and their sub-paths) that get no SERVER span
 * @param captureBody capture request/response entities as input/output
 * @param sendW3c the client filter sends {@code traceparent}/{@code tracestate}
 * @param sendLegacy the client filter sends {@code trace_id}/{@code span_id}/{@code is_sampled}
 */
public record JaxrsSettings(List<String> excludePaths, boolean captureBody, boolean sendW3c, boolean sendLegacy) {
  /** {@code scouter.jaxrs.exclude-paths} default: health and metrics endpoints. */
  public static final List<String> DEFAULT_EXCLUDE_PATHS = List.of("/health", "/q/health", "/metrics", "/q/metrics");
  /** {@code scouter.propagation} values: which header families JAX-RS clients send. */
  public static final Set<String> PROPAGATIONS = Set.of("w3c", "legacy");
  static final ConfigKey EXCLUDE_PATHS = ConfigKey.text("scouter.jaxrs.exclude-paths");
  static final ConfigKey CAPTURE_BODY = ConfigKey.bool("scouter.jaxrs.capture-body");
  static final ConfigKey PROPAGATION = ConfigKey.choiceList("scouter.propagation", PROPAGATIONS);
  /** Every key the filters read. */
  public static final List<ConfigKey> KEYS = List.of(EXCLUDE_PATHS, CAPTURE_BODY, PROPAGATION);
  /** The defaults, for filters running before (or without) a valid configuration. */
  public static final JaxrsSettings DEFAULTS = new JaxrsSettings(DEFAULT_EXCLUDE_PATHS, false, true, true);
  private static final PerApplication<JaxrsSettings> PER_APPLICATION = new PerApplication<>(KEYS, List.of(),
      List.of(), JaxrsSettings::read);

  public JaxrsSettings {
    excludePaths = List.copyOf(excludePaths);
  }

  /**
   * The settings of the calling application, parsed on its first call.
   *
   * @throws IllegalArgumentException naming every invalid key
   */
  public static JaxrsSettings current() {
    return PER_APPLICATION.get();
  }

  /** How many times {@link #current()} parsed settings (every application), for tests. */
  static long parses() {
    return PER_APPLICATION.parses();
  }

  /**
   * Parses and validates {@code cfg}.
   *
   * @throws IllegalArgumentException naming every invalid key and its allowed values
   */
  public static JaxrsSettings read(ConfigLookup cfg) {
    Map<String, String> errors = ConfigKey.validate(cfg, KEYS);
    if (!errors.isEmpty()) {
      throw ConfigKey.failure("Invalid Scouter JAX-RS configuration:", errors);
    }
    List<String> paths = cfg.get(EXCLUDE_PATHS.name()).map(JaxrsSettings::paths).orElse(DEFAULT_EXCLUDE_PATHS);
    boolean body = cfg.get(CAPTURE_BODY.name()).map(v -> Boolean.parseBoolean(v.trim().toLowerCase(Locale.ROOT)))
        .orElse(false);
    String propagation = cfg.get(PROPAGATION.name()).orElse("w3c,legacy").toLowerCase(Locale.ROOT);
    List<String> families = new ArrayList<>();
    for (String s : propagation.split(",")) {
      families.add(s.trim());
    }
    return new JaxrsSettings(paths, body, families.contains("w3c"), families.contains("legacy"));
  }

  /** Whether {@code path} (with a leading '/') is an excluded path or below one. */
  public boolean excluded(String path) {
    if (path == null) {
      return false;
    }
    for (String p : excludePaths) {
      if (path.equals(p) || (path.startsWith(p) && (p.equals("/") || path.charAt(p.length()) == '/'))) {
        return true;
      }
    }
    return false;
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
}
