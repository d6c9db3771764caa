package io.scouter.cdi.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** {@link ConfigLookup} over MicroProfile Config; loaded only when the API is present. Not a public API. */
final class MpConfigLookup implements ConfigLookup {
  private final Config config;

  private MpConfigLookup(Config config) {
    this.config = config;
  }

  static ConfigLookup create() {
    return new MpConfigLookup(ConfigProvider.getConfig());
  }

  @Override
  public Object application() {
    return config;
  }

  @Override
  public Optional<String> get(String key) {
    return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
  }

  @Override
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> m = new TreeMap<>();
    for (String name : config.getPropertyNames()) {
      if (name.startsWith(prefix)) {
        config.getOptionalValue(name, String.class).ifPresent(v -> m.put(name, v));
      }
    }
    return m;
  }
}
