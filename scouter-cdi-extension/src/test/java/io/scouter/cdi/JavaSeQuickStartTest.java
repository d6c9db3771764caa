package io.scouter.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.devserver.ScouterDevServer;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.SpanKind;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.TracerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "Without CDI" snippet, pointed at a server only by {@code -Dscouter.http.uri} (no CDI container, no
 * MicroProfile Config involved): the span reaches the dev server over HTTP.
 */
class JavaSeQuickStartTest {
  @AfterEach
  void reset() {
    System.clearProperty("scouter.http.uri");
    ScouterTracing.shutdown();
  }

  @Test
  void theSnippetSendsItsSpanToTheServerNamedByTheSystemProperty() {
    try (ScouterDevServer server = ScouterDevServer.start()) {
      System.setProperty("scouter.http.uri", server.httpUri().toString()); // java -Dscouter.http.uri=... -jar app.jar
      Map<String, String> incomingHeaders = Map.of();
      String request = "hello";
      Map<String, Map<String, String>> seen = new java.util.HashMap<>();

      // the README's snippet (Reply = String, service.handle = upper-casing that records the headers it would send)
      ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("chat-svc").build());
      String reply = tracer.spanBuilder("handle").kind(SpanKind.SERVER).label("api").tag("env", "prod")
          .headers(incomingHeaders).call(span -> {
            span.setInput(request);
            Map<String, String> outgoing = ScouterTracing.tracingHeadersFromCurrentSpan();
            seen.put("outgoing", outgoing);
            String r = request.toUpperCase(java.util.Locale.ROOT);
            span.setOutput(r);
            return r;
          });
      ScouterTracing.shutdown();

      assertThat(reply).isEqualTo("HELLO");
      assertThat(seen.get("outgoing")).containsKeys("trace_id", "span_id", "traceparent");
      List<TraceSpanRecord> spans = server.awaitSpans(1, Duration.ofSeconds(10));
      assertThat(spans).extracting(TraceSpanRecord::spanName).containsExactly("handle");
      assertThat(spans.get(0).serviceName()).isEqualTo("chat-svc");
      assertThat(spans.get(0).input().asText()).isEqualTo("hello");
      assertThat(spans.get(0).output().asText()).isEqualTo("HELLO");
      assertThat(server.rejections()).isEmpty();
    }
  }
}
