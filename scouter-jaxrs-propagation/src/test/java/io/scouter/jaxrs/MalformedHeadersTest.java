package io.scouter.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.tracing.TraceSpanRecord;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unusable propagation headers never fail the request: it gets a 200 and starts a new trace. */
class MalformedHeadersTest {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String SPAN = "00f067aa0ba902b7";
  private static final AtomicInteger SEQ = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    TestServer.start();
  }

  static Stream<Arguments> malformed() {
    String huge = "0".repeat(10 * 1024);
    return Stream.of(
        Arguments.of("bad hex", new String[] {"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e47zz-" + SPAN + "-01"}),
        Arguments.of("short trace id", new String[] {"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e473-" + SPAN
            + "-01"}),
        Arguments.of("long span id", new String[] {"traceparent", "00-" + TRACE + "-" + SPAN + "aa-01"}),
        Arguments.of("uppercase hex", new String[] {"traceparent", "00-" + TRACE.toUpperCase() + "-" + SPAN
            + "-01"}),
        Arguments.of("all-zero trace id", new String[] {"traceparent", "00-" + "0".repeat(32) + "-" + SPAN + "-01"}),
        Arguments.of("version ff", new String[] {"traceparent", "ff-" + TRACE + "-" + SPAN + "-01"}),
        Arguments.of("10 KB traceparent", new String[] {"traceparent", "00-" + TRACE + "-" + SPAN + "-01" + huge}),
        Arguments.of("10 KB legacy trace_id", new String[] {"trace_id", TRACE + huge, "span_id", SPAN,
            "is_sampled", "true"}),
        Arguments.of("repeated traceparent", new String[] {"traceparent", "00-" + TRACE + "-" + SPAN + "-01",
            "traceparent", "00-" + TRACE.replace('4', '5') + "-" + SPAN + "-01"}),
        Arguments.of("repeated legacy trace_id", new String[] {"trace_id", TRACE, "trace_id", TRACE, "span_id", SPAN,
            "is_sampled", "true"}),
        Arguments.of("legacy bad hex", new String[] {"trace_id", "zz" + TRACE.substring(2), "span_id", SPAN}),
        Arguments.of("legacy partial", new String[] {"trace_id", TRACE, "is_sampled", "true"}),
        Arguments.of("legacy wrong length", new String[] {"trace_id", TRACE + "00", "span_id", SPAN}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedHeaders_200AndNewTrace(String why, String[] headers) throws Exception {
    String path = "b/orders/malformed-" + SEQ.incrementAndGet();
    assertThat(TestServer.get(path, headers).statusCode()).isEqualTo(200);
    assertNewTrace("/" + path);
  }

  static void assertNewTrace(String path) {
    TraceSpanRecord s = TestServer.server(path);
    assertThat(s.parentSpanId()).isNull();
    assertThat(s.traceId()).isNotEqualTo(TRACE).isNotEqualTo(TRACE.replace('4', '5'));
    assertThat(s.attributes()).containsEntry("http.response.status_code", 200L);
  }

  @Test
  void controlCharactersInValues_rawSocket_200AndNewTrace() throws Exception {
    String path = "/b/orders/ctl-" + SEQ.incrementAndGet();
    // a tab and a DEL inside the value: legal on the wire for most servers, never a valid parent
    String status = raw(path, "traceparent: 00-" + TRACE + "-\t" + SPAN + "\u007f-01\r\n"
        + "trace_id: " + TRACE + "\u007f\r\nspan_id: " + SPAN + "\r\nis_sampled: true\r\n");
    assertThat(status).startsWith("HTTP/1.1 200");
    assertNewTrace(path);
  }

  @Test
  void crlfInjectionAttempt_neverJoinsTheTrace() throws Exception {
    String path = "/b/orders/crlf-" + SEQ.incrementAndGet();
    // obsolete line folding: the server may reject the request (400) or fold the value; either way no parent
    String status = raw(path, "traceparent: 00-" + TRACE + "-\r\n " + SPAN + "-01\r\n");
    if (status.startsWith("HTTP/1.1 200")) {
      assertNewTrace(path);
    } else {
      assertThat(status).startsWith("HTTP/1.1 400");
    }
  }

  @Test
  void incomingHeaderValues_neverBecomeSpanAttributes() throws Exception {
    String path = "b/orders/headers-" + SEQ.incrementAndGet();
    assertThat(TestServer.get(path, "traceparent", "00-" + TRACE + "-" + SPAN + "-01",
        "tracestate", "vendor=state-Secret-71", "baggage", "user.id=alice-Secret-72,scouter.tracing.tag.env=evil-73",
        "x-api-key", "key-Secret-74", "authorization", "Bearer tok-Secret-75").statusCode()).isEqualTo(200);
    TraceSpanRecord s = TestServer.server("/" + path);
    assertThat(s.traceId()).as("the valid parent is joined").isEqualTo(TRACE);
    assertThat(s.parentSpanId()).isEqualTo(SPAN);
    String everything = s.attributes() + " " + s.events() + " " + s.input() + " " + s.output();
    for (String value : new String[] {"state-Secret-71", "alice-Secret-72", "evil-73", "key-Secret-74",
        "tok-Secret-75"}) {
      assertThat(everything).as("no incoming header value is recorded unless configured").doesNotContain(value);
    }
  }

  /** Sends a GET with raw header lines; returns the status line. */
  static String raw(String path, String headerLines) throws Exception {
    URI base = URI.create(TestServer.base());
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
          + headerLines + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return response.substring(0, response.indexOf("\r\n"));
    }
  }
}
