package io.scouter.jaxrs;

import static io.scouter.jaxrs.CrossServiceTest.newTraceId;
import static io.scouter.jaxrs.CrossServiceTest.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.jaxrs.app.ContextProbeFilter;
import io.scouter.jaxrs.internal.ServerRequest;
import io.scouter.tracing.TraceSpanRecord;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SERVER span: names, attributes, status, end after async responses, exclusions, parents, body capture. */
class ContainerFilterTest {
  @BeforeAll
  static void start() throws Exception {
    TestServer.start();
  }

  @Test
  void routeTemplates_neverRawValues() throws Exception {
    assertThat(TestServer.get("b/orders/5/lines/2").statusCode()).isEqualTo(200);
    TraceSpanRecord s = TestServer.server("/b/orders/5/lines/2");
    assertThat(s.spanName()).isEqualTo("GET /b/orders/{id}/lines/{line}");
    assertThat(s.attributes()).containsEntry("http.route", "/b/orders/{id}/lines/{line}");

    assertThat(TestServer.get("b/customers/c9/orders/o7").body()).isEqualTo("c9:o7");
    TraceSpanRecord sub = TestServer.server("/b/customers/c9/orders/o7");
    assertThat(sub.spanName()).isEqualTo("GET /b/customers/{cid}/orders/{oid}");
  }

  @Test
  void unmatchedPath_spanNamedAfterTheMethodOnly() throws Exception {
    assertThat(TestServer.get("nowhere/42").statusCode()).isEqualTo(404);
    TraceSpanRecord s = TestServer.server("/nowhere/42");
    assertThat(s.spanName()).isEqualTo("GET");
    assertThat(s.attributes()).doesNotContainKey("http.route").containsEntry("http.response.status_code", 404L);
    assertThat(s.statusCode()).isZero();
  }

  @Test
  void serverError_statusError() throws Exception {
    assertThat(TestServer.get("b/fail").statusCode()).isEqualTo(500);
    TraceSpanRecord s = TestServer.server("/b/fail");
    assertThat(s.statusCode()).isEqualTo(2);
    assertThat(s.attributes()).containsEntry("http.response.status_code", 500L).containsEntry("error.type", "500");
  }

  @Test
  void clientError_statusUnset() throws Exception {
    assertThat(TestServer.get("b/missing").statusCode()).isEqualTo(404);
    TraceSpanRecord s = TestServer.server("/b/missing");
    assertThat(s.statusCode()).isZero();
    assertThat(s.spanName()).isEqualTo("GET /b/missing");
  }

  @Test
  void exceptionMapper_spanStillEnds() throws Exception {
    HttpResponse<String> r = TestServer.get("b/boom/1");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("mapped: boom 1");
    TraceSpanRecord s = TestServer.server("/b/boom/1");
    assertThat(s.spanName()).isEqualTo("GET /b/boom/{id}");
    assertThat(s.statusCode()).isEqualTo(2);
    assertThat(s.attributes()).containsEntry("http.response.status_code", 503L);
  }

  @Test
  void unmappedException_spanStillEnds() throws Exception {
    assertThat(TestServer.get("b/unmapped/2").statusCode()).isEqualTo(500);
    TraceSpanRecord s = TestServer.server("/b/unmapped/2");
    assertThat(s.statusCode()).isEqualTo(2);
  }

  @Test
  void suspendedAsyncResponse_endsAfterTheResponse_workOnTheResumeThreadIsAChild() throws Exception {
    HttpResponse<String> r = TestServer.get("b/suspended/3");
    assertThat(r.body()).isEqualTo("order-3");
    TraceSpanRecord s = TestServer.server("/b/suspended/3");
    assertThat(s.spanName()).isEqualTo("GET /b/suspended/{id}");
    assertThat(Duration.between(s.startTime(), s.endTime())).isGreaterThanOrEqualTo(Duration.ofMillis(45));
    assertThat(s.attributes()).containsEntry("http.response.status_code", 200L);
    TraceSpanRecord child = one(TestServer.trace(s.traceId(), 2), "inventory.lookup");
    assertThat(child.parentSpanId()).isEqualTo(s.spanId());
    assertThat(child.endTime()).isBeforeOrEqualTo(s.endTime());
    assertNoScopeLeft();
  }

  @Test
  void completionStage_endsAfterTheResponse() throws Exception {
    assertThat(TestServer.get("b/stage/4").body()).isEqualTo("stage-4");
    TraceSpanRecord s = TestServer.server("/b/stage/4");
    assertThat(Duration.between(s.startTime(), s.endTime())).isGreaterThanOrEqualTo(Duration.ofMillis(45));
    assertThat(s.output().asText()).isEqualTo("stage-4");
    assertNoScopeLeft();
  }

  @Test
  void afterAsyncRequests_noScopeLeft_nextRequestWithoutHeadersIsARoot() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertThat(TestServer.get("b/suspended/x" + i).statusCode()).isEqualTo(200);
      assertThat(TestServer.get("b/stage/x" + i).statusCode()).isEqualTo(200);
      assertThat(TestServer.get("a/rx/orders/x" + i).statusCode()).isEqualTo(200);
    }
    for (int i = 0; i < 20; i++) {
      assertThat(TestServer.get("b/orders/after-async-" + i).statusCode()).isEqualTo(200);
      assertThat(TestServer.server("/b/orders/after-async-" + i).parentSpanId()).isNull();
    }
    assertNoScopeLeft();
  }

  static void assertNoScopeLeft() throws InterruptedException {
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (ServerRequest.openScopes() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(ServerRequest.openScopes()).as("server scopes still open").isZero();
    assertThat(ContextProbeFilter.DIRTY_STARTS.get()).as("requests that started on a thread with a stale context")
        .isZero();
  }

  @Test
  void excludedPaths_noSpan() throws Exception {
    assertThat(TestServer.get("health").body()).isEqualTo("UP");
    assertThat(TestServer.get("health/live").body()).isEqualTo("LIVE");
    // a traced request after them: once it is exported, the health spans would have been too
    assertThat(TestServer.get("b/orders/after-health").statusCode()).isEqualTo(200);
    TestServer.server("/b/orders/after-health");
    assertThat(TestServer.EXPORTER.spans(s -> String.valueOf(s.attribute("url.path")).startsWith("/health")))
        .isEmpty();
  }

  @Test
  void spanIsCurrentInTheResource_tracingHeadersFromCurrentSpanWorks() throws Exception {
    String trace = newTraceId();
    HttpResponse<String> r = TestServer.get("b/headers", "traceparent", "00-" + trace + "-5555555555555555-01",
        "tracestate", "vendor=value");
    List<TraceSpanRecord> spans = TestServer.trace(trace, 2);
    TraceSpanRecord server = one(spans, "GET /b/headers");
    TraceSpanRecord traced = one(spans, "inventory.headers");
    assertThat(server.parentSpanId()).isEqualTo("5555555555555555");
    assertThat(traced.parentSpanId()).isEqualTo(server.spanId());
    assertThat(r.body()).isEqualTo("is_sampled=true\n" + "span_id=" + traced.spanId() + "\n" + "trace_id=" + trace
        + "\n" + "traceparent=00-" + trace + "-" + traced.spanId() + "-01\n" + "tracestate=vendor=value\n");
  }

  @Test
  void legacyHeadersOnly_caseInsensitive_joinTheTrace() throws Exception {
    String trace = newTraceId();
    assertThat(TestServer.get("b/orders/legacy", "Trace_Id", trace, "SPAN_ID", "6666666666666666", "Is_Sampled",
        "true").statusCode()).isEqualTo(200);
    TraceSpanRecord s = TestServer.server("/b/orders/legacy");
    assertThat(s.traceId()).isEqualTo(trace);
    assertThat(s.parentSpanId()).isEqualTo("6666666666666666");
  }

  @Test
  void legacyWithoutIsSampled_joinsTheTraceAndTheLocalSamplerDecides() throws Exception {
    // the caller did not decide: not "unsampled"; the server's sampler (every new trace here) keeps it
    String trace = newTraceId();
    assertThat(TestServer.get("b/orders/legacy-undecided", "trace_id", trace, "span_id", "6666666666666668")
        .statusCode()).isEqualTo(200);
    TraceSpanRecord s = TestServer.server("/b/orders/legacy-undecided");
    assertThat(s.traceId()).isEqualTo(trace);
    assertThat(s.parentSpanId()).isEqualTo("6666666666666668");
  }

  @Test
  void legacyNotSampled_nothingExported() throws Exception {
    String trace = newTraceId();
    assertThat(TestServer.get("b/orders/legacy-unsampled", "trace_id", trace, "span_id", "6666666666666667",
        "is_sampled", "false").statusCode()).isEqualTo(200);
    assertThat(TestServer.get("b/orders/after-legacy-unsampled").statusCode()).isEqualTo(200);
    TestServer.server("/b/orders/after-legacy-unsampled");
    assertThat(TestServer.EXPORTER.spans(s -> s.traceId().equals(trace))).isEmpty();
  }

  @Test
  void w3cWinsOverLegacy() throws Exception {
    String w3c = newTraceId();
    String legacy = newTraceId();
    assertThat(TestServer.get("b/orders/both", "traceparent", "00-" + w3c + "-7777777777777777-01", "trace_id",
        legacy, "span_id", "8888888888888888", "is_sampled", "true").statusCode()).isEqualTo(200);
    TraceSpanRecord s = TestServer.server("/b/orders/both");
    assertThat(s.traceId()).isEqualTo(w3c);
    assertThat(s.parentSpanId()).isEqualTo("7777777777777777");
  }

  @Test
  void invalidTraceparent_fallsBackToLegacy() throws Exception {
    String legacy = newTraceId();
    assertThat(TestServer.get("b/orders/fallback", "traceparent", "00-bogus", "trace_id", legacy, "span_id",
        "9999999999999999", "is_sampled", "true").statusCode()).isEqualTo(200);
    TraceSpanRecord s = TestServer.server("/b/orders/fallback");
    assertThat(s.traceId()).isEqualTo(legacy);
  }

  @Test
  void bodyCapture_inputAndOutput_truncatedLikeSetInput() throws Exception {
    HttpResponse<String> r = TestServer.post("b/echo", "hello");
    assertThat(r.body()).isEqualTo("HELLO");
    TraceSpanRecord s = await("/b/echo", "\"hello\"");
    assertThat(s.input().asText()).isEqualTo("hello");
    assertThat(s.output().asText()).isEqualTo("HELLO");
    String longBody = "x".repeat(100);
    TestServer.post("b/echo", longBody);
    TraceSpanRecord t = await("/b/echo", null);
    assertThat(t.input().asText()).isEqualTo("x".repeat(64) + "...[truncated]");
  }

  private static TraceSpanRecord await(String path, String input) {
    return TestServer.await(s -> path.equals(s.attribute("url.path")) && s.input() != null
        && (input == null ? s.input().asText().length() > 10 : s.input().toString().equals(input)), 1).get(0);
  }

  @Test
  void serverAttributes() throws Exception {
    TestServer.get("b/orders/attrs", "User-Agent", "scouter-test/1.0");
    TraceSpanRecord s = TestServer.server("/b/orders/attrs");
    assertThat(s.spanKind()).isEqualTo("SERVER");
    assertThat(s.attributes()).containsEntry("user_agent.original", "scouter-test/1.0")
        .containsEntry("server.address", "127.0.0.1").containsEntry("url.scheme", "http")
        .containsEntry("http.request.method", "GET");
    assertThat(s.attribute("server.port")).isInstanceOf(Long.class);
  }
}
