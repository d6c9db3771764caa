package io.scouter.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stops the packaged model-service (SIGTERM, as a container stop does) while its Scouter server is down (a closed
 * port): the CDI container's shutdown, not the JVM hook ahead of it, delivers what it can within
 * {@code scouter.shutdown-timeout} and logs one warning counting the spans and queue records it could not deliver, and
 * the process exits. The time from the stop to the exit is printed as a FIGURE line, never asserted; the 60 s limit
 * only keeps a hang from blocking the build.
 */
@Timeout(180)
class DemoShutdownTest {
  private static final Pattern LOST =
      Pattern.compile("Scouter could not deliver (\\d+) spans and (\\d+) queue records before shutdown");

  @Test
  void stopWithTheServerDown_exitsAndCountsWhatWasNotDelivered() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path module = Path.of("..", "model-service").toAbsolutePath().normalize();
    Path jar = module.resolve("target/quarkus-app/quarkus-run.jar");
    assertThat(jar).as("packaged app (mvn package)").exists();
    Path log = module.resolve("target/demo-shutdown-it.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-Dquarkus.http.port=" + port, "-Dscouter.http.uri=http://127.0.0.1:" + closed,
        // nothing goes out on its own before the stop: the spans and records are all still queued then
        "-Dscouter.batch.scheduled-delay-ms=600000", "-Dscouter.queue.publish-interval=1h",
        "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Thread killer = new Thread(p::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(killer);
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      String base = "http://127.0.0.1:" + port + "/model/";
      awaitOk(http, p, base + "health", log);
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "predict?text=good%20" + i))
            .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }

      long stop = System.nanoTime();
      p.destroy(); // SIGTERM
      boolean exited = p.waitFor(60, TimeUnit.SECONDS);
      long exitMs = (System.nanoTime() - stop) / 1_000_000;
      String text = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(exited).as("the process exits after the stop; " + tail(text)).isTrue();
      System.out.printf("FIGURE quarkus-shutdown: stop (SIGTERM) to exit %d ms with the Scouter server down "
          + "(scouter.shutdown-timeout 5s)%n", exitMs);

      Matcher m = LOST.matcher(text);
      assertThat(m.find()).as("one warning counts what was lost; " + tail(text)).isTrue();
      assertThat(Integer.parseInt(m.group(1))).as("spans not delivered").isPositive();
      assertThat(Integer.parseInt(m.group(2))).as("queue records not delivered").isPositive();
      assertThat(m.find()).as("only one such warning").isFalse();
      assertThat(text.indexOf("Scouter could not deliver")).as("logged before Quarkus reports it stopped")
          .isLessThan(text.lastIndexOf("stopped in"));
    } finally {
      p.destroyForcibly();
      Runtime.getRuntime().removeShutdownHook(killer);
    }
  }

  private static void awaitOk(HttpClient http, Process p, String url, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("model-service alive; see " + log).isTrue();
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError(url + " did not answer within 60 s");
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return "log tail:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
