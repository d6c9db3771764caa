package io.scouter.cdi.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One MicroProfile Config key: its name, the kind of value it takes, the allowed values as shown in an error, and
 * whether its value is a secret (never echoed). The settings classes list every key they read as {@code ConfigKey}s,
 * so validation, error messages and their tests cover every key. Not a public API.
 */
public final class ConfigKey {
  /** The kinds of values; every kind but {@link #TEXT} and {@link #SECRET} is validated. */
  public enum Kind {
    /** Any text. */
    TEXT,
    /** Any text, never echoed. */
    SECRET,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A number between 0.0 and 1.0. */
    RATIO,
    /** A whole number within bounds. */
    INTEGER,
    /** A positive duration: seconds, {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601. */
    DURATION,
    /** One of a fixed set of words (case-insensitive). */
    CHOICE,
    /** A comma-separated list of words from a fixed set. */
    CHOICE_LIST,
    /** An {@code http(s)://host[:port]} URI. */
    HTTP_URI,
    /** A readable file. */
    FILE,
    /** A key store type this JVM supports. */
    KEY_STORE_TYPE,
    /** A comma-separated list of {@code host:port}. */
    HOST_PORT_LIST,
    /** A legal Kafka topic name. */
    KAFKA_TOPIC,
    /** A comma-separated list of {@code name=value}; the values are secret. */
    HEADERS
  }

  /** {@code host:port}, {@code [ipv6]:port}, optionally after a listener prefix such as {@code SASL_SSL://}. */
  private static final Pattern HOST_PORT =
      Pattern.compile("^(?:[A-Za-z_]+://)?(?:[^\\s:,/\\[\\]]+|\\[[0-9a-fA-F:.]+\\]):(\\d{1,5})$");
  private static final Pattern TOPIC = Pattern.compile("^[a-zA-Z0-9._-]{1,249}$");
  static final String HIDDEN = "<hidden>";

  private final String name;
  private final Kind kind;
  private final String allowed;
  private final Predicate<String> valid;
  private final Set<String> choices;

  private ConfigKey(String name, Kind kind, String allowed, Predicate<String> valid) {
    this(name, kind, allowed, valid, Set.of());
  }

  private ConfigKey(String name, Kind kind, String allowed, Predicate<String> valid, Set<String> choices) {
    this.name = Objects.requireNonNull(name);
    this.kind = kind;
    this.allowed = allowed;
    this.valid = valid;
    this.choices = Set.copyOf(choices);
  }

  /** Any text. */
  public static ConfigKey text(String name) {
    return new ConfigKey(name, Kind.TEXT, "any text", v -> true);
  }

  /** Any text, never echoed (passwords, tokens). */
  public static ConfigKey secret(String name) {
    return new ConfigKey(name, Kind.SECRET, "any text", v -> true);
  }

  public static ConfigKey bool(String name) {
    return new ConfigKey(name, Kind.BOOLEAN, "true or false", v -> {
      String s = v.trim().toLowerCase(Locale.ROOT);
      return s.equals("true") || s.equals("false");
    });
  }

  public static ConfigKey ratio(String name) {
    return new ConfigKey(name, Kind.RATIO, "a number between 0.0 and 1.0", v -> {
      try {
        double d = Double.parseDouble(v.trim());
        return d >= 0.0 && d <= 1.0;
      } catch (NumberFormatException e) {
        return false;
      }
    });
  }

  /** A whole number {@code >= min} (and {@code <= max}); {@code unit} (or {@code null}) is shown in the error. */
  public static ConfigKey integer(String name, long min, long max, String unit) {
    String range = max == Long.MAX_VALUE ? "an integer >= " + min : "an integer between " + min + " and " + max;
    return new ConfigKey(name, Kind.INTEGER, range + (unit == null ? "" : " (" + unit + ")"), v -> {
      try {
        long n = Long.parseLong(v.trim());
        return n >= min && n <= max;
      } catch (NumberFormatException e) {
        return false;
      }
    });
  }

  public static ConfigKey duration(String name) {
    return new ConfigKey(name, Kind.DURATION, "a positive duration: seconds ('30'), '500ms', '30s', '2m' or ISO-8601 "
        + "('PT30S')", v -> parseDuration(v) != null);
  }

  /** One of {@code values} (case-insensitive); {@code note} (or {@code null}) is added to the allowed values. */
  public static ConfigKey choice(String name, Set<String> values, String note) {
    return new ConfigKey(name, Kind.CHOICE, "one of " + String.join(", ", new TreeSet<>(values))
        + (note == null ? "" : " (" + note + ")"), v -> values.contains(v.trim().toLowerCase(Locale.ROOT)), values);
  }

  /** A comma-separated, non-empty list of words from {@code values}. */
  public static ConfigKey choiceList(String name, Set<String> values) {
    return new ConfigKey(name, Kind.CHOICE_LIST, "a comma-separated list of " + String.join(", ",
        new TreeSet<>(values)), v -> {
          boolean any = false;
          for (String s : v.split(",")) {
            String w = s.trim().toLowerCase(Locale.ROOT);
            if (w.isEmpty()) {
              continue;
            }
            if (!values.contains(w)) {
              return false;
            }
            any = true;
          }
          return any;
        }, values);
  }

  public static ConfigKey httpUri(String name) {
    return new ConfigKey(name, Kind.HTTP_URI, "an http(s)://host[:port] URI", v -> {
      try {
        URI u = URI.create(v.trim());
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null;
      } catch (IllegalArgumentException e) {
        return false;
      }
    });
  }

  /** A readable file; {@code what} describes its content in the error (e.g. "a PEM file of certificates"). */
  public static ConfigKey file(String name, String what) {
    return new ConfigKey(name, Kind.FILE, "the path of a readable file (" + what + ")", v -> {
      try {
        Path p = Path.of(v.trim());
        return Files.isRegularFile(p) && Files.isReadable(p);
      } catch (RuntimeException e) {
        return false;
      }
    });
  }

  public static ConfigKey keyStoreType(String name) {
    return new ConfigKey(name, Kind.KEY_STORE_TYPE, "a key store type this JVM supports, e.g. PKCS12 or JKS", v -> {
      try {
        KeyStore.getInstance(v.trim());
        return true;
      } catch (KeyStoreException | RuntimeException e) {
        return false;
      }
    });
  }

  public static ConfigKey hostPortList(String name) {
    return new ConfigKey(name, Kind.HOST_PORT_LIST, "a comma-separated list of host:port", v -> {
      String[] parts = v.split(",");
      for (String p : parts) {
        var m = HOST_PORT.matcher(p.trim());
        if (!m.matches()) {
          return false;
        }
        int port = Integer.parseInt(m.group(1));
        if (port < 1 || port > 65535) {
          return false;
        }
      }
      return parts.length > 0;
    });
  }

  public static ConfigKey kafkaTopic(String name) {
    return new ConfigKey(name, Kind.KAFKA_TOPIC, "a Kafka topic name (1 to 249 of a-z, A-Z, 0-9, '.', '_', '-')",
        v -> TOPIC.matcher(v.trim()).matches() && !v.trim().equals(".") && !v.trim().equals(".."));
  }

  /** {@code name=value} pairs; the values may be credentials and are never echoed. */
  public static ConfigKey headers(String name) {
    return new ConfigKey(name, Kind.HEADERS, "a comma-separated list of name=value", v -> {
      for (String pair : v.split(",")) {
        if (!pair.isBlank() && pair.indexOf('=') <= 0) {
          return false;
        }
      }
      return true;
    });
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** The allowed values, as the error message says them. */
  public String allowed() {
    return allowed;
  }

  /** The allowed words of a {@link Kind#CHOICE} or {@link Kind#CHOICE_LIST} key; empty for other kinds. */
  public Set<String> choices() {
    return choices;
  }

  /** Whether a value can be invalid (every kind but text and secrets). */
  public boolean constrained() {
    return kind != Kind.TEXT && kind != Kind.SECRET;
  }

  /** Whether the value is never echoed. */
  public boolean secret() {
    return kind == Kind.SECRET || kind == Kind.HEADERS;
  }

  /** {@code null} if {@code value} is valid, else the error text (a secret value shown as {@value #HIDDEN}). */
  public String problem(String value) {
    if (valid.test(value)) {
      return null;
    }
    return "invalid value '" + (secret() ? HIDDEN : value) + "', expected " + allowed;
  }

  /**
   * Checks every key of {@code keys} that is set in {@code cfg}.
   *
   * @return key name → error text, in the order of {@code keys}; empty when all are valid
   */
  public static Map<String, String> validate(ConfigLookup cfg, List<ConfigKey> keys) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (ConfigKey k : keys) {
      Optional<String> v = cfg.get(k.name);
      if (v.isPresent()) {
        String problem = k.problem(v.get());
        if (problem != null) {
          errors.put(k.name, problem);
        }
      }
    }
    return errors;
  }

  /** An {@link IllegalArgumentException} listing every error under {@code title}. */
  public static IllegalArgumentException failure(String title, Map<String, String> errors) {
    StringBuilder sb = new StringBuilder(title);
    errors.forEach((k, m) -> sb.append("\n  ").append(k).append(": ").append(m));
    return new IllegalArgumentException(sb.toString());
  }

  /** Seconds, {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601; {@code null} if invalid or not > 0. */
  public static Duration parseDuration(String value) {
    String s = value.trim().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (s.startsWith("p")) {
        d = Duration.parse(s.toUpperCase(Locale.ROOT));
      } else if (s.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
      } else if (s.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      } else if (s.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      } else if (s.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      } else {
        d = Duration.ofSeconds(Long.parseLong(s));
      }
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      return null;
    }
    return d.isNegative() || d.isZero() ? null : d;
  }

  @Override
  public String toString() {
    return name + " (" + kind + ")";
  }
}
