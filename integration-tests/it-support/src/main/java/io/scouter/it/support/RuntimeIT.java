package io.scouter.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.devserver.ScouterDevServer;
import io.scouter.tracing.TraceSpanRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A runtime (application server) with the sample WAR, started for one test class, and the Scouter dev server it
 * exports to: the {@link ScouterDevServer} (scouter-dev-server) on a free loopback port, whose URI and a per-runtime service name
 * reach the application through MicroProfile Config.
 *
 * <p>A runtime's IT implements {@link #start}: start the server with the WAR, return the process and the application's
 * base URI. Readiness (bounded), and stopping the server even when the start or a check fails, happen here. The checks
 * every runtime must pass are in {@link SampleAppContract}; a variant that documents a different behaviour extends this
 * class directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class RuntimeIT {
  /** How long a server may take to answer its first request (system property {@code it.server.start-timeout-s}). */
  protected static final Duration START_TIMEOUT =
      Duration.ofSeconds(Long.getLong("it.server.start-timeout-s", 120));
  private static final Duration TRACE_TIMEOUT = Duration.ofSeconds(30);
  /** After the expected spans arrived: how long to wait for (unexpected) duplicates. */
  private static final Duration SETTLE = Duration.ofMillis(1500);
  protected static final ObjectMapper JSON = new ObjectMapper();
  protected static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  /** Lines of a server log that mean the library (or its OpenTelemetry copy) broke. */
  public static final Pattern LINKAGE_PROBLEM = Pattern.compile(
      "LinkageError|NoClassDefFoundError|NoSuchMethodError|NoSuchFieldError|AbstractMethodError|IncompatibleClassChange"
          + "|ClassCastException|ServiceConfigurationError|ClassNotFoundException|IllegalAccessError");

  /** A started server. @param process the server process @param app the application's base URI, ending in '/' */
  public record Started(ServerProcess process, URI app) {}

  /** What the runtime must be given. @param scouterUri {@code scouter.http.uri} @param serviceName {@code scouter.service-name} */
  public record Settings(URI scouterUri, String serviceName) {}

  protected ScouterDevServer dev;
  protected Started started;

  /**
   * Starts the runtime with the sample WAR configured by {@code settings} (not waiting for it). The returned process
   * is stopped by this class.
   */
  protected abstract Started start(Settings settings) throws Exception;

  /** The service name this runtime's spans must carry (set through MicroProfile Config by {@link #start}). */
  protected abstract String serviceName();

  /** Log lines that are problems on this runtime; default: linkage errors in the process output. */
  protected List<String> logProblems() {
    return started.process().logText().lines().filter(l -> LINKAGE_PROBLEM.matcher(l).find())
        .collect(Collectors.toList());
  }

  /** Whether to wait for the application to answer before the tests; {@code false} for a variant expected to fail. */
  protected boolean awaitReadiness() {
    return true;
  }

  @BeforeAll
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void startRuntime() throws Exception {
    dev = ScouterDevServer.start();
    try {
      started = start(new Settings(dev.httpUri(), serviceName()));
      if (awaitReadiness()) {
        started.process().awaitHttpOk(started.app().resolve("api/diag/otel"), START_TIMEOUT);
      }
    } catch (Throwable t) {
      stopRuntime();
      throw t;
    }
  }

  @AfterAll
  void stopRuntime() {
    if (started != null) {
      started.process().close();
    }
    if (dev != null) {
      dev.close();
    }
  }

  /**
   * Waits until the dev server holds {@code count} spans of the trace, then a little longer, and returns all of them
   * (so a duplicate arriving late is seen by the caller's exact-count checks).
   */
  protected List<TraceSpanRecord> awaitTrace(String traceId, int count) throws InterruptedException {
    return awaitTraces(List.of(traceId), count).get(0);
  }

  /** {@link #awaitTrace} for several traces, settling once. */
  protected List<List<TraceSpanRecord>> awaitTraces(List<String> traceIds, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TRACE_TIMEOUT.toNanos();
    for (String traceId : traceIds) {
      List<TraceSpanRecord> spans = dev.spans(traceId);
      while (spans.size() < count && System.nanoTime() < deadline) {
        Thread.sleep(100);
        spans = dev.spans(traceId);
      }
      assertThat(spans.size()).as("spans of trace " + traceId + " in the Scouter server: " + names(spans)
          + "; all spans: " + describe(dev.spans()) + "; rejections: " + dev.rejections())
          .isGreaterThanOrEqualTo(count);
    }
    Thread.sleep(SETTLE.toMillis());
    List<List<TraceSpanRecord>> all = new ArrayList<>();
    traceIds.forEach(id -> all.add(dev.spans(id)));
    return all;
  }

  /**
   * Four concurrent {@code GET api/orders/c<i>?items=kiwi<i>} requests: four distinct traces of six spans each, every
   * {@code @Traced} span capturing its own request's input.
   */
  protected void checkConcurrentRequestsAreSeparateTraces() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(HTTP.sendAsync(request("api/orders/c" + i + "?items=kiwi" + i),
          HttpResponse.BodyHandlers.ofString()));
    }
    List<String> traceIds = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> r = call.get(60, TimeUnit.SECONDS);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      traceIds.add(JSON.readTree(r.body()).get("traceId").asText());
    }
    assertThat(traceIds).doesNotHaveDuplicates();
    List<List<TraceSpanRecord>> traces = awaitTraces(traceIds, 6);
    for (int i = 0; i < traceIds.size(); i++) {
      List<TraceSpanRecord> spans = traces.get(i);
      assertThat(spans).as(describe(spans).toString()).hasSize(6);
      assertThat(one(spans, "StockService.available").input().get("item").asText())
          .isEqualTo("kiwi" + i);
      assertThat(one(spans, "PricingService.quote").input().at("/order/id").asText())
          .isEqualTo("c" + i);
    }
  }

  /** The SERVER span and the ERROR span of {@code GET api/orders/7/reject}. */
  protected record Rejection(TraceSpanRecord server, TraceSpanRecord reject) {}

  /**
   * {@code GET api/orders/7/reject}: a 409 whose trace is the SERVER span and the throwing {@code @Traced} method as its
   * child, an ERROR span with exactly one {@code exception} event describing the exception.
   */
  protected Rejection checkThrowingMethodIsAnErrorSpan() throws Exception {
    HttpResponse<String> r = get("api/orders/7/reject");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    String traceId = JSON.readTree(r.body()).get("traceId").asText();
    List<TraceSpanRecord> spans = awaitTrace(traceId, 2);
    assertThat(spans).extracting(TraceSpanRecord::spanName)
        .containsExactlyInAnyOrder("GET /sample/api/orders/{id}/reject", "PricingService.reject");
    TraceSpanRecord server = one(spans, "GET /sample/api/orders/{id}/reject");
    TraceSpanRecord reject = one(spans, "PricingService.reject");
    assertThat(reject.parentSpanId()).isEqualTo(server.spanId());
    assertThat(reject.statusCode()).as("ERROR").isEqualTo(2);
    assertThat(reject.statusMessage())
        .isEqualTo("OutOfStockException: order 7 is out of stock: lead");
    assertThat(reject.events()).extracting(TraceSpanRecord.SpanEventRecord::name)
        .containsExactly("exception");
    Map<String, Object> ex = reject.events().get(0).attributes();
    assertThat(ex.get("exception.type"))
        .isEqualTo("io.scouter.it.sample.OutOfStockException");
    assertThat(ex.get("exception.message")).isEqualTo("order 7 is out of stock: lead");
    assertThat(String.valueOf(ex.get("exception.stacktrace")))
        .contains("PricingService.reject");
    return new Rejection(server, reject);
  }

  /**
   * Whether this runtime's default {@code ContextService} propagates the application's Jakarta Concurrency
   * {@code ThreadContextProvider}s to tasks of {@code java:comp/DefaultManagedExecutorService} (Payara: yes; Open
   * Liberty: no, only a context service the application defines does).
   */
  public boolean defaultContextServicePropagatesTheTrace() {
    return true;
  }

  /**
   * Whether the runtime implements Jakarta Concurrency (managed executors, {@code @Resource} lookups of them,
   * {@code @Asynchronous}); Helidon MP does not, and the hops through it fail there (pinned by
   * {@link #checkHopNeedsJakartaConcurrency}).
   */
  public boolean hasJakartaConcurrency() {
    return true;
  }

  /**
   * {@code GET api/threads/{via}} on a runtime without Jakarta Concurrency: no managed executor is injected and
   * {@code @Asynchronous} is not intercepted ({@code Asynchronous.Result} then throws), so the request fails with 500.
   */
  public void checkHopNeedsJakartaConcurrency(String via) throws Exception {
    HttpResponse<String> r = get("api/threads/" + via);
    assertThat(r.statusCode()).as(via + ": " + r.body()).isEqualTo(500);
  }

  /**
   * {@code GET api/threads/{via}} (the sample's {@code ThreadsResource}): the {@code @Traced} worker ran on another
   * thread and its span is in the caller's trace, a child of the SERVER span.
   */
  public void checkHopContinuesTheTrace(String via) throws Exception {
    HttpResponse<String> r = get("api/threads/" + via);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode reply = JSON.readTree(r.body());
    String traceId = reply.get("traceId").asText();
    assertThat(reply.get("workerThread").asText()).as("the work ran on another thread")
        .isNotEqualTo(reply.get("callerThread").asText());

    List<TraceSpanRecord> spans = awaitTrace(traceId, 2);
    assertThat(spans).as(describe(spans).toString()).extracting(TraceSpanRecord::spanName)
        .containsExactlyInAnyOrder("GET /sample/api/threads/{via}", "WorkerService.work");
    TraceSpanRecord server = one(spans, "GET /sample/api/threads/{via}");
    assertThat(server.spanId()).isEqualTo(reply.get("spanId").asText());
    TraceSpanRecord work = one(spans, "WorkerService.work");
    assertThat(work.traceId()).isEqualTo(traceId);
    assertThat(work.parentSpanId()).as("the caller's span is the parent").isEqualTo(server.spanId());
    assertThat(work.input().toString()).isEqualTo("{\"via\":\"" + via + "\"}");
    assertThat(work.output().asText()).isEqualTo(reply.get("workerThread").asText());
  }

  /** {@code GET api/threads/{via}} where the runtime does not carry the trace: the worker's span is a new root. */
  public void checkHopStartsANewTrace(String via) throws Exception {
    HttpResponse<String> r = get("api/threads/" + via);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode reply = JSON.readTree(r.body());
    String workerThread = reply.get("workerThread").asText();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<TraceSpanRecord> work = List.of();
    while (work.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      work = dev.spans().stream().filter(s -> s.spanName().equals("WorkerService.work")
          && s.output() != null && s.output().asText().equals(workerThread)
          && s.input().toString().equals("{\"via\":\"" + via + "\"}")).toList();
    }
    assertThat(work).as(describe(dev.spans()).toString()).isNotEmpty();
    assertThat(work).allSatisfy(s -> {
      assertThat(s.traceId()).isNotEqualTo(reply.get("traceId").asText());
      assertThat(s.parentSpanId()).isNull();
    });
  }

  /** Spans as {@code trace/span<-parent KIND name}, for failure messages. */
  protected static List<String> describe(List<TraceSpanRecord> spans) {
    return spans.stream().map(s -> s.traceId().substring(0, 8) + "/" + s.spanId() + "<-" + s.parentSpanId() + " "
        + s.spanKind() + " " + s.spanName()).toList();
  }

  private static List<String> names(List<TraceSpanRecord> spans) {
    return spans.stream().map(TraceSpanRecord::spanName).toList();
  }

  /** The one span named {@code name}. */
  protected static TraceSpanRecord one(List<TraceSpanRecord> spans, String name) {
    List<TraceSpanRecord> found = spans.stream().filter(s -> s.spanName().equals(name)).toList();
    assertThat(found).as("spans named " + name + " in " + names(spans)).hasSize(1);
    return found.get(0);
  }

  protected HttpRequest request(String path) {
    return HttpRequest.newBuilder(started.app().resolve(path)).timeout(Duration.ofSeconds(60)).GET().build();
  }

  protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code GET /api/diag/otel} of the sample as JSON (see its {@code DiagnosticsResource}). */
  protected JsonNode diagnostics() throws IOException, InterruptedException {
    HttpResponse<String> r = get("api/diag/otel");
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
