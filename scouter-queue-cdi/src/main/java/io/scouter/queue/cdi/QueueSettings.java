package io.scouter.queue.cdi;

import io.scouter.cdi.internal.ConfigLookup;
import io.scouter.cdi.internal.ScouterSettings;
import io.scouter.queue.QueueProfile;
import io.scouter.queue.QueueProfileException;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TransportConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code scouter.queue.*} MicroProfile Config keys, validated all at once; an invalid value fails deployment with a
 * message naming every bad key. Not a public API.
 */
final class QueueSettings {
  static final String PREFIX = "scouter.queue.";
  static final String TRANSPORT = "scouter.queue.transport";
  static final String PUBLISH_INTERVAL = "scouter.queue.publish-interval";
  static final String ATTACH = "scouter.queue.attach-to-tracer";
  static final String CHANNEL_SPANS = "scouter.queue.channel.spans";
  static final String CHANNEL_TIMEOUT = "scouter.queue.channel.timeout-ms";
  static final String CHANNEL_MAX_BYTES = "scouter.queue.channel.max-message-bytes";
  /** The Reactive Messaging channel queue records (and optionally spans) are sent to. */
  static final String CHANNEL = "scouter-records";
  /** {@code scouter.queue.transport} values. */
  static final Set<String> TRANSPORTS = Set.of("http", "grpc", "kafka", "mock", "none", "channel");
  private static final Pattern PROFILE_KEY = Pattern.compile("^scouter\\.queue\\.(.+)\\.profile$");

  final Map<String, String> profileSources;
  final String transport;
  final Duration publishInterval;
  final boolean attach;
  final boolean channelSpans;
  final long channelTimeoutMs;
  final int channelMaxBytes;
  private final ConfigLookup cfg;

  private QueueSettings(ConfigLookup cfg, Map<String, String> profileSources, String transport,
      Duration publishInterval, boolean attach, boolean channelSpans, long channelTimeoutMs, int channelMaxBytes) {
    this.cfg = cfg;
    this.profileSources = profileSources;
    this.transport = transport;
    this.publishInterval = publishInterval;
    this.attach = attach;
    this.channelSpans = channelSpans;
    this.channelTimeoutMs = channelTimeoutMs;
    this.channelMaxBytes = channelMaxBytes;
  }

  static QueueSettings read() {
    return read(ConfigLookup.detect());
  }

  /** @throws IllegalArgumentException naming every invalid key */
  static QueueSettings read(ConfigLookup cfg) {
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    cfg.withPrefix(PREFIX).forEach((key, value) -> {
      Matcher m = PROFILE_KEY.matcher(key);
      if (m.matches() && !value.isBlank()) {
        sources.put(m.group(1), value.trim());
      }
    });
    String transport = cfg.get(TRANSPORT).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse(null);
    if (transport != null && !TRANSPORTS.contains(transport)) {
      errors.put(TRANSPORT, "invalid value '" + transport + "', expected one of "
          + String.join(", ", new TreeSet<>(TRANSPORTS)) + " (unset: the tracer's transport)");
      transport = null;
    }
    Duration interval = null;
    Optional<String> iv = cfg.get(PUBLISH_INTERVAL);
    if (iv.isPresent()) {
      interval = parseDuration(iv.get());
      if (interval == null) {
        errors.put(PUBLISH_INTERVAL, "invalid value '" + iv.get() + "', expected a positive duration: seconds "
            + "('30'), '500ms', '30s', '2m' or ISO-8601 ('PT30S')");
      }
    }
    boolean attach = bool(cfg, ATTACH, true, errors);
    boolean spans = bool(cfg, CHANNEL_SPANS, false, errors);
    long timeout = number(cfg, CHANNEL_TIMEOUT, 30_000, errors);
    long maxBytes = number(cfg, CHANNEL_MAX_BYTES, 1_000_000, errors);
    if (maxBytes > Integer.MAX_VALUE) {
      errors.put(CHANNEL_MAX_BYTES, "invalid value '" + maxBytes + "', expected at most " + Integer.MAX_VALUE);
    }
    if (!errors.isEmpty()) {
      StringBuilder sb = new StringBuilder("Invalid Scouter queue configuration:");
      errors.forEach((k, m) -> sb.append("\n  ").append(k).append(": ").append(m));
      throw new IllegalArgumentException(sb.toString());
    }
    return new QueueSettings(cfg, sources, transport, interval, attach, spans, timeout, (int) maxBytes);
  }

  private static boolean bool(ConfigLookup cfg, String key, boolean def, Map<String, String> errors) {
    Optional<String> v = cfg.get(key);
    if (v.isEmpty()) {
      return def;
    }
    String s = v.get().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    errors.put(key, "invalid value '" + v.get() + "', expected true or false");
    return def;
  }

  private static long number(ConfigLookup cfg, String key, long def, Map<String, String> errors) {
    Optional<String> v = cfg.get(key);
    if (v.isEmpty()) {
      return def;
    }
    try {
      long n = Long.parseLong(v.get().trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.put(key, "invalid value '" + v.get() + "', expected an integer >= 1");
    return def;
  }

  /** Seconds, {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601; {@code null} if invalid or not > 0. */
  static Duration parseDuration(String value) {
    String s = value.trim().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (s.startsWith("pt") || s.startsWith("p")) {
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
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
    return d.isNegative() || d.isZero() ? null : d;
  }

  /** Whether records go to the Reactive Messaging channel. */
  boolean usesChannel() {
    return "channel".equals(transport);
  }

  /**
   * The queue's transport: {@code scouter.queue.transport} read with the tracer's keys ({@code scouter.http.*},
   * {@code scouter.grpc.*}, {@code scouter.kafka.*}); unset, the running tracer's transport (or, with tracing
   * disabled, the one {@code scouter.transport} configures). {@code null} for {@code none}; never for
   * {@code channel}, which the caller handles.
   */
  TransportConfig transportConfig() {
    if (transport == null && ScouterTracing.isInitialized()) {
      return ScouterTracing.config().transport();
    }
    ConfigLookup lookup = transport == null ? cfg : override(cfg, "scouter.transport", transport);
    return ScouterSettings.read(lookup).builder().build().transport();
  }

  /** {@code cfg} with one key replaced. */
  private static ConfigLookup override(ConfigLookup cfg, String key, String value) {
    return new ConfigLookup() {
      @Override
      public Optional<String> get(String k) {
        return k.equals(key) ? Optional.of(value) : cfg.get(k);
      }

      @Override
      public Map<String, String> withPrefix(String prefix) {
        return cfg.withPrefix(prefix);
      }
    };
  }

  /**
   * Reads every configured profile: a file path or {@code classpath:<resource>}.
   *
   * @throws QueueProfileException naming the key and the file
   */
  Map<String, QueueProfile> profiles() {
    Map<String, QueueProfile> out = new LinkedHashMap<>();
    profileSources.forEach((alias, source) -> {
      try {
        out.put(alias, load(source));
      } catch (QueueProfileException e) {
        throw new QueueProfileException(e.source(), e.reason() + " (configured by " + PREFIX + alias + ".profile)",
            e);
      }
    });
    return out;
  }

  static QueueProfile load(String source) {
    if (!source.startsWith("classpath:")) {
      return QueueProfile.read(Path.of(source));
    }
    String resource = source.substring("classpath:".length());
    while (resource.startsWith("/")) {
      resource = resource.substring(1);
    }
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    if (cl == null) {
      cl = QueueSettings.class.getClassLoader();
    }
    try (InputStream in = cl.getResourceAsStream(resource)) {
      if (in == null) {
        throw new QueueProfileException(source, "no such resource on the class path");
      }
      return QueueProfile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
    } catch (IOException e) {
      throw new QueueProfileException(source, "cannot read the resource (" + e.getMessage() + ")", e);
    }
  }
}
