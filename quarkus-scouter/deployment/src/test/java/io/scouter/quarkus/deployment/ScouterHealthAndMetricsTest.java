package io.scouter.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.scouter.tracing.ScouterTracing;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code quarkus-smallrye-health} and {@code quarkus-micrometer} (Prometheus registry) the extension adds the
 * {@code scouter} readiness check and the exporter meters: after three traced calls the check is UP with
 * {@code scouter.exported=3} and {@code /q/metrics} counts the same three spans.
 */
class ScouterHealthAndMetricsTest {
  @RegisterExtension
  static final QuarkusUnitTest TEST = new QuarkusUnitTest()
      .withApplicationRoot(jar -> jar.addClasses(Pipeline.class, Question.class, Answer.class, Answer.Score.class,
          HealthClient.class))
      .overrideConfigKey("quarkus.http.test-port", "0")
      .overrideConfigKey("scouter.service-name", "health-test")
      .overrideConfigKey("scouter.transport", "mock");

  @Inject
  Pipeline pipeline;

  @TestHTTPResource("/q/health/ready")
  URI health;

  @TestHTTPResource("/q/metrics")
  URI metrics;

  @Test
  void theReadinessCheckAndTheMetersCountTheTracedCalls() throws Exception {
    for (int i = 0; i < 3; i++) {
      pipeline.predict(new Question("question " + i));
    }
    assertThat(ScouterTracing.flush()).isTrue();

    HttpResponse<String> ready = HealthClient.get(health);
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    JsonNode check = HealthClient.scouterCheck(ready.body());
    assertThat(check.get("status").asText()).isEqualTo("UP");
    assertThat(check.at("/data/scouter.exported").asLong()).as(check.toString()).isEqualTo(3);
    assertThat(check.at("/data/scouter.dropped").asLong()).isZero();
    assertThat(check.at("/data/scouter.failed").asLong()).isZero();
    assertThat(check.at("/data/scouter.queued").asLong()).isZero();

    String prometheus = HealthClient.get(metrics).body();
    assertThat(HealthClient.value(prometheus, "scouter_export_spans_total", "outcome=\"exported\"")).isEqualTo(3.0);
    assertThat(HealthClient.value(prometheus, "scouter_export_spans_total", "outcome=\"dropped\"")).isZero();
    assertThat(HealthClient.value(prometheus, "scouter_export_spans_total", "outcome=\"failed\"")).isZero();
    assertThat(HealthClient.value(prometheus, "scouter_export_queued", "exporter=\"scouter\"")).isZero();
  }
}
