package io.scouter.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.scouter.cdi.config.ConfigKey;
import io.scouter.cdi.config.ConfigLookup;
import io.scouter.cdi.config.ScouterSettings;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README snippets are code: every {@code ```properties} block of every {@code README.md} in the repository, copied into
 * a {@code .properties} file as a user would, loads through {@link Properties} (what MicroProfile Config's properties
 * sources and Quarkus read) with no comment left in a value, names only keys the settings know, and passes the real
 * settings parser ({@link ScouterSettings#read}). Blocks of only {@code otel.*}, {@code quarkus.*} or
 * {@code mp.messaging.*} keys only need to load.
 */
class ReadmePropertiesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  record Block(Path readme, int line, String text) {
    @Override
    public String toString() {
      return ROOT.relativize(readme) + ":" + line;
    }
  }

  static List<Block> blocks() throws IOException {
    List<Path> readmes = new ArrayList<>();
    Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String name = dir.getFileName().toString();
        return !dir.equals(ROOT) && (name.equals("target") || name.equals("node_modules") || name.startsWith("."))
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (file.getFileName().toString().equals("README.md")) {
          readmes.add(file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    readmes.sort(null);
    List<Block> out = new ArrayList<>();
    for (Path readme : readmes) {
      List<String> lines = Files.readAllLines(readme);
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).trim().equals("```properties")) {
          continue;
        }
        int start = i + 1;
        StringBuilder text = new StringBuilder();
        for (i = start; i < lines.size() && !lines.get(i).trim().startsWith("```"); i++) {
          text.append(lines.get(i)).append('\n');
        }
        out.add(new Block(readme, start, text.toString()));
      }
    }
    return out;
  }

  @Test
  void everyPropertiesBlockOfEveryReadme_loadsWithoutCommentsInValues_andPassesTheSettingsParser() throws IOException {
    List<Block> blocks = blocks();
    assertThat(blocks.stream().map(b -> ROOT.relativize(b.readme()).toString()).distinct())
        .as("READMEs with properties blocks").contains("README.md", "scouter-transport-kafka/README.md",
            "scouter-transport-grpc/README.md", "scouter-queue-cdi/README.md");
    Set<String> known = ScouterSettings.KEYS.stream().map(ConfigKey::name).collect(Collectors.toSet());
    int validated = 0;
    for (Block block : blocks) {
      Properties p = new Properties();
      p.load(new StringReader(block.text()));
      assertThat(p).as("%s: no properties", block).isNotEmpty();
      Map<String, String> values = new TreeMap<>();
      p.forEach((k, v) -> values.put(k.toString(), v.toString()));
      values.forEach((k, v) -> assertThat(v).as("%s: %s keeps a comment in its value (comments go on their own line)",
          block, k).doesNotContainPattern("\\s#"));
      for (String key : values.keySet()) {
        if (key.startsWith("scouter.") && !key.startsWith("scouter.queue.")
            && !key.startsWith("scouter.kafka.config.")) {
          assertThat(known).as("%s: %s is a key the settings read", block, key).contains(key);
        }
      }
      if (values.keySet().stream().anyMatch(k -> k.startsWith("scouter.") && known.contains(k))) {
        assertThatCode(() -> ScouterSettings.read(ConfigLookup.of(values))).as("%s", block)
            .doesNotThrowAnyException();
        validated++;
      }
    }
    assertThat(validated).as("blocks validated by the settings parser").isGreaterThanOrEqualTo(5);
    System.out.println("FIGURE readme-properties: " + blocks.size() + " blocks in " + blocks.stream()
        .map(Block::readme).distinct().count() + " READMEs, " + validated + " validated by ScouterSettings");
  }

  /** The check above is not vacuous: a copied value line with a trailing comment is caught either way. */
  @Test
  void aTrailingCommentIsPartOfTheValue_andFailsTheSettingsParser() throws IOException {
    Properties p = new Properties();
    p.load(new StringReader("scouter.transport=http          # http (default) | grpc\n"));
    assertThat(p.getProperty("scouter.transport")).contains("#");
    Map<String, String> values = Map.of("scouter.transport", p.getProperty("scouter.transport"));
    assertThatCode(() -> ScouterSettings.read(ConfigLookup.of(values)))
        .hasMessageContaining("scouter.transport: invalid value 'http          # http (default) | grpc'");
  }
}
