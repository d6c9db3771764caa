package io.scouter.cdi.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Settings parsed once per application: the first {@link #get} of an application parses and validates its keys, later
 * calls hand out the same immutable object. The application is what {@link ConfigLookup#application()} says (its
 * MicroProfile Config, else its context class loader), held weakly, so a redeployed application (a Quarkus dev-mode
 * restart, one of several WARs in a Payara or Liberty server sharing the library) gets its own settings and the old
 * ones are collected with it. The raw values read are kept beside the settings: when they change (a test setting a
 * system property, a reloaded configuration) the next {@link #get} parses again. An invalid configuration is not
 * cached; every {@link #get} fails naming the keys.
 *
 * <pre>{@code
 * static final PerApplication<JaxrsSettings> SETTINGS =
 *     new PerApplication<>(JaxrsSettings.KEYS, List.of(), JaxrsSettings::read);
 * JaxrsSettings s = SETTINGS.get();   // parsed on the first call of this application only
 * }</pre>
 *
 * @param <T> the parsed settings; immutable, and holding no reference to the configuration or its class loader
 */
public final class PerApplication<T> {
  private final List<String> keys;
  private final List<String> prefixes;
  private final Function<ConfigLookup, T> parser;
  private final Map<Object, Parsed<T>> byApplication = Collections.synchronizedMap(new WeakHashMap<>());
  private final AtomicLong parses = new AtomicLong();

  private record Parsed<T>(Map<String, String> raw, T value) {}

  /**
   * @param keys every key {@code parser} reads (the raw values compared to tell a changed configuration)
   * @param names further keys {@code parser} reads that are not {@link ConfigKey}s (fallbacks such as
   *     {@code otel.service.name})
   * @param prefixes key prefixes {@code parser} reads with {@link ConfigLookup#withPrefix}
   * @param parser parses and validates; throws {@link IllegalArgumentException} naming every invalid key
   */
  public PerApplication(List<ConfigKey> keys, List<String> names, List<String> prefixes,
      Function<ConfigLookup, T> parser) {
    List<String> all = new ArrayList<>();
    keys.forEach(k -> all.add(k.name()));
    all.addAll(names);
    this.keys = List.copyOf(all);
    this.prefixes = List.copyOf(prefixes);
    this.parser = parser;
  }

  /** The settings of the calling application ({@link ConfigLookup#detect()}). */
  public T get() {
    return get(ConfigLookup.detect());
  }

  /**
   * The settings read from {@code cfg}, parsed only if this application has none yet or its values changed.
   *
   * @throws IllegalArgumentException naming every invalid key
   */
  public T get(ConfigLookup cfg) {
    Map<String, String> raw = raw(cfg);
    Object application = cfg.application();
    Parsed<T> known = byApplication.get(application);
    if (known != null && known.raw().equals(raw)) {
      return known.value();
    }
    T value = parser.apply(ConfigLookup.of(raw));
    parses.incrementAndGet();
    byApplication.put(application, new Parsed<>(raw, value));
    return value;
  }

  /** How many times the settings were parsed (all applications), for tests and diagnostics. */
  public long parses() {
    return parses.get();
  }

  /** The values of the keys and prefixes, as read now; a copy holding nothing of {@code cfg}. */
  private Map<String, String> raw(ConfigLookup cfg) {
    Map<String, String> raw = new LinkedHashMap<>();
    for (String key : keys) {
      cfg.get(key).ifPresent(v -> raw.put(key, v));
    }
    for (String prefix : prefixes) {
      raw.putAll(cfg.withPrefix(prefix));
    }
    return Map.copyOf(raw);
  }
}
