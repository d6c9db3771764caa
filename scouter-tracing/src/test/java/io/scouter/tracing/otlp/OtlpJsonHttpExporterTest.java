package io.scouter.tracing.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.scouter.tracing.internal.export.OtlpJsonHttpExporter;
import io.scouter.tracing.internal.wire.ScouterWireEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OtlpJsonHttpExporter} against a JDK HTTP server, for what the mock receiver cannot check: OTLP/HTTP gzip
 * (which crashes mockotlpserver), status codes, timeouts and the non-blocking contract.
 */
class OtlpJsonHttpExporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private HttpServer server;
  private final List<Headers> headers = new CopyOnWriteArrayList<>();
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private SdkTracerProvider provider;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/traces", exchange -> {
      headers.add(exchange.getRequestHeaders());
      bodies.add(exchange.getRequestBody().readAllBytes());
      byte[] reply = "{\"partialSuccess\":{}}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status.get(), reply.length);
      exchange.getResponseBody().write(reply);
      exchange.close();
    });
    server.start();
    provider = SdkTracerProvider.builder().build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    provider.close();
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
  }

  private List<SpanData> spans() {
    Tracer tracer = provider.get("json-test");
    Span parent = tracer.spanBuilder("parent").setAttribute("k", "v").startSpan();
    Span child = tracer.spanBuilder("child").setParent(io.opentelemetry.context.Context.root().with(parent))
        .startSpan();
    child.end();
    parent.end();
    List<SpanData> out = new ArrayList<>();
    out.add(((ReadableSpan) parent).toSpanData());
    out.add(((ReadableSpan) child).toSpanData());
    return out;
  }

  @Test
  void postsTheOtlpJsonRequestWithHeadersAndGzip() throws Exception {
    OtlpJsonHttpExporter exporter = new OtlpJsonHttpExporter(endpoint(), Map.of("Authorization", "Bearer s3cret"),
        true, Duration.ofSeconds(5));
    List<SpanData> spans = spans();
    CompletableResultCode result = exporter.export(spans).join(10, TimeUnit.SECONDS);
    assertThat(result.isSuccess()).isTrue();

    Headers h = headers.get(0);
    assertThat(h.getFirst("Content-Type")).isEqualTo("application/json");
    assertThat(h.getFirst("Content-Encoding")).isEqualTo("gzip");
    assertThat(h.getFirst("Authorization")).isEqualTo("Bearer s3cret");
    byte[] body;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bodies.get(0)))) {
      body = in.readAllBytes();
    }
    assertThat(body).isEqualTo(ScouterWireEncoder.encodeRequest(spans));
    JsonNode span = JSON.readTree(body).path("resourceSpans").path(0).path("scopeSpans").path(0).path("spans");
    assertThat(span.path(1).path("traceId").asText()).isEqualTo(spans.get(1).getTraceId());
    assertThat(span.path(1).path("parentSpanId").asText()).isEqualTo(spans.get(0).getSpanId());
    assertThat(span.path(0).path("kind").isInt()).as("enums are integers").isTrue();
    assertThat(exporter.toString()).doesNotContain("s3cret");
    assertThat(exporter.shutdown().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
  }

  @Test
  void uncompressedByDefault() throws Exception {
    OtlpJsonHttpExporter exporter = new OtlpJsonHttpExporter(endpoint(), Map.of(), false, Duration.ofSeconds(5));
    assertThat(exporter.export(spans()).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(headers.get(0).getFirst("Content-Encoding")).isNull();
    assertThat(JSON.readTree(bodies.get(0)).path("resourceSpans").isArray()).isTrue();
  }

  @Test
  void non2xxIsAFailure() {
    status.set(400);
    OtlpJsonHttpExporter exporter = new OtlpJsonHttpExporter(endpoint(), Map.of(), false, Duration.ofSeconds(5));
    CompletableResultCode result = exporter.export(spans()).join(10, TimeUnit.SECONDS);
    assertThat(result.isDone()).isTrue();
    assertThat(result.isSuccess()).isFalse();
  }

  @Test
  void unreachableCollectorIsAFailureNotAnException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    OtlpJsonHttpExporter exporter = new OtlpJsonHttpExporter(URI.create("http://127.0.0.1:" + port + "/v1/traces"),
        Map.of(), false, Duration.ofSeconds(2));
    CompletableResultCode result = exporter.export(spans()).join(10, TimeUnit.SECONDS);
    assertThat(result.isDone()).isTrue();
    assertThat(result.isSuccess()).isFalse();
  }

  @Test
  void exportDoesNotBlockAndTimesOut() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(hanging.accept());
          }
        } catch (IOException closed) {
          // test over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      OtlpJsonHttpExporter exporter = new OtlpJsonHttpExporter(
          URI.create("http://127.0.0.1:" + hanging.getLocalPort() + "/v1/traces"), Map.of(), false,
          Duration.ofSeconds(1));
      long start = System.nanoTime();
      CompletableResultCode result = exporter.export(spans());
      long returnedMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(returnedMs).as("export() returns before the response").isLessThan(1_000);
      assertThat(result.isDone()).isFalse();
      assertThat(exporter.flush().isDone()).as("flush waits for the request in flight").isFalse();

      result.join(10, TimeUnit.SECONDS);
      assertThat(result.isDone()).isTrue();
      assertThat(result.isSuccess()).isFalse();
      assertThat(result.getFailureThrowable()).isInstanceOf(HttpTimeoutException.class);
      assertThat(exporter.flush().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();

      exporter.shutdown().join(5, TimeUnit.SECONDS);
      assertThat(exporter.export(spans()).isSuccess()).as("after shutdown").isFalse();
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void invalidConfigurationFailsFastWithoutLeakingHeaderValues() {
    assertThatThrownBy(() -> new OtlpJsonHttpExporter(URI.create("ftp://x/v1/traces"), Map.of(), false,
        Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://x");
    assertThatThrownBy(() -> new OtlpJsonHttpExporter(endpoint(), Map.of("Host", "secret-host"), false,
        Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Host'")
        .hasMessageNotContaining("secret-host");
    assertThatThrownBy(() -> new OtlpJsonHttpExporter(endpoint(), Map.of("X-Token", "a\nb"), false,
        Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'X-Token'")
        .hasMessageNotContaining("a\nb");
  }

  @Test
  void emptyBatchSucceedsWithoutARequest() {
    OtlpJsonHttpExporter exporter = new OtlpJsonHttpExporter(endpoint(), Map.of(), false, Duration.ofSeconds(1));
    assertThat(exporter.export(List.of()).isSuccess()).isTrue();
    assertThat(bodies).isEmpty();
  }
}
