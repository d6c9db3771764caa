package io.scouter.cdi.config;

import io.scouter.tracing.internal.Env;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads configuration from MicroProfile Config when it is present, else from system properties and environment
 * variables (MicroProfile's environment mapping). Shared by Scouter's modules (see the package description).
 *
 * <pre>{@code
 * Optional<String> uri = ConfigLookup.detect().get("scouter.http.uri");
 * ConfigLookup fixed = ConfigLookup.of(Map.of("scouter.transport", "none"));   // tests
 * }</pre>
 */
public interface ConfigLookup {

  /** The value of {@code key}, if set and not blank. */
  Optional<String> get(String key);

  /** Every key starting with {@code prefix}, with its value. */
  Map<String, String> withPrefix(String prefix);

  /**
   * What identifies the application this configuration belongs to, for {@link PerApplication}: the application's
   * MicroProfile Config, else its context class loader; by default this lookup itself.
   */
  default Object application() {
    return this;
  }

  /** MicroProfile Config if on the classpath, else system properties and environment. */
  static ConfigLookup detect() {
    try {
      Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, ConfigLookup.class.getClassLoader());
      return MpConfigLookup.create();
    } catch (ClassNotFoundException | LinkageError e) {
      return new SystemLookup();
    } catch (IllegalStateException noImplementation) {
      return new SystemLookup();
    }
  }

  /** Reads an in-memory map (tests). */
  static ConfigLookup of(Map<String, String> values) {
    return new ConfigLookup() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
      }

      @Override
      public Map<String, String> withPrefix(String prefix) {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> {
          if (k.startsWith(prefix)) {
            m.put(k, v);
          }
        });
        return m;
      }
    };
  }

  /** System properties, then environment variables named the MicroProfile way. */
  final class SystemLookup implements ConfigLookup {
    @Override
    public Object application() {
      ClassLoader tccl = Thread.currentThread().getContextClassLoader();
      return tccl != null ? tccl : SystemLookup.class;
    }

    @Override
    public Optional<String> get(String key) {
      return Optional.ofNullable(Env.setting(key, null));
    }

    @Override
    public Map<String, String> withPrefix(String prefix) {
      Map<String, String> m = new TreeMap<>();
      System.getProperties().forEach((k, v) -> {
        if (k.toString().startsWith(prefix)) {
          m.put(k.toString(), v.toString());
        }
      });
      return m;
    }
  }
}
