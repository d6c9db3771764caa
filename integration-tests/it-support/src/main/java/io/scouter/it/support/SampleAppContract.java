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
public abstract class SampleAppContract extends RuntimeIT implements ThreadHopContract {

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
   * {@code GET api/queue/{question}}: the {@code @Traced} {@code EvaluationService.answer} puts an evaluation record
   * into the {@code genai} queue ({@code scouter-queue-cdi}, published every 200 ms); the Scouter server receives it as
   * a {@code GenAIEval} record with the span's trace id, and the span has the {@code scouter.queue.event}.
   */
  @Test
  void queueRecordReachesTheScouterServerWithTheTraceId() throws Exception {
    HttpResponse<String> r = get("api/queue/ready");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode reply = JSON.readTree(r.body());
    String traceId = reply.get("traceId").asText();
    String uid = reply.get("recordUid").asText();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<JsonNode> found = List.of();
    while (found.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      found = dev.records().stream().filter(rec -> rec.has("GenAIEval"))
          .map(rec -> rec.get("GenAIEval").get("record")).filter(rec -> uid.equals(rec.path("uid").asText()))
          .toList();
    }
    assertThat(found).as("GenAIEval records with uid " + uid + " in " + dev.records()).hasSize(1);
    assertThat(found.get(0).get("trace_id").asText()).isEqualTo(traceId);
    assertThat(found.get(0).at("/context/input").asText()).isEqualTo("ready");
    List<TraceSpanRecord> spans = awaitTrace(traceId, 2);
    TraceSpanRecord answer = one(spans, "EvaluationService.answer");
    assertThat(answer.event("scouter.queue.event").attributes()).containsEntry("scouter.queue.record", uid);
    assertThat(dev.rejections()).as("messages the Scouter server rejected").isEmpty();
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

  /** The OpenTelemetry version this build bundles in the sample WAR (the root POM's {@code opentelemetry.version}). */
  protected static final String BUNDLED_OPENTELEMETRY = "1.62.0";

  /**
   * The OpenTelemetry API, context, SDK and autoconfigure SPI the application resolves are its own
   * ({@code WEB-INF/lib}, {@link #BUNDLED_OPENTELEMETRY}), whatever else the runtime has.
   */
  protected static void assertTheApplicationsOwnApiAndSdk(JsonNode diag) {
    for (String c : List.of("io.opentelemetry.api.OpenTelemetry", "io.opentelemetry.context.Context",
        "io.opentelemetry.sdk.trace.SdkTracerProvider",
        "io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider")) {
      assertThat(diag.at("/classes/" + c + "/fromApplication").asBoolean()).as(c + " " + diag).isTrue();
    }
    assertThat(diag.get("apiVersion").asText()).isEqualTo(BUNDLED_OPENTELEMETRY);
  }

  /**
   * The application sees only its own OpenTelemetry: its API and SDK, none of the runtime's classes (the autoconfigure
   * SDK, {@code @WithSpan}), no {@code OpenTelemetry} bean, and one copy of each class file.
   */
  protected static void assertOnlyTheApplicationsOpenTelemetry(JsonNode diag) {
    assertTheApplicationsOwnApiAndSdk(diag);
    assertThat(diag.get("sdkVersion").asText()).isEqualTo(BUNDLED_OPENTELEMETRY);
    assertThat(diag.at("/classes/io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk/visible")
        .asBoolean()).isFalse();
    assertThat(diag.at("/classes/io.opentelemetry.instrumentation.annotations.WithSpan/visible").asBoolean())
        .isFalse();
    assertThat(diag.get("openTelemetryBeans")).as("OpenTelemetry beans the application sees").isEmpty();
    assertOnlyTheApplicationsCopy(diag);
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
