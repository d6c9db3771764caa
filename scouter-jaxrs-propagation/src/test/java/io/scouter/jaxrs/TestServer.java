package io.scouter.jaxrs;

import io.scouter.jaxrs.app.JaxrsTestExporter;
import io.scouter.jaxrs.app.TestApp;
import io.scouter.jaxrs.app.TestServerInfo;
import io.scouter.testkit.TestSpanExporter;
import io.scouter.tracing.TraceSpanRecord;
import jakarta.ws.rs.SeBootstrap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One RESTEasy (Jakarta REST 3.1) server on embedded Undertow with Weld CDI for the whole test run, started on first
 * use on a free loopback port. It serves both "service A" and "service B"; A calls B over real HTTP.
 */
final class TestServer {
  static final TestSpanExporter EXPORTER = JaxrsTestExporter.EXPORTER;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static SeBootstrap.Instance instance;

  private TestServer() {}

  static synchronized void start() throws Exception {
    if (instance != null) {
      return;
    }
    int port = freePort();
    int refused = freePort(); // closed again: connecting to it is refused
    TestServerInfo.set("http://127.0.0.1:" + port + "/", "http://127.0.0.1:" + refused + "/");
    instance = SeBootstrap.start(new TestApp(), SeBootstrap.Configuration.builder().protocol("HTTP")
        .host("127.0.0.1").port(port).rootPath("/").build()).toCompletableFuture().get(60, TimeUnit.SECONDS);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.stop()));
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String base() {
    return TestServerInfo.baseUri();
  }

  /** GET with the given header pairs (names may repeat). */
  static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until {@code count} spans match (spans end after the response is written, so they may lag a little). */
  static List<TraceSpanRecord> await(Predicate<TraceSpanRecord> filter, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      List<TraceSpanRecord> found = EXPORTER.spans(filter);
      if (found.size() >= count) {
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + count + " spans but found " + found.size() + " among "
            + EXPORTER.spans().stream().map(s -> s.spanName() + "@" + s.attribute("url.path"))
                .collect(Collectors.toList()));
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The SERVER span whose url.path is {@code path}. */
  static TraceSpanRecord server(String path) {
    return await(s -> "SERVER".equals(s.spanKind()) && path.equals(s.attribute("url.path")), 1).get(0);
  }

  /** All spans of a trace, once {@code count} arrived. */
  static List<TraceSpanRecord> trace(String traceId, int count) {
    return await(s -> s.traceId().equals(traceId), count);
  }
}
