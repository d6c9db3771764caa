package io.scouter.queue.cdi;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/** Sets MicroProfile Config values as system properties for one test and restores them afterwards. */
final class SystemConfig implements AutoCloseable {
  private final Map<String, String> previous = new HashMap<>();

  SystemConfig set(String key, String value) {
    previous.putIfAbsent(key, System.getProperty(key));
    System.setProperty(key, value);
    release();
    return this;
  }

  private static void release() {
    ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
  }

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
