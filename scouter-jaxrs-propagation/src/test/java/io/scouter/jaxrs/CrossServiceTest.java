package io.scouter.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.tracing.TraceSpanRecord;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Service A calls service B over real HTTP; one trace with the right parents. */
class CrossServiceTest {
  @BeforeAll
  static void start() throws Exception {
    TestServer.start();
  }

  static String newTraceId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void jaxrsClient_oneTrace_serverClientServerTracedChild() throws Exception {
    String trace = newTraceId();
    String caller = "00f067aa0ba902b7";
    HttpResponse<String> r = TestServer.get("a/orders/42", "traceparent", "00-" + trace + "-" + caller + "-01");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("A(order-42)");
    List<TraceSpanRecord> spans = TestServer.trace(trace, 4);
    assertThat(spans).hasSize(4);
    TraceSpanRecord aServer = one(spans, "GET /a/orders/{id}");
    TraceSpanRecord aClient = one(spans, "GET");
    TraceSpanRecord bServer = one(spans, "GET /b/orders/{id}");
    TraceSpanRecord child = one(spans, "inventory.lookup");
    assertThat(aServer.spanKind()).isEqualTo("SERVER");
    assertThat(aServer.parentSpanId()).isEqualTo(caller);
    assertThat(aClient.spanKind()).isEqualTo("CLIENT");
    assertThat(aClient.parentSpanId()).isEqualTo(aServer.spanId());
    assertThat(bServer.parentSpanId()).isEqualTo(aClient.spanId());
    assertThat(child.parentSpanId()).isEqualTo(bServer.spanId());
    assertThat(child.spanKind()).isEqualTo("INTERNAL");

    assertThat(aServer.attributes()).containsEntry("http.route", "/a/orders/{id}")
        .containsEntry("url.path", "/a/orders/42").containsEntry("http.request.method", "GET")
        .containsEntry("http.response.status_code", 200L).containsEntry("server.address", "127.0.0.1");
    assertThat(aServer.attribute("user_agent.original")).asString().contains("Java-http-client");
    assertThat(aClient.attributes()).containsEntry("http.request.method", "GET")
        .containsEntry("server.address", "127.0.0.1").containsEntry("http.response.status_code", 200L);
    assertThat((String) aClient.attribute("url.full")).endsWith("/b/orders/42?token=REDACTED")
        .doesNotContain("s3cret");
    assertThat(aServer.statusCode()).isZero();
  }

  /** A calls B through the given A endpoint; asserts the 4-span chain under the caller's span. */
  static List<TraceSpanRecord> chain(String aPath, String aRoute, String id) throws Exception {
    String trace = newTraceId();
    String caller = "1111111111111111";
    HttpResponse<String> r = TestServer.get(aPath, "traceparent", "00-" + trace + "-" + caller + "-01");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("A(order-" + id + ")");
    List<TraceSpanRecord> spans = TestServer.trace(trace, 4);
    TraceSpanRecord aServer = one(spans, "GET " + aRoute);
    TraceSpanRecord aClient = one(spans, "GET");
    TraceSpanRecord bServer = one(spans, "GET /b/orders/{id}");
    TraceSpanRecord child = one(spans, "inventory.lookup");
    assertThat(aServer.parentSpanId()).isEqualTo(caller);
    assertThat(aClient.parentSpanId()).as("CLIENT parent").isEqualTo(aServer.spanId());
    assertThat(bServer.parentSpanId()).as("B SERVER parent").isEqualTo(aClient.spanId());
    assertThat(child.parentSpanId()).isEqualTo(bServer.spanId());
    assertThat(aClient.attributes()).containsEntry("http.response.status_code", 200L);
    // the client span ends before A's server span
    assertThat(aClient.endTime()).isBeforeOrEqualTo(aServer.endTime());
    return spans;
  }

  @Test
  void microProfileRestClient_sync() throws Exception {
    chain("a/mp/orders/7", "/a/mp/orders/{id}", "7");
  }

  @Test
  void microProfileRestClient_completionStage_contextCarriedToTheAsyncThread() throws Exception {
    chain("a/mp-async/orders/8", "/a/mp-async/orders/{id}", "8");
  }

  @Test
  void asyncInvoker_future() throws Exception {
    chain("a/async/orders/9", "/a/async/orders/{id}", "9");
  }

  @Test
  void asyncInvoker_invocationCallback() throws Exception {
    chain("a/callback/orders/10", "/a/callback/orders/{id}", "10");
  }

  @Test
  void rxInvoker_fromAnAsyncResource() throws Exception {
    chain("a/rx/orders/11", "/a/rx/orders/{id}", "11");
  }

  @Test
  void clientSendsBothHeaderFamilies_matchingTheClientSpan() throws Exception {
    String trace = newTraceId();
    HttpResponse<String> r = TestServer.get("a/received", "traceparent", "00-" + trace + "-2222222222222222-01",
        "tracestate", "vendor=value");
    assertThat(r.statusCode()).isEqualTo(200);
    List<TraceSpanRecord> spans = TestServer.trace(trace, 3);
    TraceSpanRecord aClient = one(spans, "GET");
    assertThat(r.body()).isEqualTo("is_sampled=true\n"
        + "span_id=" + aClient.spanId() + "\n"
        + "trace_id=" + trace + "\n"
        + "traceparent=00-" + trace + "-" + aClient.spanId() + "-01\n"
        + "tracestate=vendor=value\n");
  }

  @Test
  void threeConcurrentRequests_threeSeparateTraces() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id = "c" + i + "x" + System.nanoTime();
        calls.add(pool.submit(() -> TestServer.get("a/orders/" + id)));
      }
      Set<String> traces = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> r = calls.get(i).get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        String path = r.uri().getPath();
        TraceSpanRecord aServer = TestServer.server(path);
        assertThat(aServer.parentSpanId()).as("root").isNull();
        List<TraceSpanRecord> spans = TestServer.trace(aServer.traceId(), 4);
        assertThat(spans).hasSize(4);
        TraceSpanRecord aClient = one(spans, "GET");
        TraceSpanRecord bServer = one(spans, "GET /b/orders/{id}");
        assertThat(aClient.parentSpanId()).isEqualTo(aServer.spanId());
        assertThat(bServer.parentSpanId()).isEqualTo(aClient.spanId());
        assertThat(one(spans, "inventory.lookup").parentSpanId()).isEqualTo(bServer.spanId());
        assertThat(bServer.attribute("url.path")).isEqualTo(path.replace("/a/", "/b/"));
        traces.add(aServer.traceId());
      }
      assertThat(traces).hasSize(3);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The CLIENT span of a refused call made from the A endpoint {@code path}. */
  static TraceSpanRecord refusedClientSpan(String path) throws Exception {
    String trace = newTraceId();
    HttpResponse<String> r = TestServer.get(path, "traceparent", "00-" + trace + "-3333333333333333-01");
    assertThat(r.statusCode()).isEqualTo(502);
    List<TraceSpanRecord> spans = TestServer.trace(trace, 2);
    TraceSpanRecord server = spans.stream().filter(s -> s.spanKind().equals("SERVER")).findFirst().orElseThrow();
    TraceSpanRecord client = one(spans, "GET");
    assertThat(client.spanKind()).isEqualTo("CLIENT");
    assertThat(client.parentSpanId()).isEqualTo(server.spanId());
    assertThat(client.statusCode()).isEqualTo(2);
    assertThat(client.attributes()).doesNotContainKey("http.response.status_code");
    assertThat(server.attributes()).containsEntry("http.response.status_code", 502L);
    assertThat(server.statusCode()).isEqualTo(2);
    return client;
  }

  @Test
  void connectRefused_wrappedClient_clientSpanEndsWithTheException() throws Exception {
    TraceSpanRecord client = refusedClientSpan("a/refused");
    assertThat(client.event("exception")).isNotNull();
    assertThat(client.events().stream().filter(e -> e.name().equals("exception"))).hasSize(1);
    assertThat((String) client.event("exception").attributes().get("exception.type"))
        .contains("ProcessingException");
    assertThat(client.statusMessage()).contains("ProcessingException");
  }

  @Test
  void connectRefused_wrappedAsyncInvoker_clientSpanEndsWithTheException() throws Exception {
    TraceSpanRecord client = refusedClientSpan("a/refused-async");
    assertThat(client.event("exception")).isNotNull();
  }

  @Test
  void connectRefused_filterOnlyClient_clientSpanEndsWhenTheServerRequestEnds() throws Exception {
    TraceSpanRecord client = refusedClientSpan("a/refused-filter-only");
    assertThat(client.statusMessage()).isEqualTo("no response received");
  }

  @Test
  void connectRefused_microProfileRestClient_sync() throws Exception {
    TraceSpanRecord client = refusedClientSpan("a/mp-refused");
    assertThat(client.statusMessage()).isEqualTo("no response received");
  }

  @Test
  void connectRefused_microProfileRestClient_async_endsOnTheInvocationThread() throws Exception {
    TraceSpanRecord client = refusedClientSpan("a/mp-async-refused");
    assertThat(client.statusMessage()).isEqualTo("no response received");
  }

  @Test
  void unsampledCaller_nothingExportedDownstream() throws Exception {
    String trace = newTraceId();
    HttpResponse<String> r = TestServer.get("a/orders/unsampled", "traceparent",
        "00-" + trace + "-4444444444444444-00");
    assertThat(r.statusCode()).isEqualTo(200);
    // a sampled request after it: once its spans are in, the unsampled ones would have been too
    chain("a/orders/after-unsampled", "/a/orders/{id}", "after-unsampled");
    assertThat(TestServer.EXPORTER.spans(s -> s.traceId().equals(trace))).isEmpty();
  }

  static TraceSpanRecord one(List<TraceSpanRecord> spans, String name) {
    List<TraceSpanRecord> found = spans.stream().filter(s -> s.spanName().equals(name)).toList();
    assertThat(found).as("spans named " + name + " in " + spans.stream().map(TraceSpanRecord::spanName).toList())
        .hasSize(1);
    return found.get(0);
  }
}
