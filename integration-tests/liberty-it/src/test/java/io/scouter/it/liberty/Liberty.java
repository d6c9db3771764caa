package io.scouter.it.liberty;

import io.scouter.it.support.Ports;
import io.scouter.it.support.RuntimeIT;
import io.scouter.it.support.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Creates and runs an Open Liberty server from the unpacked runtime ({@code target/it/wlp}): the server directory
 * {@code wlp/usr/servers/<variant>} gets {@code src/test/liberty/servers/<config>/server.xml}, a
 * {@code bootstrap.properties} with a free HTTP port, {@code jvm.options} and the WAR in {@code apps/}; then
 * {@code wlp/bin/server run <variant>} runs it in the foreground as a child process of the test. The dev server's URI
 * and the service name reach the application as environment variables ({@code SCOUTER_HTTP_URI},
 * {@code SCOUTER_SERVICE_NAME}: MicroProfile Config's environment-variable source).
 */
final class Liberty {
  static final Path IT_DIR = Path.of(System.getProperty("it.dir", "target/it")).toAbsolutePath();
  static final Path WLP = IT_DIR.resolve("wlp");
  static final Path CONFIGS = Path.of(System.getProperty("it.liberty.servers", "src/test/liberty/servers"))
      .toAbsolutePath();

  private Liberty() {}

  /** The server's directory. */
  static Path serverDir(String variant) {
    return WLP.resolve("usr/servers").resolve(variant);
  }

  /** Its {@code logs/messages.log}. */
  static Path messagesLog(String variant) {
    return serverDir(variant).resolve("logs/messages.log");
  }

  /**
   * Starts server {@code variant} with {@code config}'s server.xml and the sample WAR. @param env more environment
   * variables (MicroProfile Config keys such as {@code OTEL_SDK_DISABLED})
   */
  static RuntimeIT.Started start(String variant, String config, RuntimeIT.Settings settings, Map<String, String> env)
      throws Exception {
    return start(variant, config, IT_DIR.resolve("sample.war"), settings, env);
  }

  /** {@link #start(String, String, RuntimeIT.Settings, Map)} with another WAR (deployed as {@code apps/sample.war}). */
  static RuntimeIT.Started start(String variant, String config, Path war, RuntimeIT.Settings settings,
      Map<String, String> env) throws Exception {
    return start(variant, config, war, settings, env, dir -> {});
  }

  /** What to add to a server's directory before it starts. */
  interface Prepare {
    void into(Path serverDir) throws IOException;
  }

  /** {@link #start(String, String, Path, RuntimeIT.Settings, Map)}, {@code prepare} run on the new directory first. */
  static RuntimeIT.Started start(String variant, String config, Path war, RuntimeIT.Settings settings,
      Map<String, String> env, Prepare prepare) throws Exception {
    Path dir = serverDir(variant);
    ServerProcess.stopLeftover(IT_DIR, variant);
    deleteTree(dir);
    Files.createDirectories(dir.resolve("apps"));
    Files.copy(CONFIGS.resolve(config).resolve("server.xml"), dir.resolve("server.xml"));
    Files.copy(war, dir.resolve("apps/sample.war"), StandardCopyOption.REPLACE_EXISTING);
    int port = Ports.free();
    Files.writeString(dir.resolve("bootstrap.properties"), "http.port=" + port + "\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("jvm.options"), "-Xmx512m\n-XX:TieredStopAtLevel=1\n", StandardCharsets.UTF_8);
    prepare.into(dir);
    Map<String, String> vars = new HashMap<>(env);
    vars.put("JAVA_HOME", System.getProperty("java.home"));
    vars.put("SCOUTER_HTTP_URI", settings.scouterUri().toString());
    vars.put("SCOUTER_SERVICE_NAME", settings.serviceName());
    List<String> cmd = List.of(WLP.resolve("bin/server").toString(), "run", variant);
    ServerProcess p = ServerProcess.start(variant, cmd, vars, IT_DIR);
    return new RuntimeIT.Started(p, URI.create("http://127.0.0.1:" + port + "/sample/"));
  }

  /** Lines of messages.log at severity E (error), or naming a linkage problem. */
  static List<String> problems(String variant) throws IOException {
    Path log = messagesLog(variant);
    if (!Files.exists(log)) {
      return List.of("no " + log);
    }
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(l -> l.matches("^\\[[^\\]]+\\] \\S+ \\S+\\s+E .*") || RuntimeIT.LINKAGE_PROBLEM.matcher(l).find())
        .toList();
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
