package io.scouter.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.cdi.config.ConfigKey;
import io.scouter.cdi.config.ScouterSettings;
import io.scouter.jaxrs.internal.JaxrsSettings;
import io.scouter.quarkus.runtime.ScouterConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Quarkus configuration root declares exactly the keys the library reads: the {@link ConfigKey} lists stay the one
 * source, this test keeps {@link ScouterConfig} in step with them. The conditions of Dev Services are checked here too
 * (no Quarkus application needed).
 */
class ScouterConfigMappingTest {
  /** The map-valued keys, declared with a placeholder for the map key. */
  static final Set<String> MAP_KEYS = Set.of("scouter.kafka.config.*", "scouter.queue.*.profile");

  @Test
  void everyConfigKeyIsDeclaredInTheMappingAndViceVersa() throws Exception {
    Set<String> declared = new TreeSet<>(ScouterConfigKeys.declared());
    Set<String> keys = new TreeSet<>(MAP_KEYS);
    for (ConfigKey k : libraryKeys()) {
      keys.add(k.name());
    }
    assertThat(declared).isEqualTo(keys);
  }

  @Test
  void theModuleReadmeTableListsEveryKey() throws Exception {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
    for (String key : ScouterConfigKeys.declared()) {
      String cell = "| `" + java.util.regex.Pattern.quote(key).replace("*", "\\E<[a-z-]+>\\Q") + "` |";
      assertThat(readme).as(key).containsPattern(cell);
    }
    assertThat(readme).contains("| `quarkus.scouter.devservices.enabled` |");
  }

  @Test
  void theMappingReadsEveryKey() throws Exception {
    Map<String, String> values = new HashMap<>();
    for (ConfigKey k : libraryKeys()) {
      values.put(k.name(), "x");
    }
    values.put("scouter.kafka.config.acks", "all");
    values.put("scouter.queue.genai.profile", "classpath:genai.json");
    SmallRyeConfig config = build(values);
    ScouterConfig mapped = config.getConfigMapping(ScouterConfig.class);
    assertThat(mapped.sampleRatio()).contains("x");
    assertThat(mapped.exporterKind()).contains("x");
    assertThat(mapped.exporter().endpoint()).contains("x");
    assertThat(mapped.logCorrelation()).contains("x");
    assertThat(mapped.logCorrelationJulMessage()).contains("x");
    assertThat(mapped.kafka().config()).containsEntry("acks", "all");
    assertThat(mapped.queue().aliases().get("genai").profile()).contains("classpath:genai.json");

  }

  @Test
  void devServicesStartOnlyWithoutAConfiguredServer() {
    ScouterBuildTimeConfig on = () -> () -> true;
    ScouterBuildTimeConfig off = () -> () -> false;
    assertThat(ScouterDevServicesProcessor.reasonNotToStart(on, build(Map.of()))).isEmpty();
    assertThat(ScouterDevServicesProcessor.reasonNotToStart(on, build(Map.of("scouter.transport", "HTTP")))).isEmpty();
    assertThat(ScouterDevServicesProcessor.reasonNotToStart(off, build(Map.of())))
        .contains("quarkus.scouter.devservices.enabled=false");
    for (String key : List.of("scouter.http.uri", "scouter.grpc.uri", "scouter.kafka.brokers")) {
      assertThat(ScouterDevServicesProcessor.reasonNotToStart(on, build(Map.of(key, "http://scouter:8000"))))
          .contains(key + " is set");
    }
    assertThat(ScouterDevServicesProcessor.reasonNotToStart(on, build(Map.of("scouter.transport", "kafka"))))
        .contains("scouter.transport=kafka");
    assertThat(ScouterDevServicesProcessor.reasonNotToStart(on, build(Map.of("scouter.enabled", "false"))))
        .contains("scouter.enabled=false");
  }

  private static SmallRyeConfig build(Map<String, String> values) {
    return new SmallRyeConfigBuilder().withMapping(ScouterConfig.class)
        .withSources(new PropertiesConfigSource(values, "test", 100)).build();
  }

  /** The keys of the library's settings classes: the tracer's, the JAX-RS filters' and the queues'. */
  @SuppressWarnings("unchecked")
  static List<ConfigKey> libraryKeys() throws Exception {
    Class<?> queue = Class.forName("io.scouter.queue.cdi.internal.QueueSettings");
    Field f = queue.getDeclaredField("KEYS");
    f.setAccessible(true);
    List<ConfigKey> all = new java.util.ArrayList<>(ScouterSettings.KEYS);
    all.addAll(JaxrsSettings.KEYS);
    all.addAll((List<ConfigKey>) f.get(null));
    return all;
  }
}
