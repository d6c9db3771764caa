package io.scouter.queue.cdi.internal;

import io.scouter.cdi.config.ConfigKey;
import io.scouter.cdi.config.ConfigLookup;
import io.scouter.cdi.config.PerApplication;
import io.scouter.cdi.config.ScouterSettings;
import io.scouter.queue.QueueProfile;
import io.scouter.queue.QueueProfileException;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TransportConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code scouter.queue.*} MicroProfile Config keys, parsed once per application and validated all at once; an
 * invalid value fails deployment with a message naming every bad key. Not a public API.
 */
public final class QueueSettings {
  static final String PREFIX = "scouter.queue.";
  public static final String TRANSPORT = "scouter.queue.transport";
  static final String PUBLISH_INTERVAL = "scouter.queue.publish-interval";
  static final String ATTACH = "scouter.queue.attach-to-tracer";
  public static final String CHANNEL_SPANS = "scouter.queue.channel.spans";
  static final String CHANNEL_TIMEOUT = "scouter.queue.channel.timeout-ms";
  static final String CHANNEL_MAX_BYTES = "scouter.queue.channel.max-message-bytes";
  /** The Reactive Messaging channel queue records (and optionally spans) are sent to. */
  static final String CHANNEL = "scouter-records";
  /** {@code scouter.queue.transport} values. */
  static final Set<String> TRANSPORTS = Set.of("http", "grpc", "kafka", "mock", "none", "channel");
  private static final Pattern PROFILE_KEY = Pattern.compile("^scouter\\.queue\\.(.+)\\.profile$");
  static final ConfigKey TRANSPORT_KEY = ConfigKey.choice(TRANSPORT, TRANSPORTS, "unset: the tracer's transport");
  static final ConfigKey PUBLISH_INTERVAL_KEY = ConfigKey.duration(PUBLISH_INTERVAL);
  static final ConfigKey ATTACH_KEY = ConfigKey.bool(ATTACH);
  static final ConfigKey CHANNEL_SPANS_KEY = ConfigKey.bool(CHANNEL_SPANS);
  static final ConfigKey CHANNEL_TIMEOUT_KEY = ConfigKey.integer(CHANNEL_TIMEOUT, 1, Long.MAX_VALUE, "milliseconds");
  static final ConfigKey CHANNEL_MAX_BYTES_KEY = ConfigKey.integer(CHANNEL_MAX_BYTES, 1, Integer.MAX_VALUE, "bytes");
  /** Every {@code scouter.queue.*} key besides the per-alias {@code scouter.queue.<alias>.profile}. */
  public static final List<ConfigKey> KEYS = List.of(TRANSPORT_KEY, PUBLISH_INTERVAL_KEY, ATTACH_KEY, CHANNEL_SPANS_KEY,
      CHANNEL_TIMEOUT_KEY, CHANNEL_MAX_BYTES_KEY);
  private static final PerApplication<QueueSettings> PER_APPLICATION = new PerApplication<>(KEYS, List.of(),
      List.of(PREFIX), QueueSettings::read);

  final Map<String, String> profileSources;
  final String transport;
  final Duration publishInterval;
  final boolean attach;
  public final boolean channelSpans;
  final long channelTimeoutMs;
  final int channelMaxBytes;

  private QueueSettings(Map<String, String> profileSources, String transport,
      Duration publishInterval, boolean attach, boolean channelSpans, long channelTimeoutMs, int channelMaxBytes) {
    this.profileSources = profileSources;
    this.transport = transport;
    this.publishInterval = publishInterval;
    this.attach = attach;
    this.channelSpans = channelSpans;
    this.channelTimeoutMs = channelTimeoutMs;
    this.channelMaxBytes = channelMaxBytes;
  }

  /** The calling application's settings, parsed on its first call. */
  public static QueueSettings current() {
    return PER_APPLICATION.get();
  }

  /** @throws IllegalArgumentException naming every invalid key */
  static QueueSettings read(ConfigLookup cfg) {
    Map<String, String> errors = ConfigKey.validate(cfg, KEYS);
    Map<String, String> sources = new LinkedHashMap<>();
    cfg.withPrefix(PREFIX).forEach((key, value) -> {
      Matcher m = PROFILE_KEY.matcher(key);
      if (m.matches() && !value.isBlank()) {
        sources.put(m.group(1), value.trim());
      }
    });
    if (!errors.isEmpty()) {
      throw ConfigKey.failure("Invalid Scouter queue configuration:", errors);
    }
    String transport = cfg.get(TRANSPORT_KEY.name()).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse(null);
    Duration interval = cfg.get(PUBLISH_INTERVAL_KEY.name()).map(ConfigKey::parseDuration).orElse(null);
    boolean attach = cfg.get(ATTACH_KEY.name()).map(QueueSettings::bool).orElse(true);
    boolean spans = cfg.get(CHANNEL_SPANS_KEY.name()).map(QueueSettings::bool).orElse(false);
    long timeout = cfg.get(CHANNEL_TIMEOUT_KEY.name()).map(v -> Long.parseLong(v.trim())).orElse(30_000L);
    int maxBytes = cfg.get(CHANNEL_MAX_BYTES_KEY.name()).map(v -> Integer.parseInt(v.trim())).orElse(1_000_000);
    return new QueueSettings(sources, transport, interval, attach, spans, timeout, maxBytes);
  }

  private static boolean bool(String v) {
    return Boolean.parseBoolean(v.trim().toLowerCase(Locale.ROOT));
  }

  /** Whether records go to the Reactive Messaging channel. */
  public boolean usesChannel() {
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
    ScouterSettings tracer = ScouterSettings.current(); // the application's snapshot: no second parse
    return transport == null ? tracer.tracerConfig().transport() : tracer.transport(transport).orElse(null);
  }

  /**
   * Reads every configured profile: a file path or {@code classpath:<resource>}.
   *
   * @throws QueueProfileException naming the key and the file
   */
  public Map<String, QueueProfile> profiles() {
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
