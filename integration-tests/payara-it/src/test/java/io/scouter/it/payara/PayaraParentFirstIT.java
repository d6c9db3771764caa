package io.scouter.it.payara;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.it.support.RuntimeIT;
import io.scouter.it.support.Wars;
import io.scouter.tracing.TraceSpanRecord;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trap the sample's {@code glassfish-web.xml} avoids, pinned so that a Payara release that changes it is noticed:
 * the same WAR with Payara's default parent-first delegation ({@code <class-loader delegate="true"/>}).
 *
 * <p>The application then loads Payara's OpenTelemetry 1.29 API and SDK instead of its own 1.62, and shares one
 * {@code Context} with Payara's MicroProfile Telemetry. Payara's Jersey listener
 * ({@code OpenTelemetryRequestEventListener}) starts a span for every request even while {@code otel.sdk.disabled} is
 * true (an SDK without processors and without propagators: a new trace, never exported) and makes it current after
 * Scouter's container filter did, so the {@code @Traced} spans and the CLIENT span become children of that invisible
 * span, in another trace than Scouter's SERVER span. This is also the starting point of a "runtime SDK mode" on
 * Payara, which needs the application to see Payara's API.
 */
class PayaraParentFirstIT extends RuntimeIT {
  private static final String PARENT_FIRST = """
      <?xml version="1.0" encoding="UTF-8"?>
      <glassfish-web-app><class-loader delegate="true"/></glassfish-web-app>
      """;

  @Override
  protected String serviceName() {
    return "it-payara-parent-first";
  }

  @Override
  protected Started start(Settings settings) throws Exception {
    var war = Wars.withEntries(PayaraMicro.IT_DIR.resolve("sample.war"),
        PayaraMicro.IT_DIR.resolve("sample-parent-first.war"), Map.of("WEB-INF/glassfish-web.xml", PARENT_FIRST));
    return PayaraMicro.start("payara-parent-first", war, settings, Map.of());
  }

  @Test
  void applicationSeesPayarasOpenTelemetry129() throws Exception {
    JsonNode diag = diagnostics();
    for (String c : List.of("io.opentelemetry.api.OpenTelemetry", "io.opentelemetry.context.Context",
        "io.opentelemetry.sdk.trace.SdkTracerProvider",
        "io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider")) {
      assertThat(diag.at("/classes/" + c + "/fromApplication").asBoolean()).as(c + " " + diag).isFalse();
      assertThat(diag.at("/classes/" + c + "/source").asText()).contains("opentelemetry-repackaged");
    }
    assertThat(diag.get("apiVersion").asText()).isEqualTo("1.29.0");
    assertThat(diag.get("sdkVersion").asText()).isEqualTo("1.29.0");
    assertThat(diag.at("/openTelemetryBeans/0/beanClass").asText())
        .isEqualTo("fish.payara.microprofile.telemetry.tracing.OpenTelemetryTracerProducer");
    assertThat(diag.get("otelSdkDisabled").isNull()).as("MicroProfile Telemetry left at its default").isTrue();
  }

  @Test
  void payarasRequestSpanHijacksTheParentOfTracedSpans() throws Exception {
    HttpResponse<String> r = get("api/orders/pf?items=fig");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode reply = JSON.readTree(r.body());
    String currentTrace = reply.get("traceId").asText();
    String currentSpan = reply.get("spanId").asText();
    // what CurrentSpan saw in the resource: Payara's span, whose trace has only the @Traced and CLIENT children
    List<TraceSpanRecord> hijacked = awaitTrace(currentTrace, 4);
    assertThat(hijacked).extracting(TraceSpanRecord::spanName).contains("PricingService.quote", "quote_async", "GET")
        .doesNotContain("GET /sample/api/orders/{id}");
    assertThat(hijacked).filteredOn(s -> s.spanName().equals("PricingService.quote"))
        .allSatisfy(s -> assertThat(s.parentSpanId()).isEqualTo(currentSpan));
    assertThat(hijacked).noneSatisfy(s -> assertThat(s.spanId()).isEqualTo(currentSpan));
    // Scouter's SERVER span was exported, but in a trace of its own
    assertThat(dev.spans()).filteredOn(s -> s.spanName().equals("GET /sample/api/orders/{id}"))
        .isNotEmpty().allSatisfy(s -> assertThat(s.traceId()).isNotEqualTo(currentTrace));
  }
}
