package io.scouter.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.tracing.TraceSpanRecord;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the sample WAR must do on a runtime in <b>runtime SDK mode</b> (the WAR made by {@link RuntimeSdkWar}): the
 * runtime's MicroProfile Telemetry SDK creates the HTTP SERVER and CLIENT spans and propagates, {@code @Traced} builds
 * its spans on the runtime's {@code OpenTelemetry}, and the runtime's SDK exports everything through our
 * {@code scouter} exporter. Checked in the Scouter dev server, as {@link SampleAppContract} does for our own SDK.
 *
 * <p>Names: {@link #serviceName()} is {@code scouter.service-name} (in this mode the name of the tracer of the
 * {@code @Traced} spans, i.e. their instrumentation scope); {@link #otelServiceName()} is the runtime's
 * {@code otel.service.name}, the service every span is reported under.
 */
public abstract class RuntimeSdkContract extends RuntimeIT {
  /** The log line that says which SDK was chosen. */
  private static final Pattern STARTED =
      Pattern.compile("Scouter tracing started: service=(\\S+), sdk=([^;]+?)(?:, log-correlation=[^;]*)?;");

  /** {@code otel.service.name} given to the runtime. */
  protected abstract String otelServiceName();

  /** The OpenTelemetry version the runtime ships (the only copy the application may see). */
  protected abstract String openTelemetryVersion();

  /** A part of the location of the runtime's OpenTelemetry classes (its jar). */
  protected abstract String runtimeCopy();

  /** A part of the URL of the runtime's copy of a class file, as its class loader's {@code getResources} gives it. */
  protected String runtimeCopyResource() {
    return runtimeCopy();
  }

  /** The attribute in which the runtime's HTTP spans carry the response status. */
  protected abstract String statusCodeAttribute();

  /** The attribute in which the runtime's CLIENT spans carry the URL. */
  protected abstract String clientUrlAttribute();

  /** The runtime's OpenTelemetry jar, read for {@link #scouterClassesLinkAgainstTheRuntimesOpenTelemetry}. */
  protected abstract OpenTelemetryLinkage runtimeOpenTelemetry() throws Exception;

  /** The WAR deployed by {@link #start}. */
  protected abstract java.nio.file.Path war();

  /**
   * References the linkage check leaves out: the OTLP exporters ({@code scouter.exporter=otlp-*}, our own SDK only; not
   * available in runtime SDK mode), and {@code CompletableResultCode.failExceptionally} (1.41+), which
   * {@code OtlpJsonHttpExporter} calls only where it exists.
   */
  static final java.util.function.Predicate<OpenTelemetryLinkage.Ref> OWN_SDK_ONLY =
      r -> r.from().startsWith("io/scouter/tracing/GrpcSpanExporter")
          || r.from().startsWith("io/scouter/tracing/HttpSpanExporter")
          || r.from().equals("io/scouter/tracing/internal/export/OtlpJsonHttpExporter")
              && r.name().equals("failExceptionally");

  /** The log our java.util.logging lines go to on this runtime. */
  protected abstract String applicationLog() throws Exception;

  @Test
  void oneTraceOfTheRuntimesHttpSpansAndTheTracedSpans() throws Exception {
    checkFlow("42", "apple,pear", Map.of());
  }

  @Test
  void concurrentRequestsAreSeparateTraces() throws Exception {
    checkConcurrentRequestsAreSeparateTraces();
  }

  @Test
  void throwingMethodIsAnErrorSpanWithOneExceptionEvent() throws Exception {
    Rejection r = checkThrowingMethodIsAnErrorSpan();
    assertThat(r.server().scope()).as("the runtime's SERVER span").isNotEqualTo(serviceName());
    assertThat(r.reject().scope()).as("our @Traced span").isEqualTo(serviceName());
    assertThat(r.reject().input().at("/order/items/0").asText()).isEqualTo("lead");
    assertThat(String.valueOf(r.server().attribute(statusCodeAttribute()))).isEqualTo("409");
    assertThat(r.server().statusCode()).as("a 4xx is not a server error").isNotEqualTo(2);
  }

  /** The {@code scouter} propagator extracts: a caller that sends only Scouter's legacy headers is the parent. */
  @Test
  void legacyHeadersAloneJoinTheCallersTrace() throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String traceId = String.format("%016x%016x", random.nextLong() | 1, random.nextLong());
    String spanId = String.format("%016x", random.nextLong() | 1);
    checkFlow("legacy", "fig", Map.of("trace_id", traceId, "span_id", spanId, "is_sampled", "true"));
  }

  /** The {@code scouter} propagator injects: the runtime's JAX-RS client sends the legacy headers next to W3C. */
  @Test
  void runtimesClientSendsLegacyHeadersToo() throws Exception {
    HttpResponse<String> r = get("api/diag/relay");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode reply = JSON.readTree(r.body());
    String traceId = reply.get("traceId").asText();
    JsonNode seen = reply.get("seen");
    String clientSpan = seen.get("span_id").asText();
    assertThat(seen.get("trace_id").asText()).as(reply.toString()).isEqualTo(traceId);
    assertThat(seen.get("is_sampled").asText()).isEqualTo("true");
    assertThat(seen.get("traceparent").asText()).isEqualTo("00-" + traceId + "-" + clientSpan + "-01");
    List<TraceSpanRecord> spans = awaitTrace(traceId, 3);
    TraceSpanRecord client = spans.stream().filter(s -> s.spanId().equals(clientSpan)).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + clientSpan + " in " + describe(spans)));
    assertThat(client.spanKind()).isEqualTo("CLIENT");
    assertThat(client.parentSpanId()).as("the span current in the resource").isEqualTo(reply.get("spanId").asText());
  }

  /**
   * A message the Scouter server answers with 500 is kept and sent again by our exporter on the runtime's SDK (the
   * retry path once died on OpenTelemetry 1.29/1.39 with a {@code NoSuchMethodError}).
   */
  @Test
  void undeliveredSpansAreRetriedOnTheRuntimesSdk() throws Exception {
    dev.failNext(1, 500);
    checkFlow("retry", "plum", Map.of());
    assertThat(applicationLog()).contains("Scouter exporter 'scouter' could not deliver")
        .doesNotContain("NoSuchMethodError");
  }

  @Test
  void applicationSeesOnlyTheRuntimesOpenTelemetry() throws Exception {
    JsonNode diag = diagnostics();
    for (String c : List.of("io.opentelemetry.api.OpenTelemetry", "io.opentelemetry.context.Context",
        "io.opentelemetry.sdk.trace.SdkTracerProvider",
        "io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider")) {
      assertThat(diag.at("/classes/" + c + "/fromApplication").asBoolean()).as(c + " " + diag).isFalse();
      assertThat(diag.at("/classes/" + c + "/source").asText()).as(c).contains(runtimeCopy());
    }
    diag.get("copies").fields().forEachRemaining(e -> assertThat(e.getValue())
        .as("copies of " + e.getKey() + " reachable from the application").hasSize(1)
        .allSatisfy(url -> assertThat(url.asText()).contains(runtimeCopyResource()).doesNotContain("WEB-INF")));
    assertThat(diag.get("apiVersion").asText()).isEqualTo(openTelemetryVersion());
    assertThat(diag.get("sdkVersion").asText()).isEqualTo(openTelemetryVersion());
    assertThat(diag.get("openTelemetryBeans")).hasSize(1);
    assertThat(diag.at("/openTelemetryBeans/0/typeVisibleToApplication").asBoolean())
        .as("the runtime's OpenTelemetry bean is injectable as the application's type").isTrue();
    assertThat(diag.get("otelSdkDisabled").asText()).isEqualTo("false");
  }

  /**
   * Every OpenTelemetry class, method and field the Scouter jars reference exists in the runtime's copy (and, where
   * the runtime hides packages, in one it shows applications): in this mode they run on it, not on the 1.62 they were
   * compiled against. Read from the class files, not run: also covers paths the other tests do not take.
   */
  @Test
  void scouterClassesLinkAgainstTheRuntimesOpenTelemetry() throws Exception {
    OpenTelemetryLinkage runtime = runtimeOpenTelemetry();
    assertThat(runtime.size()).as("OpenTelemetry classes in the runtime's jar").isGreaterThan(500);
    Map<String, byte[]> scouter = OpenTelemetryLinkage.scouterClasses(war());
    assertThat(OpenTelemetryLinkage.references(scouter)).as("references to check").hasSizeGreaterThan(500);
    assertThat(runtime.missing(scouter, OWN_SDK_ONLY)).isEmpty();
  }

  @Test
  void logSaysRuntimeSdkOnceAndHasNoErrors() throws Exception {
    checkFlow("log-check", "melon", Map.of());
    String log = applicationLog();
    Matcher m = STARTED.matcher(log);
    List<String> started = new ArrayList<>();
    while (m.find()) {
      started.add(m.group(0));
      assertThat(m.group(1)).isEqualTo(serviceName());
      assertThat(m.group(2)).isEqualTo("runtime (auto: the runtime's OpenTelemetry bean)");
    }
    assertThat(started).as("startup lines").hasSize(1);
    assertThat(log)
        .contains("spans are sampled and exported by the runtime (its 'scouter' exporter sends them to Scouter)")
        .contains("Scouter exporter for the runtime's OpenTelemetry: transport=http")
        .doesNotContain("whose exporters do not include 'scouter'");
    assertThat(dev.rejections()).as("messages the Scouter server rejected").isEmpty();
    assertThat(logProblems()).as("problems in the server log").isEmpty();
  }

  // ---------------------------------------------------------------------------------------------------------------

  /**
   * One request (with {@code headers}) through the whole flow and every check on its trace: the runtime's SERVER and
   * CLIENT spans and our {@code @Traced} spans, each once, one trace; with a legacy caller's headers, the caller's
   * trace and span are the root's.
   */
  protected void checkFlow(String orderId, String items, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(started.app().resolve("api/orders/" + orderId + "?items=" + items))
        .timeout(Duration.ofSeconds(60)).GET();
    headers.forEach(b::header);
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode reply = JSON.readTree(r.body());
    String traceId = reply.get("traceId").asText();
    assertThat(traceId).hasSize(32);
    if (headers.containsKey("trace_id")) {
      assertThat(traceId).as("the legacy caller's trace").isEqualTo(headers.get("trace_id"));
    }
    List<String> itemList = List.of(items.split(","));
    long total = itemList.stream().mapToLong(String::length).sum() * 200;
    assertThat(reply.get("total").asLong()).isEqualTo(total);
    assertThat(reply.get("asyncTotal").asLong()).isEqualTo(total * 2);

    List<TraceSpanRecord> spans = awaitTrace(traceId, 6);
    assertThat(spans).extracting(TraceSpanRecord::spanName).as(describe(spans).toString()).containsExactlyInAnyOrder(
        "GET /sample/api/orders/{id}", "PricingService.quote", "quote_async", "GET", "GET /sample/api/stock/{item}",
        "StockService.available");
    assertThat(spans).allSatisfy(s -> {
      assertThat(s.traceId()).isEqualTo(traceId);
      assertThat(s.serviceName()).as("the runtime's otel.service.name").isEqualTo(otelServiceName());
    });

    TraceSpanRecord root = one(spans, "GET /sample/api/orders/{id}");
    assertThat(root.spanKind()).isEqualTo("SERVER");
    assertThat(root.scope()).as("made by the runtime, not by Scouter's filter").isNotEqualTo(serviceName());
    assertThat(root.parentSpanId()).as("the caller's span, if any").isEqualTo(headers.get("span_id"));
    assertThat(root.spanId()).as("the span CurrentSpan saw in the resource").isEqualTo(reply.get("spanId").asText());
    assertThat(root.attribute("http.route")).isEqualTo("/sample/api/orders/{id}");
    assertThat(String.valueOf(root.attribute(statusCodeAttribute()))).isEqualTo("200");

    TraceSpanRecord quote = one(spans, "PricingService.quote");
    assertThat(quote.spanKind()).isEqualTo("INTERNAL");
    assertThat(quote.scope()).as("our @Traced span: tracer named scouter.service-name").isEqualTo(serviceName());
    assertThat(quote.parentSpanId()).isEqualTo(root.spanId());
    assertThat(SampleAppContract.label(quote)).isEqualTo("pricing");
    assertThat(quote.input().at("/order/id").asText()).isEqualTo(orderId);
    assertThat(quote.input().at("/order/items").toString())
        .isEqualTo(itemList.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(",", "[", "]")));
    assertThat(quote.input().get("token").asText()).as("redacted by name").isEqualTo("[redacted]");
    assertThat(quote.output().toString())
        .isEqualTo("{\"currency\":\"EUR\",\"orderId\":\"" + orderId + "\",\"total\":" + total + "}");

    TraceSpanRecord async = one(spans, "quote_async");
    assertThat(async.parentSpanId()).isEqualTo(root.spanId());
    assertThat(async.output().get("total").asLong()).isEqualTo(total * 2);
    assertThat(async.durationMs()).as("ends when the stage completes (150 ms later)").isGreaterThanOrEqualTo(140);

    TraceSpanRecord client = one(spans, "GET");
    assertThat(client.spanKind()).isEqualTo("CLIENT");
    assertThat(client.scope()).as("made by the runtime, not by Scouter's client filter").isNotEqualTo(serviceName());
    assertThat(client.parentSpanId()).isEqualTo(root.spanId());
    assertThat(String.valueOf(client.attribute(clientUrlAttribute()))).endsWith("/api/stock/" + itemList.get(0));
    assertThat(String.valueOf(client.attribute(statusCodeAttribute()))).isEqualTo("200");

    TraceSpanRecord stockServer = one(spans, "GET /sample/api/stock/{item}");
    assertThat(stockServer.spanKind()).isEqualTo("SERVER");
    assertThat(stockServer.parentSpanId()).as("the SERVER span of the hop is the CLIENT span's child")
        .isEqualTo(client.spanId());

    TraceSpanRecord available = one(spans, "StockService.available");
    assertThat(available.parentSpanId()).isEqualTo(stockServer.spanId());
    assertThat(SampleAppContract.label(available)).isEqualTo("stock");
    assertThat(available.input().toString()).isEqualTo("{\"item\":\"" + itemList.get(0) + "\"}");
    assertThat(available.output().asInt()).isEqualTo(itemList.get(0).length() + 3);

    for (TraceSpanRecord s : spans) {
      assertThat(s.startTime()).isAfterOrEqualTo(root.startTime());
      assertThat(s.endTime()).isBeforeOrEqualTo(root.endTime());
    }
  }
}
