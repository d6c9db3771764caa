package io.scouter.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.devserver.ScouterDevServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The exporters' health and metrics where the runtime has MicroProfile Health and Metrics (Payara Micro; Open Liberty
 * with {@code mpHealth-4.0} and {@code mpMetrics-5.1}): the {@code scouter} readiness check in {@code /health/ready}
 * with the counters, the same counters in {@code /metrics}, and the check DOWN while the Scouter server is down for
 * longer than the sample's {@code scouter.health.failure-threshold} (1 s), UP again once it is back. For a
 * {@link SampleAppContract} runtime IT: add {@code implements ExporterHealthContract}.
 */
public interface ExporterHealthContract {
  /** {@code scouter_export_spans{...exporter="scouter"...outcome="<outcome>"...} <value>} in the Prometheus text. */
  Pattern SPANS_LINE = Pattern.compile("^scouter_export_spans(?:_total)?\\{([^}]*)\\}\\s+(\\S+)", Pattern.MULTILINE);

  @Test
  default void readinessCheckIsUpWithTheExporterCounters() throws Exception {
    SampleAppContract it = (SampleAppContract) this;
    it.checkFlow("health", "fig");
    JsonNode check = scouterCheck(it, 200);
    assertThat(check.get("status").asText()).isEqualTo("UP");
    JsonNode data = check.get("data");
    assertThat(data.get("scouter.exported").asLong()).as(data.toString()).isGreaterThanOrEqualTo(6);
    for (String counter : new String[] {"dropped", "failed", "sampled-out", "shrunk"}) {
      assertThat(data.get("scouter." + counter).asLong()).as(counter + " in " + data).isZero();
    }
    assertThat(data.has("scouter.queued") && data.has("scouter.retried")).as(data.toString()).isTrue();
    assertThat(data.has("scouter.failing-since") || data.has("reason")).as(data.toString()).isFalse();
  }

  @Test
  default void exporterMetricsShowTheSameCounters() throws Exception {
    SampleAppContract it = (SampleAppContract) this;
    it.checkFlow("metrics", "plum");
    long before = scouterCheck(it, 200).at("/data/scouter.exported").asLong();
    HttpResponse<String> r = RuntimeIT.HTTP.send(HttpRequest.newBuilder(root(it).resolve("/metrics"))
        .header("Accept", "text/plain").timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    long after = scouterCheck(it, 200).at("/data/scouter.exported").asLong();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(spansMetric(r.body(), "exported")).as("exported in /metrics")
        .hasValueSatisfying(v -> assertThat(v).isBetween((double) before, (double) after).isGreaterThanOrEqualTo(6));
    assertThat(spansMetric(r.body(), "dropped")).hasValue(0.0);
    assertThat(spansMetric(r.body(), "failed")).hasValue(0.0);
  }

  @Test
  default void readinessCheckIsDownWhileTheScouterServerIsDown() throws Exception {
    SampleAppContract it = (SampleAppContract) this;
    int port = it.dev.port();
    it.dev.close();
    String traceId;
    try {
      HttpResponse<String> r = it.get("api/orders/outage?items=lime");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      traceId = RuntimeIT.JSON.readTree(r.body()).get("traceId").asText();
      JsonNode down = awaitCheck(it, 503, c -> c.get("status").asText().equals("DOWN"));
      assertThat(down.at("/data/reason").asText()).as(down.toString()).startsWith("scouter has been failing for")
          .contains("scouter.health.failure-threshold=1 s");
      assertThat(down.at("/data/scouter.failing-since").asText()).isNotEmpty();
    } finally {
      it.dev = ScouterDevServer.builder().port(port).build(); // back on the address the application exports to
    }
    JsonNode up = awaitCheck(it, 200, c -> c.get("status").asText().equals("UP"));
    assertThat(up.get("data").has("scouter.failing-since")).as(up.toString()).isFalse();
    assertThat(it.awaitTrace(traceId, 6)).as("the spans held during the outage, delivered").hasSize(6);
  }

  private static URI root(RuntimeIT it) {
    return it.started.app().resolve("/");
  }

  /** The {@code scouter} check of {@code GET /health/ready}, which must answer {@code status}. */
  private static JsonNode scouterCheck(RuntimeIT it, int status) throws Exception {
    HttpResponse<String> r = RuntimeIT.HTTP.send(HttpRequest.newBuilder(root(it).resolve("/health/ready"))
        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    for (JsonNode c : RuntimeIT.JSON.readTree(r.body()).get("checks")) {
      if (c.get("name").asText().equals("scouter")) {
        return c;
      }
    }
    throw new AssertionError("no 'scouter' check in " + r.body());
  }

  private static JsonNode awaitCheck(RuntimeIT it, int status, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        JsonNode c = scouterCheck(it, status);
        if (done.test(c)) {
          return c;
        }
        last = c.toString();
      } catch (AssertionError notYet) {
        last = notYet.getMessage();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the scouter check did not answer " + status + " in time; last: " + last);
  }

  private static Optional<Double> spansMetric(String prometheus, String outcome) {
    Matcher m = SPANS_LINE.matcher(prometheus);
    while (m.find()) {
      if (m.group(1).contains("exporter=\"scouter\"") && m.group(1).contains("outcome=\"" + outcome + "\"")) {
        return Optional.of(Double.parseDouble(m.group(2)));
      }
    }
    throw new AssertionError("no scouter_export_spans{exporter=\"scouter\",outcome=\"" + outcome + "\"} in:\n"
        + prometheus.lines().filter(l -> l.contains("scouter")).toList());
  }
}
