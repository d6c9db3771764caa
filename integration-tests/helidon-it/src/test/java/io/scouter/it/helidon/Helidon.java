package io.scouter.it.helidon;

import io.scouter.it.support.Ports;
import io.scouter.it.support.RuntimeIT;
import io.scouter.it.support.ServerProcess;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Runs the sample application on Helidon MP as a Helidon application is run: one flat class path and
 * {@code io.helidon.microprofile.cdi.Main}. The class path is the WAR's {@code WEB-INF/classes} (with its
 * {@code WEB-INF/beans.xml} as {@code META-INF/beans.xml}: a bean archive), the jars of its {@code WEB-INF/lib} (the
 * Scouter jars and their OpenTelemetry, as shipped) and Helidon's jars ({@code target/it/helidon.classpath}, written by
 * the pom). The JAX-RS application is served under {@code /sample/api} (Helidon's {@code routing-path.path} of
 * {@code SampleApplication}), like the WAR's context root on the other servers. The server runs on the JDK of
 * {@code it.helidon.java-home} (environment {@code HELIDON_JAVA_HOME}; Helidon 4 needs Java 21+); the dev server's URI
 * and the service name reach the application as system properties.
 */
final class Helidon {
  static final Path IT_DIR = Path.of(System.getProperty("it.dir", "target/it")).toAbsolutePath();
  static final String JAVA_HOME_KEY = "it.helidon.java-home";

  private Helidon() {}

  /** Starts the application of {@code war} on Helidon MP. */
  static RuntimeIT.Started start(String variant, Path war, RuntimeIT.Settings settings, Map<String, String> props)
      throws Exception {
    Path javaBin = javaHome().resolve("bin/java");
    Path dir = IT_DIR.resolve(variant);
    ServerProcess.stopLeftover(dir, variant);
    deleteTree(dir);
    Path classes = dir.resolve("app/WEB-INF/classes");
    Path lib = dir.resolve("app/WEB-INF/lib");
    unpack(war, classes, lib);
    List<String> classPath = new ArrayList<>();
    classPath.add(classes.toString());
    try (Stream<Path> jars = Files.list(lib)) {
      jars.sorted().forEach(j -> classPath.add(j.toString()));
    }
    classPath.addAll(List.of(Files.readString(IT_DIR.resolve("helidon.classpath"), StandardCharsets.UTF_8).trim()
        .split(File.pathSeparator)));
    // the class path in an argument file: the logged command line stays readable
    Path args = dir.resolve("classpath.args");
    Files.writeString(args, "-cp \"" + String.join(File.pathSeparator, classPath) + "\"\n",
        StandardCharsets.UTF_8);
    int port = Ports.free();
    List<String> cmd = new ArrayList<>(List.of(javaBin.toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "@" + args,
        "-Dserver.host=127.0.0.1", "-Dserver.port=" + port,
        "-Dio.scouter.it.sample.SampleApplication.routing-path.path=/sample/api",
        "-Dscouter.http.uri=" + settings.scouterUri(), "-Dscouter.service-name=" + settings.serviceName()));
    props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("io.helidon.microprofile.cdi.Main");
    ServerProcess p = ServerProcess.start(variant, cmd, Map.of(), dir);
    return new RuntimeIT.Started(p, URI.create("http://127.0.0.1:" + port + "/sample/"));
  }

  /**
   * The JDK for Helidon: {@code it.helidon.java-home}, else this JVM if it is 21+, else the newest JDK 21+ installed
   * side by side under {@code /usr/lib/jvm} (Debian's and Temurin's packages); otherwise the start fails naming the
   * key.
   */
  static Path javaHome() {
    String configured = System.getProperty(JAVA_HOME_KEY, "");
    if (!configured.isBlank() && !configured.startsWith("${")) {
      Path home = Path.of(configured);
      if (!Files.isExecutable(home.resolve("bin/java"))) {
        throw new IllegalStateException(JAVA_HOME_KEY + "=" + configured + " has no bin/java");
      }
      return home;
    }
    if (Runtime.version().feature() >= 21) {
      return Path.of(System.getProperty("java.home"));
    }
    Path installed = newestInstalledJdk(Path.of("/usr/lib/jvm"), 21);
    if (installed != null) {
      return installed;
    }
    throw new IllegalStateException("Helidon MP 4 needs Java 21+ and this build runs on Java "
        + Runtime.version().feature() + ": set " + JAVA_HOME_KEY + " (-D" + JAVA_HOME_KEY
        + "=... or the environment variable HELIDON_JAVA_HOME) to a JDK 21+ home");
  }

  /** The newest JDK of at least {@code feature} under {@code dir} (read from each JDK's {@code release} file). */
  static Path newestInstalledJdk(Path dir, int feature) {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    Path best = null;
    int bestVersion = 0;
    try (java.util.stream.Stream<Path> homes = Files.list(dir)) {
      for (Path home : homes.sorted().toList()) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
          continue;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)")
            .matcher(Files.readString(release));
        int version = m.find() ? Integer.parseInt(m.group(1)) : 0;
        if (version >= feature && version > bestVersion) {
          best = home;
          bestVersion = version;
        }
      }
    } catch (IOException e) {
      return null;
    }
    return best;
  }

  private static void unpack(Path war, Path classes, Path lib) throws IOException {
    Files.createDirectories(classes.resolve("META-INF"));
    Files.createDirectories(lib);
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null;) {
        String name = e.getName();
        Path target = null;
        if (name.startsWith("WEB-INF/classes/") && !e.isDirectory()) {
          target = classes.resolve(name.substring("WEB-INF/classes/".length()));
        } else if (name.startsWith("WEB-INF/lib/") && name.endsWith(".jar")) {
          target = lib.resolve(name.substring("WEB-INF/lib/".length()));
        } else if (name.equals("WEB-INF/beans.xml")) {
          target = classes.resolve("META-INF/beans.xml");
        }
        if (target != null) {
          Files.createDirectories(target.getParent());
          Files.copy((InputStream) in, target, StandardCopyOption.REPLACE_EXISTING);
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
