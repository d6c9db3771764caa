package io.scouter.it.payara;

import io.scouter.it.support.Ports;
import io.scouter.it.support.RuntimeIT;
import io.scouter.it.support.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts Payara Micro with a WAR: {@code java -jar payara-micro.jar --deploy <war>:sample --port <free> --rootdir
 * target/it/<variant>/root --nocluster}. The dev server's URI and the service name (and any other MicroProfile Config
 * key) reach the application as JVM system properties (config ordinal 400, over the WAR's
 * {@code microprofile-config.properties}).
 */
final class PayaraMicro {
  /** Where the pom's dependency plugin put payara-micro.jar and sample.war. */
  static final Path IT_DIR = Path.of(System.getProperty("it.dir", "target/it")).toAbsolutePath();

  private PayaraMicro() {}

  static RuntimeIT.Started start(String variant, Path war, RuntimeIT.Settings settings, Map<String, String> props)
      throws Exception {
    return start(variant, war, settings, props, List.of());
  }

  /** {@link #start(String, Path, RuntimeIT.Settings, Map)} with more Payara Micro options (e.g. {@code --logtofile}). */
  static RuntimeIT.Started start(String variant, Path war, RuntimeIT.Settings settings, Map<String, String> props,
      List<String> options) throws Exception {
    int port = Ports.free();
    Path dir = IT_DIR.resolve(variant);
    // a fresh root dir each time: Payara Micro redeploys what an old one holds, and the app would disappear for a
    // moment after it first answered
    ServerProcess.stopLeftover(dir, variant);
    deleteTree(dir.resolve("root"));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Dscouter.http.uri=" + settings.scouterUri(), "-Dscouter.service-name=" + settings.serviceName()));
    props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.addAll(List.of("-jar", IT_DIR.resolve("payara-micro.jar").toString(), "--deploy", war + ":sample",
        "--port", Integer.toString(port), "--rootdir", dir.resolve("root").toString(), "--nocluster"));
    cmd.addAll(options);
    ServerProcess p = ServerProcess.start(variant, cmd, Map.of(), dir);
    return new RuntimeIT.Started(p, URI.create("http://127.0.0.1:" + port + "/sample/"));
  }

  private static void deleteTree(Path root) throws IOException {
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
