package io.scouter.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.cdi.config.ConfigKey;
import io.scouter.cdi.config.ConfigKey.Kind;
import io.scouter.cdi.config.ConfigLookup;
import io.scouter.cdi.config.ScouterSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key in {@link ScouterSettings#KEYS} (the one list the settings are read through, so a new key cannot be
 * forgotten here) that takes a constrained value rejects invalid values with a message naming the key and its allowed
 * values, accepts valid ones, never echoes a secret, and is documented in the README's configuration table.
 */
class EveryConfigKeyTest {
  /** Values each kind must reject; a new kind without an entry fails {@link #everyKindHasInvalidSamples()}. */
  static final Map<Kind, List<String>> INVALID = new EnumMap<>(Map.ofEntries(
      Map.entry(Kind.BOOLEAN, List.of("yes", "1", "")),
      Map.entry(Kind.RATIO, List.of("1.5", "-0.1", "often", "NaN")),
      Map.entry(Kind.INTEGER, List.of("-1", "ten", "1.5", "99999999999999999999")),
      Map.entry(Kind.DURATION, List.of("soon", "0s", "-5", "PT-1S")),
      Map.entry(Kind.CHOICE, List.of("bogus", "")),
      Map.entry(Kind.CHOICE_LIST, List.of("bogus", "w3c,bogus", ",")),
      Map.entry(Kind.HTTP_URI, List.of("not a uri", "ftp://host:21", "http://", "localhost:8000")),
      Map.entry(Kind.FILE, List.of("/nonexistent/scouter-" + System.nanoTime() + ".p12")),
      Map.entry(Kind.KEY_STORE_TYPE, List.of("NO-SUCH-TYPE")),
      Map.entry(Kind.HOST_PORT_LIST, List.of("kafka", "kafka:99999", "kafka:9092,,kafka-2:9092", "kafka:port")),
      Map.entry(Kind.KAFKA_TOPIC, List.of("bad topic!", "..", "t".repeat(250))),
      Map.entry(Kind.HEADERS, List.of("Authorization", "a=b,novalue"))));

  @TempDir
  static Path dir;

  private static List<ConfigKey> constrained() {
    return ScouterSettings.KEYS.stream().filter(ConfigKey::constrained).collect(Collectors.toList());
  }

  private static String shown(ConfigKey key, String value) {
    return key.secret() ? "<hidden>" : value;
  }

  @Test
  void everyKindHasInvalidSamples() {
    Set<Kind> used = constrained().stream().map(ConfigKey::kind).collect(Collectors.toSet());
    assertThat(INVALID.keySet()).as("invalid samples for every kind of constrained key").containsAll(used);
    assertThat(constrained()).as("constrained keys").hasSizeGreaterThanOrEqualTo(25);
  }

  @Test
  void everyConstrainedKey_rejectsInvalidValues_namingTheKeyAndTheAllowedValues() {
    int checked = 0;
    for (ConfigKey key : constrained()) {
      assertThat(key.allowed()).as(key.name()).isNotBlank().isNotEqualTo("any text");
      for (String bad : INVALID.get(key.kind())) {
        String expected = key.name() + ": invalid value '" + shown(key, bad) + "', expected " + key.allowed();
        assertThatThrownBy(() -> ScouterSettings.read(ConfigLookup.of(Map.of(key.name(), bad))))
            .as("%s=%s", key.name(), bad)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("Invalid Scouter tracing configuration:")
            .hasMessageContaining(expected)
            .satisfies(e -> {
              if (key.secret() && !bad.isEmpty()) {
                assertThat(e.getMessage()).doesNotContain(bad);
              }
            });
        checked++;
      }
    }
    System.out.println("FIGURE config: " + constrained().size() + " constrained keys of " + ScouterSettings.KEYS.size()
        + ", " + checked + " invalid values rejected");
  }

  @Test
  void everyConstrainedKey_acceptsAValidValue() throws IOException {
    Path file = Files.writeString(dir.resolve("some-file"), "x");
    for (ConfigKey key : constrained()) {
      for (String good : valid(key, file)) {
        try {
          ScouterSettings.read(ConfigLookup.of(Map.of(key.name(), good)));
        } catch (IllegalArgumentException e) {
          // a valid value may still fail a later, deeper check (a file that is not a key store), never this one
          assertThat(e.getMessage()).as("%s=%s", key.name(), good).doesNotContain(key.name() + ": invalid value");
        }
      }
    }
  }

  private static List<String> valid(ConfigKey key, Path file) {
    return switch (key.kind()) {
      case BOOLEAN -> List.of("true", "FALSE", " true ");
      case RATIO -> List.of("0", "1.0", "0.25");
      case INTEGER -> List.of("7");
      case DURATION -> List.of("30", "500ms", "2m", "PT30S");
      case CHOICE -> new ArrayList<>(key.choices());
      case CHOICE_LIST -> List.of(String.join(",", key.choices()), key.choices().iterator().next());
      case HTTP_URI -> List.of("http://localhost:8000", "https://scouter.example.com");
      case FILE -> List.of(file.toString());
      case KEY_STORE_TYPE -> List.of("PKCS12", "JKS");
      case HOST_PORT_LIST -> List.of("kafka:9092", "kafka-1:9092, kafka-2:9093", "[::1]:9092", "SASL_SSL://k:9093");
      case KAFKA_TOPIC -> List.of("scouter_monitoring", "a.b-c_1");
      case HEADERS -> List.of("Authorization=Bearer x", "a=1, b=2");
      default -> throw new AssertionError("no valid sample for " + key.kind());
    };
  }

  @Test
  void everyKeyIsDocumentedInTheReadme_andEveryDocumentedKeyIsRead() throws IOException {
    Set<String> documented = documentedKeys(Path.of("..", "README.md"));
    Set<String> read =
        ScouterSettings.KEYS.stream().map(ConfigKey::name).collect(Collectors.toCollection(TreeSet::new));
    Set<String> tracerDocumented = documented.stream()
        .filter(k -> !k.startsWith("scouter.queue.") && !k.endsWith(".*"))
        // the JAX-RS module's keys (JaxrsSettings.KEYS, checked against this table by that module's tests)
        .filter(k -> !k.startsWith("scouter.jaxrs.") && !k.equals("scouter.propagation"))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(tracerDocumented).as("documented in README.md").isEqualTo(read);
    assertThat(documented).contains("scouter.kafka.config.*");
  }

  /** Every environment default of the core (one list, {@code EnvDefault}) stands in for a key the settings read. */
  @Test
  void everyEnvironmentDefault_isForAKeyTheSettingsRead() {
    Set<String> read = ScouterSettings.KEYS.stream().map(ConfigKey::name).collect(Collectors.toSet());
    List<String> keyed = java.util.Arrays.stream(io.scouter.tracing.internal.EnvDefault.values())
        .map(io.scouter.tracing.internal.EnvDefault::key).filter(java.util.Objects::nonNull).toList();
    assertThat(keyed).hasSizeGreaterThanOrEqualTo(15);
    assertThat(read).containsAll(keyed);
  }

  /**
   * The keys of the README's configuration table: a row's first cell lists a full key and then siblings relative to
   * its parent, e.g. {@code `scouter.http.uri` / `username`}.
   */
  static Set<String> documentedKeys(Path readme) throws IOException {
    Set<String> keys = new TreeSet<>();
    Pattern code = Pattern.compile("`([^`]+)`");
    for (String line : Files.readAllLines(readme)) {
      if (!line.startsWith("| `scouter.")) {
        continue;
      }
      String cell = line.substring(1, line.indexOf('|', 1));
      Matcher m = code.matcher(cell);
      String parent = null;
      while (m.find()) {
        String k = m.group(1);
        if (parent == null) {
          parent = k.substring(0, k.lastIndexOf('.') + 1);
          keys.add(k);
        } else {
          keys.add(parent + k);
        }
      }
    }
    return keys;
  }
}
