package io.scouter.demo.otel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.otlp.OtlpReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code quarkus-opentelemetry} and Scouter in one app: our {@code @Traced} span and Quarkus's own HTTP SERVER and REST
 * Client CLIENT spans form one trace, with no duplicate SERVER/CLIENT span from our filters, and both export paths
 * (Scouter through our span processor, OTLP through Quarkus's own exporter to a real receiver) get the whole trace.
 */
@QuarkusTest
@QuarkusTestResource(value = Backends.class, restrictToAnnotatedClass = true)
class OtelCoexistenceTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void oneTraceAcrossQuarkusSpansAndOurs_exportedToScouterAndToOtlp() {
    assertThat(ScouterTracing.config().openTelemetry()).as("runtime SDK mode chosen automatically").isNotNull();
    String body = given().queryParam("x", 2.5).when().get("/coexist/predict").then().statusCode(200)
        .extract().asString();
    assertThat(body).isEqualTo("7.0");

    TraceSpanRecord score = awaitNamed("score");
    List<TraceSpanRecord> trace = awaitTrace(score.traceId(), 4);
    assertThat(trace).hasSize(4);
    TraceSpanRecord predict = only(trace, "GET /coexist/predict");
    TraceSpanRecord client = trace.stream().filter(s -> s.spanKind().equals("CLIENT")).findFirst().orElseThrow();
    TraceSpanRecord echo = only(trace.stream().filter(s -> s.spanKind().equals("SERVER")).toList(),
        "GET /coexist/echo");
    assertThat(predict.spanKind()).isEqualTo("SERVER");
    assertThat(predict.parentSpanId()).isNull();
    assertThat(score.parentSpanId()).isEqualTo(predict.spanId());
    assertThat(client.parentSpanId()).isEqualTo(score.spanId());
    assertThat(echo.spanKind()).isEqualTo("SERVER");
    assertThat(echo.parentSpanId()).isEqualTo(client.spanId());
    assertThat(String.valueOf(score.input())).contains("\"x\":2.5").contains("\"model\":\"m1\"");
    assertThat(String.valueOf(score.output())).isEqualTo("7.0");
    // tags as the Scouter server stores them: tag rows (setTag) and baggage rows (tags at start)
    assertThat(Backends.scouter.tags()).anySatisfy(t -> {
      assertThat(t.entityId()).contains(score.traceId());
      assertThat(t.key()).isEqualTo("model");
      assertThat(t.value()).isEqualTo("m1");
    });
    assertThat(Backends.scouter.baggage()).anySatisfy(b -> {
      assertThat(b.traceId()).isEqualTo(score.traceId());
      assertThat(b.key()).isEqualTo("scouter.tracing.tag.stage");
      assertThat(b.value()).isEqualTo("scoring");
    });
    assertThat(score.serviceName()).isEqualTo("otel-coexistence");

    // the same trace through Quarkus's own OTLP exporter, to the real receiver
    List<OtlpReceiver.Span> otlp = Backends.otlp.awaitSpans(4, s -> s.traceId().equals(score.traceId()), WAIT);
    assertThat(otlp.stream().map(OtlpReceiver.Span::spanId).collect(Collectors.toSet()))
        .isEqualTo(trace.stream().map(TraceSpanRecord::spanId).collect(Collectors.toSet()));

    ExporterStats stats = ScouterTracing.stats().get("scouter");
    assertThat(stats.exported()).isGreaterThanOrEqualTo(4);
    assertThat(stats.dropped() + stats.failed()).isZero();
  }

  @Test
  void legacyHeadersOnly_joinTheCallersTrace_throughTheScouterPropagator() {
    String traceId = "5b8efff798038103d269b633813fc60c";
    String parent = "eee19b7ec3c1b174";
    given().header("trace_id", traceId).header("span_id", parent).header("is_sampled", "true")
        .queryParam("text", "hi").when().get("/coexist/echo").then().statusCode(200);
    List<TraceSpanRecord> trace = awaitTrace(traceId, 1);
    assertThat(trace).hasSize(1);
    assertThat(trace.get(0).spanName()).isEqualTo("GET /coexist/echo");
    assertThat(trace.get(0).parentSpanId()).isEqualTo(parent);
  }

  @Test
  void malformedLegacyHeaders_startANewTrace() {
    String body = given().header("trace_id", "not-hex\u00e9").header("span_id", "zz").header("is_sampled", "true")
        .queryParam("text", "bad").when().get("/coexist/echo").then().statusCode(200).extract().asString();
    assertThat(body).isEqualTo("bad");
  }

  private static TraceSpanRecord awaitNamed(String name) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (TraceSpanRecord s : Backends.scouter.spans()) {
        if (s.spanName().equals(name)) {
          return s;
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no span " + name + " at the dev server within " + WAIT + ": " + Backends.scouter.spans());
  }

  private static List<TraceSpanRecord> awaitTrace(String traceId, int count) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<TraceSpanRecord> spans = Backends.scouter.spans(traceId);
    while (spans.size() < count && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      spans = Backends.scouter.spans(traceId);
    }
    // a little longer, so a duplicate would show up
    try {
      Thread.sleep(600);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Backends.scouter.spans(traceId);
  }

  private static TraceSpanRecord only(List<TraceSpanRecord> spans, String name) {
    List<TraceSpanRecord> named = spans.stream().filter(s -> s.spanName().equals(name)).toList();
    assertThat(named).as("spans named %s in %s", name, spans).hasSize(1);
    return named.get(0);
  }

  static Set<String> names(List<TraceSpanRecord> spans) {
    return spans.stream().map(TraceSpanRecord::spanName).collect(Collectors.toSet());
  }
}
