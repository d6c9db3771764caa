package io.scouter.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.scouter.tracing.TraceSpanRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Own SDK on Quarkus (no quarkus-opentelemetry): a task on Quarkus's {@code ManagedExecutor} (SmallRye Context
 * Propagation) continues the request's trace through Scouter's {@code ScouterTracing} thread context provider.
 */
@QuarkusTest
@QuarkusTestResource(value = DevServerResource.class, restrictToAnnotatedClass = true)
class ManagedExecutorTraceTest {

  @Test
  void featurizeOnTheManagedExecutorIsAChildOfTheServerSpan() throws Exception {
    JsonPath reply = given().queryParam("text", "Hello Quarkus threads").when().get("/model/featurize-async")
        .then().statusCode(200).extract().jsonPath();
    String traceId = reply.getString("traceId");
    assertThat(reply.getInt("tokens")).isEqualTo(3);
    assertThat(reply.getString("workerThread")).as("ran on another thread")
        .isNotEqualTo(reply.getString("callerThread"));

    List<TraceSpanRecord> spans = awaitSpans(traceId, 2);
    assertThat(spans).extracting(TraceSpanRecord::spanName)
        .containsExactlyInAnyOrder("GET /model/featurize-async", "ModelPipeline.featurize");
    TraceSpanRecord server = spans.stream().filter(s -> "SERVER".equals(s.spanKind())).findFirst().orElseThrow();
    assertThat(server.spanId()).isEqualTo(reply.getString("spanId"));
    TraceSpanRecord featurize = spans.stream().filter(s -> s.spanName().equals("ModelPipeline.featurize"))
        .findFirst().orElseThrow();
    assertThat(featurize.parentSpanId()).as("the caller's span is the parent").isEqualTo(server.spanId());
    assertThat(featurize.input().at("/request/caller").asText()).isEqualTo("featurize-async");
  }

  private static List<TraceSpanRecord> awaitSpans(String traceId, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    List<TraceSpanRecord> spans = DevServerResource.scouter.spans(traceId);
    while (spans.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(100);
      spans = DevServerResource.scouter.spans(traceId);
    }
    assertThat(spans.size()).as("spans of trace %s; all spans: %s", traceId,
        DevServerResource.scouter.spans().stream().map(s -> s.traceId().substring(0, 8) + " " + s.spanName()
            + " <- " + s.parentSpanId()).toList())
        .isGreaterThanOrEqualTo(count);
    Thread.sleep(300); // a duplicate arriving late would still be seen
    return DevServerResource.scouter.spans(traceId);
  }
}
