package io.scouter.it.wildfly;

import io.scouter.it.support.Ports;
import io.scouter.it.support.RuntimeIT;
import io.scouter.it.support.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs WildFly from the unpacked distribution ({@code target/it/wildfly-<version>}) with a server base directory of
 * its own per variant ({@code target/it/<variant>}: the distribution's {@code standalone/configuration} copied, the WAR
 * in {@code deployments/sample.war}, picked up by the deployment scanner): {@code bin/standalone.sh -c <config>
 * -Djboss.server.base.dir=... } with free ports for HTTP, HTTPS and management. The dev server's URI and the service
 * name (and any other MicroProfile Config key) reach the application as JVM system properties.
 */
final class WildFly {
  static final Path IT_DIR = Path.of(System.getProperty("it.dir", "target/it")).toAbsolutePath();
  static final Path HOME = Path.of(System.getProperty("it.wildfly.home", "target/it/wildfly")).toAbsolutePath();
  /** The configuration with MicroProfile Config and Telemetry (subsystems {@code opentelemetry}, {@code microprofile-telemetry}). */
  static final String MICROPROFILE = "standalone-microprofile.xml";
  /** A console line at level ERROR. */
  private static final Pattern ERROR = Pattern.compile("^\\S*\\d\\d:\\d\\d:\\d\\d,\\d+ ERROR ");

  private WildFly() {}

  /** Starts WildFly with {@code config} and {@code war} (deployed as {@code sample.war}). */
  static RuntimeIT.Started start(String variant, String config, Path war, RuntimeIT.Settings settings,
      Map<String, String> props) throws Exception {
    Path base = IT_DIR.resolve(variant);
    ServerProcess.stopLeftover(base, variant);
    deleteTree(base);
    copyTree(HOME.resolve("standalone/configuration"), base.resolve("configuration"));
    Files.createDirectories(base.resolve("deployments"));
    Files.copy(war, base.resolve("deployments/sample.war"), StandardCopyOption.REPLACE_EXISTING);
    int port = Ports.free();
    List<String> cmd = new ArrayList<>(List.of(HOME.resolve("bin/standalone.sh").toString(), "-c", config,
        "-Djboss.server.base.dir=" + base, "-Djboss.bind.address=127.0.0.1",
        "-Djboss.http.port=" + port, "-Djboss.https.port=" + Ports.free(),
        "-Djboss.management.http.port=" + Ports.free(), "-Djboss.management.https.port=" + Ports.free(),
        "-Dscouter.http.uri=" + settings.scouterUri(), "-Dscouter.service-name=" + settings.serviceName()));
    props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    // standalone.sh runs the JVM as its child; with LAUNCH_JBOSS_IN_BACKGROUND it relays SIGTERM to the JVM and exits
    // only when the JVM has (without it the script exits at once and the JVM shuts down on its own)
    Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"), "LAUNCH_JBOSS_IN_BACKGROUND", "true",
        "JAVA_OPTS",
        "-Xms64m -Xmx512m -XX:TieredStopAtLevel=1 -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true",
        "NOPAUSE", "true");
    ServerProcess p = ServerProcess.start(variant, cmd, env, base);
    return new RuntimeIT.Started(p, URI.create("http://127.0.0.1:" + port + "/sample/"));
  }

  /** Console lines at level ERROR, or naming a linkage problem. */
  static List<String> problems(ServerProcess process) {
    return process.logText().lines().map(l -> l.replaceAll("\u001B\\[[0-9;]*m", ""))
        .filter(l -> ERROR.matcher(l).find() || RuntimeIT.LINKAGE_PROBLEM.matcher(l).find()).toList();
  }

  /** The server's {@code log/server.log} (the same lines as the console). */
  static String serverLog(String variant) throws IOException {
    Path log = IT_DIR.resolve(variant).resolve("log/server.log");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
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
