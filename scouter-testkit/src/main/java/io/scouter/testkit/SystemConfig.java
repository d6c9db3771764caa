package io.scouter.testkit;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/**
 * Sets MicroProfile Config values as system properties for one test and restores the previous values (and releases
 * the cached {@code Config}) when closed, so the next CDI container reads the configuration afresh. Needs a
 * MicroProfile Config implementation on the test class path (SmallRye Config, as Quarkus, Payara and Open Liberty
 * have).
 *
 * <pre>{@code
 * try (SystemConfig config = new SystemConfig().set("scouter.transport", "mock")) {
 *   try (WeldContainer weld = new Weld().initialize()) {
 *     ...
 *   }
 * }
 * }</pre>
 */
public final class SystemConfig implements AutoCloseable {
  private final Map<String, String> previous = new HashMap<>();

  /** Sets {@code key} (remembering its previous value) and releases the cached configuration. */
  public SystemConfig set(String key, String value) {
    if (!previous.containsKey(key)) { // not putIfAbsent: a key first unset maps to null, which it would overwrite
      previous.put(key, System.getProperty(key));
    }
    System.setProperty(key, value);
    release();
    return this;
  }

  private static void release() {
    ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
  }

  /** Restores every key set through this instance and releases the cached configuration. */
  @Override
  public void close() {
    previous.forEach((k, v) -> {
      if (v == null) {
        System.clearProperty(k);
      } else {
        System.setProperty(k, v);
      }
    });
    previous.clear();
    release();
  }
}
