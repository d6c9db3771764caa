package io.scouter.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.tracing.TraceSpanRecord;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the sample WAR ({@code integration-tests/sample-war}) must do on every runtime, checked where a user would look:
 * in the Scouter server. A runtime's IT extends this class and implements {@link #start}, {@link #serviceName} and
 * {@link #checkOpenTelemetryVisibility}; a new variant of a runtime (another server configuration, another WAR profile)
 * is one more subclass.
 */
public abstract class SampleAppContract extends RuntimeIT {

  /**
   * Checks which OpenTelemetry the application sees on this runtime ({@code GET /api/diag/otel}, see the sample's
   * {@code DiagnosticsResource}): pins the classloading facts documented in {@code integration-tests/README.md}.
   */
  protected abstract void checkOpenTelemetryVisibility(JsonNode diag);

  @Test
  void tracedFlowIsOneTraceAcrossTheHttpHop() throws Exception {
    checkFlow("42", "apple,pear");
  }

  @Test
  void concurrentRequestsAreSeparateTraces() throws Exception {
    checkConcurrentRequestsAreSeparateTraces();
  }

  @Test
  void throwingMethodIsAnErrorSpanWithOneExceptionEvent() throws Exception {
    Rejection r = checkThrowingMethodIsAnErrorSpan();
    assertThat(r.reject().input().at("/order/items/0").asText()).isEqualTo("lead");
    assertThat(String.valueOf(r.server().attribute("http.response.status_code"))).isEqualTo("409");
    assertThat(r.server().statusCode()).as("a 4xx is not a server error").isNotEqualTo(2);
  }

  /**
   * Whether this runtime's default {@code ContextService} propagates the application's Jakarta Concurrency
   * {@code ThreadContextProvider}s to tasks of {@code java:comp/DefaultManagedExecutorService} (Payara: yes; Open
   * Liberty: no, only a context service the application defines does).
   */
  protected boolean defaultContextServicePropagatesTheTrace() {
    return true;
  }

  /**
   * Whether the runtime implements Jakarta Concurrency (managed executors, {@code @Resource} lookups of them,
   * {@code @Asynchronous}); Helidon MP does not, and the hops through it fail there (pinned by
   * {@link #checkHopNeedsJakartaConcurrency}).
   */
  protected boolean hasJakartaConcurrency() {
    return true;
  }

  @Test
  void managedExecutorTaskContinuesTheTraceWhereTheRuntimePropagatesIt() throws Exception {
    if (!hasJakartaConcurrency()) {
      checkHopNeedsJakartaConcurrency("managed-executor");
    } else if (defaultContextServicePropagatesTheTrace()) {
      checkHopContinuesTheTrace("managed-executor");
    } else {
      checkHopStartsANewTrace("managed-executor");
    }
  }

  @Test
  void wrappedManagedExecutorTaskContinuesTheTrace() throws Exception {
    if (!hasJakartaConcurrency()) {
      checkHopNeedsJakartaConcurrency("managed-executor-wrapped");
      return;
    }
    checkHopContinuesTheTrace("managed-executor-wrapped");
  }

  @Test
  void applicationDefinedManagedExecutorContinuesTheTrace() throws Exception {
    if (!hasJakartaConcurrency()) {
      checkHopNeedsJakartaConcurrency("defined-executor");
      return;
    }
    checkHopContinuesTheTrace("defined-executor");
  }

  @Test
  void asynchronousMethodContinuesTheTrace() throws Exception {
    if (!hasJakartaConcurrency()) {
      checkHopNeedsJakartaConcurrency("asynchronous");
      return;
    }
    checkHopContinuesTheTrace("asynchronous");
  }

  @Test
  void wrappedExecutorContinuesTheTrace() throws Exception {
    checkHopContinuesTheTrace("wrapped-executor");
  }

  @Test
  void openTelemetryVisibilityIsAsDocumented() throws Exception {
    checkOpenTelemetryVisibility(diagnostics());
  }

  @Test
  void serverLogHasNoLinkageOrExportErrors() throws Exception {
    checkFlow("log-check", "melon");
    assertThat(dev.rejections()).as("messages the Scouter server rejected").isEmpty();
    assertThat(logProblems()).as("problems in the server log").isEmpty();
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** One request through the whole flow and every check on its trace. */
  protected void checkFlow(String orderId, String items) throws Exception {
    HttpResponse<String> r = get("api/orders/" + orderId + "?items=" + items);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode reply = JSON.readTree(r.body());
    String traceId = reply.get("traceId").asText();
    assertThat(traceId).hasSize(32);
    List<String> itemList = List.of(items.split(","));
    long total = itemList.stream().mapToLong(String::length).sum() * 200;
    assertThat(reply.get("total").asLong()).isEqualTo(total);
    assertThat(reply.get("asyncTotal").asLong()).isEqualTo(total * 2);
    assertThat(reply.get("stock").asInt()).isEqualTo(itemList.get(0).length() + 3);

    List<TraceSpanRecord> spans = awaitTrace(traceId, 6);
    // each span exactly once: no double interception, no duplicate filter registration; health() opted out
    assertThat(spans).extracting(TraceSpanRecord::spanName).containsExactlyInAnyOrder(
        "GET /sample/api/orders/{id}", "PricingService.quote", "quote_async", "GET", "GET /sample/api/stock/{item}",
        "StockService.available");
    assertThat(spans).allSatisfy(s -> {
      assertThat(s.traceId()).isEqualTo(traceId);
      assertThat(s.serviceName()).as("scouter.service-name from the runtime's config").isEqualTo(serviceName());
    });

    TraceSpanRecord root = one(spans, "GET /sample/api/orders/{id}");
    assertThat(root.spanKind()).isEqualTo("SERVER");
    assertThat(root.parentSpanId()).isNull();
    assertThat(root.spanId()).as("the span CurrentSpan saw in the resource").isEqualTo(reply.get("spanId").asText());
    assertThat(root.attribute("http.route")).isEqualTo("/sample/api/orders/{id}");
    assertThat(String.valueOf(root.attribute("http.response.status_code"))).isEqualTo("200");

    TraceSpanRecord quote = one(spans, "PricingService.quote");
    assertThat(quote.spanKind()).isEqualTo("INTERNAL");
    assertThat(quote.parentSpanId()).isEqualTo(root.spanId());
    assertThat(label(quote)).isEqualTo("pricing");
    assertThat(quote.input().at("/order/id").asText()).isEqualTo(orderId);
    assertThat(quote.input().at("/order/items").toString())
        .isEqualTo(itemList.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(",", "[", "]")));
    assertThat(quote.input().at("/order/quantity").asInt()).isEqualTo(2);
    assertThat(quote.input().get("token").asText()).as("redacted by name").isEqualTo("[redacted]");
    assertThat(quote.output().toString())
        .isEqualTo("{\"currency\":\"EUR\",\"orderId\":\"" + orderId + "\",\"total\":" + total + "}");
    assertThat(quote.statusCode()).isNotEqualTo(2);

    TraceSpanRecord async = one(spans, "quote_async");
    assertThat(async.parentSpanId()).isEqualTo(root.spanId());
    assertThat(async.output().get("total").asLong()).isEqualTo(total * 2);
    assertThat(async.durationMs()).as("ends when the stage completes (150 ms later)").isGreaterThanOrEqualTo(140);

    TraceSpanRecord client = one(spans, "GET");
    assertThat(client.spanKind()).isEqualTo("CLIENT");
    assertThat(client.parentSpanId()).isEqualTo(root.spanId());
    assertThat(String.valueOf(client.attribute("url.full"))).endsWith("/api/stock/" + itemList.get(0));
    assertThat(String.valueOf(client.attribute("http.response.status_code"))).isEqualTo("200");

    TraceSpanRecord stockServer = one(spans, "GET /sample/api/stock/{item}");
    assertThat(stockServer.spanKind()).isEqualTo("SERVER");
    assertThat(stockServer.parentSpanId()).as("the SERVER span of the hop is the CLIENT span's child")
        .isEqualTo(client.spanId());

    TraceSpanRecord available = one(spans, "StockService.available");
    assertThat(available.parentSpanId()).isEqualTo(stockServer.spanId());
    assertThat(label(available)).isEqualTo("stock");
    assertThat(available.input().toString()).isEqualTo("{\"item\":\"" + itemList.get(0) + "\"}");
    assertThat(available.output().asInt()).isEqualTo(itemList.get(0).length() + 3);

    // time order: the children run inside the root
    for (TraceSpanRecord s : spans) {
      assertThat(s.startTime()).isAfterOrEqualTo(root.startTime());
      assertThat(s.endTime()).isBeforeOrEqualTo(root.endTime());
    }
  }

  /**
   * {@code GET api/threads/{via}} (the sample's {@code ThreadsResource}): the {@code @Traced} worker ran on another
   * thread and its span is in the caller's trace, a child of the SERVER span.
   */
  protected void checkHopContinuesTheTrace(String via) throws Exception {
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

  /**
   * {@code GET api/threads/{via}} on a runtime without Jakarta Concurrency: no managed executor is injected and
   * {@code @Asynchronous} is not intercepted ({@code Asynchronous.Result} then throws), so the request fails with 500.
   */
  protected void checkHopNeedsJakartaConcurrency(String via) throws Exception {
    HttpResponse<String> r = get("api/threads/" + via);
    assertThat(r.statusCode()).as(via + ": " + r.body()).isEqualTo(500);
  }

  /** {@code GET api/threads/{via}} where the runtime does not carry the trace: the worker's span is a new root. */
  protected void checkHopStartsANewTrace(String via) throws Exception {
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

  /**
   * Every OpenTelemetry class file the application's class loader reaches ({@code /diag/otel} {@code copies}) is its
   * own, once, from {@code WEB-INF/lib}: no runtime copy is reachable.
   */
  protected static void assertOnlyTheApplicationsCopy(JsonNode diag) {
    assertThat(diag.get("copies").size()).isEqualTo(3);
    diag.get("copies").fields().forEachRemaining(e -> assertThat(e.getValue())
        .as("copies of " + e.getKey() + " reachable from the application").hasSize(1)
        .allSatisfy(url -> assertThat(url.asText()).contains("WEB-INF/lib/opentelemetry-")));
  }

  /** The span's label: the record's field when the server fills it, else the {@code scouter.tracing.label} attribute. */
  protected static String label(TraceSpanRecord span) {
    return span.label() != null ? span.label() : (String) span.attribute("scouter.tracing.label");
  }
}
