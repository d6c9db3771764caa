package io.scouter.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.GrpcConfig;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.SpanKind;
import io.scouter.tracing.TracerConfig;
import io.scouter.tracing.TransportConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The executable jar as a user starts it ({@code java -jar target/scouter-dev-server.jar}, here with free ports):
 * spans sent with the real HTTP and gRPC transports come back through the JSON API, the trace page is served, and a
 * bad option or a taken port stops the start with a message naming it.
 */
@Timeout(120)
class DevServerJarIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Path JAR = Path.of("target", "scouter-dev-server.jar").toAbsolutePath();

  private static Process server;
  private static final List<String> output = new ArrayList<>();
  private static URI httpUri;
  private static URI grpcUri;

  @BeforeAll
  static void startTheJar() throws Exception {
    server = launch("--port", "0", "--grpc-port", "0");
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null;) {
          synchronized (output) {
            output.add(line);
            output.notifyAll();
          }
        }
      } catch (IOException ended) {
        // the process was stopped
      }
    }, "dev-server-output");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (output) {
      while (output.stream().noneMatch(l -> l.contains("JSON API:"))) {
        assertThat(server.isAlive()).as("the dev server runs; it printed " + output).isTrue();
        assertThat(System.nanoTime() - deadline).as("the URLs are printed within " + WAIT + ": " + output)
            .isNegative();
        output.wait(200);
      }
      httpUri = URI.create(value("scouter.http.uri="));
      grpcUri = URI.create(value("scouter.grpc.uri="));
      assertThat(output).anyMatch(l -> l.contains("trace page:") && l.contains(httpUri + "/"));
    }
    assertThat(httpUri.getHost()).as("bound to loopback by default").isEqualTo("127.0.0.1");
    assertThat(grpcUri.getHost()).isEqualTo("127.0.0.1");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  @AfterEach
  void shutdownTracer() {
    ScouterTracing.shutdown();
  }

  private static Process launch(String... args) throws IOException {
    assertThat(JAR).as("the executable jar (mvn package)").exists();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static String value(String key) {
    return output.stream().filter(l -> l.contains(key)).findFirst()
        .map(l -> l.substring(l.indexOf(key) + key.length()).trim())
        .orElseThrow(() -> new AssertionError(key + " not printed: " + output));
  }

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A SERVER root with a tag and input, and a child with output; returns the trace id. */
  private static String sendTrace(TransportConfig transport, String name) {
    ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("jar-client")
        .transport(transport).build());
    String traceId;
    try (ActiveSpan root = tracer.spanBuilder(name).kind(SpanKind.SERVER).tag("env", "dev").startAsCurrent()) {
      root.setInput(Map.of("question", "how are you?"));
      try (ActiveSpan child = tracer.startAsCurrentSpan(name + "-step")) {
        child.setOutput(List.of(1, 2, 3));
      }
      traceId = root.traceId();
    }
    assertThat(ScouterTracing.flush()).as("flushed to the dev server").isTrue();
    return traceId;
  }

  /** Reads the trace back through {@code GET /scouter/trace/spans?trace_id=} until both spans are there. */
  private static JsonNode awaitSpans(String traceId) throws Exception {
    URI uri = URI.create(httpUri + "/scouter/trace/spans?trace_id=" + traceId);
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode spans = JSON.createArrayNode();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = get(uri);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      spans = JSON.readTree(r.body()).get("spans");
      if (spans.size() >= 2) {
        return spans;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("trace " + traceId + " incomplete: " + spans);
  }

  private static void assertTrace(JsonNode spans, String name, String traceId) {
    JsonNode root = find(spans, name);
    JsonNode step = find(spans, name + "-step");
    assertThat(root.get("traceId").asText()).isEqualTo(traceId);
    assertThat(root.get("spanKind").asText()).isEqualTo("SERVER");
    assertThat(root.get("serviceName").asText()).isEqualTo("jar-client");
    assertThat(root.get("parentSpanId").isNull()).isTrue();
    assertThat(root.at("/input/question").asText()).isEqualTo("how are you?");
    assertThat(step.get("parentSpanId").asText()).isEqualTo(root.get("spanId").asText());
    assertThat(step.get("output").toString()).isEqualTo("[1,2,3]");
  }

  private static JsonNode find(JsonNode spans, String name) {
    return StreamSupport.stream(spans.spliterator(), false).filter(s -> s.get("spanName").asText().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("span " + name + " missing in " + spans));
  }

  @Test
  void spansSentOverHttpComeBackThroughTheJsonApi() throws Exception {
    String traceId = sendTrace(HttpConfig.builder().uri(httpUri.toString()).username("admin").password("admin")
        .build(), "http-handler");
    assertTrace(awaitSpans(traceId), "http-handler", traceId);

    JsonNode all = JSON.readTree(get(URI.create(httpUri + "/scouter/dev/traces")).body());
    assertThat(StreamSupport.stream(all.get("tags").spliterator(), false)
        .filter(t -> t.get("entityId").asText().equals(traceId))
        .map(t -> t.get("key").asText() + "=" + t.get("value").asText())).contains("env=dev");
  }

  @Test
  void spansSentOverGrpcComeBackThroughTheJsonApi() throws Exception {
    String traceId = sendTrace(GrpcConfig.builder().uri(grpcUri.toString()).username("guest").password("guest")
        .build(), "grpc-handler");
    assertTrace(awaitSpans(traceId), "grpc-handler", traceId);
  }

  @Test
  void theTracePageIsServedAtTheRoot() throws Exception {
    HttpResponse<String> page = get(URI.create(httpUri + "/"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("<title>Scouter dev server - traces</title>")
        .contains("fetch(\"scouter/dev/traces\"");
    assertThat(get(URI.create(httpUri + "/no-such-page")).statusCode()).isEqualTo(404);
    assertThat(get(URI.create(httpUri + "/scouter/healthcheck")).body()).contains("ok");
  }

  @Test
  void aBadOptionStopsTheStartNamingIt() throws Exception {
    Process p = launch("--port", "eighty");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isEqualTo(2);
    assertThat(out).contains("--port: invalid value 'eighty'").contains("Usage:");
  }

  @Test
  void aTakenPortStopsTheStartNamingIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Process p = launch("--port", "" + taken.getLocalPort(), "--no-grpc");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isEqualTo(1);
      assertThat(out).contains("--port " + taken.getLocalPort());
    }
  }
}
