package io.scouter.cdi.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.cdi.ScouterExtension;
import io.scouter.cdi.SyncService;
import io.scouter.cdi.internal.health.ScouterReadinessCheck;
import io.scouter.cdi.internal.metrics.ExportMeters;
import io.scouter.devserver.ScouterDevServer;
import io.scouter.tracing.ScouterTracing;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code scouter} readiness check (added by the extension, the MicroProfile Health API being present) and the
 * meters every metrics backend registers ({@link ExportMeters}: Micrometer in {@code quarkus-scouter}, MicroProfile
 * Metrics, OpenTelemetry metrics), read here as the backends read them, in a CDI container whose tracer exports over
 * HTTP to a
 * real dev server: UP with the counters while the server takes the spans, DOWN once exports have failed for longer than
 * {@code scouter.health.failure-threshold} after the server went away, UP again once it is back.
 */
class ExporterHealthAndMetricsTest {
  private Config config;

  @AfterEach
  void reset() {
    ScouterTracing.shutdown();
    if (config != null) {
      ConfigProviderResolver.instance().releaseConfig(config);
    }
  }

  private void configure(Map<String, String> values) {
    config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    ConfigProviderResolver.instance().registerConfig(config, Thread.currentThread().getContextClassLoader());
  }

  @Test
  void readinessFollowsTheBackendAndTheMetersCountTheSpans() throws Exception {
    ScouterDevServer server = ScouterDevServer.start();
    int port = server.port();
    configure(Map.of("scouter.service-name", "health-test", "scouter.transport", "http",
        "scouter.http.uri", server.httpUri().toString(), "scouter.batch.scheduled-delay-ms", "50",
        "scouter.health.failure-threshold", "500ms"));
    try (WeldContainer c = new Weld("health").disableDiscovery().addExtension(new ScouterExtension())
        .addBeanClasses(SyncService.class, SyncService.Inner.class).initialize()) {
      SyncService service = c.select(SyncService.class).get();
      ScouterReadinessCheck check = c.select(ScouterReadinessCheck.class, Readiness.Literal.INSTANCE).get();

      service.testFunction(1, 2);
      service.testFunction(3, 4);
      assertThat(ScouterTracing.flush()).isTrue();
      long spans = server.spans().size();
      assertThat(spans).as("spans the dev server holds").isPositive();

      HealthCheckResponse up = check.call();
      assertThat(up.getName()).isEqualTo("scouter");
      assertThat(up.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
      Map<String, Object> data = up.getData().orElseThrow();
      assertThat(data).containsEntry("scouter.exported", spans).containsEntry("scouter.dropped", 0L)
          .containsEntry("scouter.failed", 0L).containsEntry("scouter.queued", 0L)
          .containsEntry("scouter.sampled-out", 0L).containsKeys("scouter.retried", "scouter.shrunk")
          .doesNotContainKeys("scouter.failing-since", "reason");
      assertThat(meter("scouter.export.spans", "exported")).isEqualTo(spans);
      assertThat(meter("scouter.export.spans", "dropped")).isZero();
      assertThat(meter("scouter.export.spans", "failed")).isZero();
      assertThat(meter("scouter.export.queued", null)).isZero();
      assertThat(meter("scouter.export.retries", null))
          .isZero();

      server.close(); // the backend goes away
      service.testFunction(5, 6);
      HealthCheckResponse down = await(check::call, r -> r.getStatus() == HealthCheckResponse.Status.DOWN);
      assertThat(down.getData().orElseThrow().get("reason").toString())
          .startsWith("scouter has been failing for").contains("scouter.health.failure-threshold=500 ms");
      assertThat(down.getData().orElseThrow()).containsKey("scouter.failing-since")
          .containsEntry("scouter.exported", spans);
      assertThat(meter("scouter.export.queued", null))
          .as("held for a retry").isPositive();

      server = ScouterDevServer.builder().port(port).build(); // back on the same address
      try {
        HealthCheckResponse again = await(check::call, r -> r.getStatus() == HealthCheckResponse.Status.UP);
        assertThat(again.getData().orElseThrow()).doesNotContainKey("scouter.failing-since");
        assertThat(meter("scouter.export.spans", "exported")).as("the held span delivered").isGreaterThan(spans);
        assertThat(meter("scouter.export.spans", "failed")).isZero();
      } finally {
        server.close();
      }
    } finally {
      server.close();
    }
  }

  /** The value a metrics backend reads for the {@code scouter} exporter's meter. */
  private static double meter(String name, String outcome) {
    return ExportMeters.METERS.stream()
        .filter(m -> m.name().equals(name) && java.util.Objects.equals(m.outcome(), outcome)).findFirst()
        .orElseThrow(() -> new AssertionError("no meter " + name + " " + outcome)).read("scouter");
  }

  private static <T> T await(Supplier<T> probe, java.util.function.Predicate<T> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    T last = probe.get();
    while (!done.test(last) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      last = probe.get();
    }
    assertThat(done.test(last)).as("in time: " + (last instanceof HealthCheckResponse
        ? ((HealthCheckResponse) last).getData() : last)).isTrue();
    return last;
  }
}
