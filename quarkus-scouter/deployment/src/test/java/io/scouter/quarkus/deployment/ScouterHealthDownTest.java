package io.scouter.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code scouter} readiness check turns DOWN (503) once exports to an unreachable Scouter server have failed for
 * longer than {@code scouter.health.failure-threshold}, naming why.
 */
class ScouterHealthDownTest {
  @RegisterExtension
  static final QuarkusUnitTest TEST = new QuarkusUnitTest()
      .withApplicationRoot(jar -> jar.addClasses(Pipeline.class, Question.class, Answer.class, Answer.Score.class,
          HealthClient.class))
      .overrideConfigKey("quarkus.http.test-port", "0")
      .overrideConfigKey("scouter.service-name", "health-down-test")
      .overrideConfigKey("scouter.http.uri", "http://127.0.0.1:" + closedPort())
      .overrideConfigKey("scouter.batch.scheduled-delay-ms", "50")
      .overrideConfigKey("scouter.health.failure-threshold", "500ms");

  @Inject
  Pipeline pipeline;

  @TestHTTPResource("/q/health/ready")
  URI health;

  /** A loopback port nothing listens on (bound, then released). */
  static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theCheckIsDownWhileTheScouterServerIsUnreachable() throws Exception {
    pipeline.predict(new Question("nobody listens"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    HttpResponse<String> r = HealthClient.get(health);
    while (r.statusCode() != 503 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      r = HealthClient.get(health);
    }
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    JsonNode check = HealthClient.scouterCheck(r.body());
    assertThat(check.get("status").asText()).isEqualTo("DOWN");
    assertThat(check.at("/data/reason").asText()).startsWith("scouter has been failing for")
        .contains("scouter.health.failure-threshold=500 ms");
    assertThat(check.at("/data/scouter.failing-since").asText()).isNotEmpty();
    assertThat(check.at("/data/scouter.exported").asLong()).isZero();
  }
}
