package io.scouter.quarkus.deployment;

import io.scouter.quarkus.runtime.ScouterConfig;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The property names {@link ScouterConfig} declares, as SmallRye Config names them (kebab case or {@code @WithName};
 * a map key is {@code *}).
 */
final class ScouterConfigKeys {
  private ScouterConfigKeys() {}

  /** Every declared name, map keys as {@code *} (e.g. {@code scouter.kafka.config.*}). */
  static Set<String> declared() {
    Set<String> out = new TreeSet<>();
    collect(ScouterConfig.class, "scouter", out);
    return Set.copyOf(out);
  }

  private static void collect(Class<?> type, String prefix, Set<String> out) {
    for (Method m : type.getDeclaredMethods()) {
      if (m.isDefault() || Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      String name =
          m.isAnnotationPresent(WithName.class) ? m.getAnnotation(WithName.class).value() : kebab(m.getName());
      String path = m.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + name;
      Class<?> r = m.getReturnType();
      if (r == Optional.class) {
        out.add(path);
      } else if (r == Map.class) {
        Class<?> value = (Class<?>) ((ParameterizedType) m.getGenericReturnType()).getActualTypeArguments()[1];
        if (value == String.class) {
          out.add(path + ".*");
        } else {
          collect(value, path + ".*", out);
        }
      } else {
        collect(r, path, out);
      }
    }
  }

  private static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
