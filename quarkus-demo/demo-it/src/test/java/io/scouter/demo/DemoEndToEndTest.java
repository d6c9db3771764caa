package io.scouter.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Starts both packaged services ({@code java -jar target/quarkus-app/quarkus-run.jar}) on free ports, the gateway with
 * its embedded Scouter dev server, sends requests through the gateway and checks what the dev server stored, and its
 * trace page in headless Chromium.
 */
@Timeout(180)
class DemoEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final List<Process> PROCESSES = new ArrayList<>();
  private static int gatewayPort;
  private static int devPort;

  @BeforeAll
  static void startServices() throws Exception {
    Path demo = Path.of("..").toAbsolutePath().normalize();
    int modelPort = freePort();
    gatewayPort = freePort();
    devPort = freePort();
    String scouter = "http://127.0.0.1:" + devPort;
    start(demo.resolve("model-service"), Map.of("quarkus.http.port", "" + modelPort, "scouter.http.uri", scouter));
    start(demo.resolve("gateway"), Map.of("quarkus.http.port", "" + gatewayPort, "scouter.http.uri", scouter,
        "demo.dev-server.port", "" + devPort, "quarkus.rest-client.model-service.url",
        "http://127.0.0.1:" + modelPort));
    awaitOk("http://127.0.0.1:" + modelPort + "/model/health");
    awaitOk("http://127.0.0.1:" + devPort + "/scouter/healthcheck");
    awaitAnswer("http://127.0.0.1:" + gatewayPort + "/");
  }

  @AfterAll
  static void stopServices() throws InterruptedException {
    for (Process p : PROCESSES) {
      p.destroy();
    }
    for (Process p : PROCESSES) {
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  private static void start(Path module, Map<String, String> props) throws IOException {
    Path jar = module.resolve("target/quarkus-app/quarkus-run.jar");
    assertThat(jar).as("packaged app (mvn package)").exists();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m"));
    props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-jar");
    cmd.add(jar.toString());
    File log = module.resolve("target/demo-it.log").toFile();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    PROCESSES.add(p);
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitOk(String url) throws InterruptedException {
    await(url, true);
  }

  /** Waits until {@code url} answers with any status (the gateway has no page of its own). */
  private static void awaitAnswer(String url) throws InterruptedException {
    await(url, false);
  }

  private static void await(String url, boolean ok) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (Process p : PROCESSES) {
        assertThat(p.isAlive()).as("service process alive (see target/demo-it.log)").isTrue();
      }
      try {
        int status = get(url).statusCode();
        if (!ok || status == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError(url + " did not answer" + (ok ? " 200" : "") + " within 60 s");
  }

  /** Polls the dev server's JSON API until the trace has the wanted spans. */
  private static JsonNode awaitTrace(String traceId, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode spans = null;
    while (System.nanoTime() < deadline) {
      spans = JSON.readTree(get("http://127.0.0.1:" + devPort + "/scouter/trace/spans?trace_id=" + traceId).body())
          .get("spans");
      if (done.test(spans)) {
        return spans;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("trace " + traceId + " incomplete: " + spans);
  }

  private static JsonNode span(JsonNode spans, String service, String name) {
    return StreamSupport.stream(spans.spliterator(), false)
        .filter(s -> s.get("serviceName").asText().equals(service) && s.get("spanName").asText().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError(service + " span " + name + " missing in " + spans));
  }

  private static List<JsonNode> spans(JsonNode spans, String service, String kind) {
    return StreamSupport.stream(spans.spliterator(), false)
        .filter(s -> s.get("serviceName").asText().equals(service) && s.get("spanKind").asText().equals(kind))
        .toList();
  }

  /**
   * Log correlation: both services log with {@code quarkus.log.console.format} {@code ... trace_id=%X{trace_id}
   * span_id=%X{span_id} ...}; for one request the gateway's line (inside its SERVER span) and model-service's line
   * (inside {@code ModelPipeline.featurize}) show the trace id of the spans on the dev server, and their own span ids.
   */
  @Test
  void theLogLinesOfBothServicesShowTheTraceIdOfTheSpans() throws Exception {
    String text = "log" + System.nanoTime();
    HttpResponse<String> r = get("http://127.0.0.1:" + gatewayPort + "/predict?text=" + text);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String traceId = JSON.readTree(r.body()).at("/prediction/traceId").asText();
    JsonNode spans = awaitTrace(traceId, s -> s.size() >= 9);
    String gatewaySpan = span(spans, "gateway", "GET /predict").get("spanId").asText();
    String featurizeSpan = span(spans, "model-service", "ModelPipeline.featurize").get("spanId").asText();
    Path demo = Path.of("..").toAbsolutePath().normalize();
    assertThat(awaitLogLine(demo.resolve("gateway"), "gateway predict: " + text))
        .contains("trace_id=" + traceId + " span_id=" + gatewaySpan + " ");
    assertThat(awaitLogLine(demo.resolve("model-service"), "featurize: " + text))
        .contains("trace_id=" + traceId + " span_id=" + featurizeSpan + " ");
  }

  /** The first line of a service's console output containing {@code text}, waiting for it (bounded). */
  private static String awaitLogLine(Path module, String text) throws Exception {
    Path log = module.resolve("target/demo-it.log");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      for (String line : Files.readAllLines(log)) {
        if (line.contains(text)) {
          return line;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no line containing '" + text + "' in " + log);
      }
      Thread.sleep(200);
    }
  }

  @Test
  void oneTraceAcrossBothServicesWithInputsOutputsTagsAndQueueRecord() throws Exception {
    HttpResponse<String> r = get("http://127.0.0.1:" + gatewayPort + "/predict?text=I%20love%20good%20tracing");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode reply = JSON.readTree(r.body());
    String traceId = reply.at("/prediction/traceId").asText();
    assertThat(traceId).hasSize(32);

    JsonNode spans = awaitTrace(traceId, s -> s.size() >= 9);
    JsonNode gwServer = span(spans, "gateway", "GET /predict");
    assertThat(gwServer.get("spanKind").asText()).isEqualTo("SERVER");
    assertThat(gwServer.get("parentSpanId").isNull()).isTrue();
    List<JsonNode> clients = spans(spans, "gateway", "CLIENT");
    assertThat(clients).hasSize(2)
        .allSatisfy(c -> assertThat(c.get("parentSpanId").asText()).isEqualTo(gwServer.get("spanId").asText()));

    JsonNode msPredict = span(spans, "model-service", "GET /model/predict");
    JsonNode msHealth = span(spans, "model-service", "GET /model/health");
    assertThat(clients.stream().map(c -> c.get("spanId").asText()))
        .containsExactlyInAnyOrder(msPredict.get("parentSpanId").asText(), msHealth.get("parentSpanId").asText());

    String predictId = msPredict.get("spanId").asText();
    JsonNode featurize = span(spans, "model-service", "ModelPipeline.featurize");
    JsonNode score = span(spans, "model-service", "score_async");
    JsonNode generate = span(spans, "model-service", "generate");
    JsonNode evaluate = span(spans, "model-service", "ModelPipeline.evaluate");
    for (JsonNode child : List.of(featurize, score, generate, evaluate)) {
      assertThat(child.get("parentSpanId").asText()).isEqualTo(predictId);
      String label = child.hasNonNull("label") ? child.get("label").asText()
          : child.at("/attributes/scouter.tracing.label").asText();
      assertThat(label).as("label of " + child).isEqualTo("model");
    }
    // captured input (record argument) and output
    assertThat(featurize.at("/input/request/text").asText()).isEqualTo("I love good tracing");
    assertThat(featurize.at("/input/request/caller").asText()).isEqualTo("gateway");
    assertThat(featurize.at("/output/tokens").toString()).isEqualTo("[\"i\",\"love\",\"good\",\"tracing\"]");
    assertThat(featurize.get("events").toString()).contains("tokenized");
    assertThat(score.get("output").asDouble()).isEqualTo(1.0);
    assertThat(generate.get("output").asText()).isEqualTo("positive.");

    JsonNode all = JSON.readTree(get("http://127.0.0.1:" + devPort + "/scouter/dev/traces").body());
    List<String> tags = StreamSupport.stream(all.get("tags").spliterator(), false)
        .filter(t -> t.get("entityId").asText().equals(traceId))
        .map(t -> t.get("key").asText() + "=" + t.get("value").asText()).toList();
    assertThat(tags).contains("model_version=v3", "tier=gold", "caller=gateway");

    // the queue publishes every second
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    boolean record = false;
    while (!record && System.nanoTime() < deadline) {
      all = JSON.readTree(get("http://127.0.0.1:" + devPort + "/scouter/dev/traces").body());
      record = all.get("records").toString().contains("\"trace_id\":\"" + traceId + "\"");
      if (!record) {
        Thread.sleep(250);
      }
    }
    assertThat(record).as("queue record with trace id in " + all.get("records")).isTrue();
    assertThat(all.get("records").toString()).contains("I love good tracing");
  }

  @Test
  void failingStepIsAnErrorSpanAndTheGatewayMapsIt() throws Exception {
    HttpResponse<String> r = get("http://127.0.0.1:" + gatewayPort + "/predict?text=fail");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("cannot featurize text 'fail'");

    JsonNode all = JSON.readTree(get("http://127.0.0.1:" + devPort + "/scouter/dev/traces").body());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode failed = null;
    while (failed == null && System.nanoTime() < deadline) {
      all = JSON.readTree(get("http://127.0.0.1:" + devPort + "/scouter/dev/traces").body());
      for (JsonNode t : all.get("traces")) {
        for (JsonNode s : t.get("spans")) {
          if (s.get("spanName").asText().equals("ModelPipeline.featurize") && s.get("statusCode").asInt() == 2) {
            failed = s;
          }
        }
      }
      if (failed == null) {
        Thread.sleep(200);
      }
    }
    assertThat(failed).as("ERROR featurize span in " + all).isNotNull();
    assertThat(failed.get("statusMessage").asText()).contains("cannot featurize");
    assertThat(failed.get("events").toString()).contains("exception").contains("IllegalArgumentException");
    String traceId = failed.get("traceId").asText();
    JsonNode spans = awaitTrace(traceId, s -> s.size() >= 6);
    JsonNode gwServer = span(spans, "gateway", "GET /predict");
    assertThat(gwServer.get("parentSpanId").isNull()).isTrue();
    assertThat(gwServer.at("/attributes/http.response.status_code").asInt()).isEqualTo(422);
    assertThat(spans(spans, "gateway", "CLIENT")).anySatisfy(c -> assertThat(c.get("statusCode").asInt()).isEqualTo(2));
  }

  /**
   * Chromium: {@code -Dchromium.path}, else {@code chromium} or {@code chromium-browser} on the {@code PATH}, else
   * Debian's {@code /usr/bin/chromium} (the root POM's test-prerequisites check looks it up the same way).
   */
  static Path chromiumPath() {
    String configured = System.getProperty("chromium.path");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return Path.of("/usr/bin/chromium");
  }

  /** Chromium, headless, as root, without background networking (the machine's network is closed). */
  private static Process chromium(String... args) throws IOException {
    Path chromium = chromiumPath();
    assertThat(chromium).as("Chromium for the page test (chromium or chromium-browser on the PATH, /usr/bin/chromium "
        + "or -Dchromium.path; Debian package chromium, which .ci/run installs)").isExecutable();
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"),
        "--virtual-time-budget=5000", "--window-size=1400,1000"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  @Test
  void theTracePageRendersTheWaterfallInABrowser() throws Exception {
    assertThat(get("http://127.0.0.1:" + gatewayPort + "/predict?text=page%20test").statusCode()).isEqualTo(200);
    // the dev server (started inside the gateway) serves the trace page itself
    String page = "http://127.0.0.1:" + devPort + "/";
    String dom = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Process p = chromium("--dump-dom", page);
      try {
        dom = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      } finally {
        p.destroyForcibly();
      }
      if (dom.contains("ModelPipeline.evaluate")) {
        break;
      }
    }
    assertThat(dom).as("the rendered DOM").contains("class=\"trace\"").contains("class=\"row span\"")
        .contains("GET /predict").contains("ModelPipeline.featurize").contains("generate")
        .contains("ModelPipeline.evaluate").contains("class=\"kind\">SERVER").contains("class=\"kind\">CLIENT")
        .contains("model_version=v3").contains("queue records");
    Path shot = Path.of("target", "trace-page.png").toAbsolutePath();
    Files.deleteIfExists(shot);
    Process p = chromium("--screenshot=" + shot, page);
    try {
      assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(shot).as("screenshot kept as a test artifact").exists();
    assertThat(Files.size(shot)).isGreaterThan(20_000);
  }
}
