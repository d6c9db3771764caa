package io.scouter.cdi.internal.health;

import io.scouter.cdi.internal.ScouterBootstrap;
import io.scouter.tracing.ScouterTracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The {@code scouter} readiness check ({@code /health/ready}, Quarkus {@code /q/health/ready}): {@link ExportHealth}
 * on the exporters' counters. Added by the CDI extension only where the MicroProfile Health API is present (Payara,
 * Open Liberty with {@code mpHealth}, Quarkus with {@code quarkus-smallrye-health}). Not a public API.
 */
@Readiness
@ApplicationScoped
public class ScouterReadinessCheck implements HealthCheck {
  private final ScouterBootstrap bootstrap;

  @Inject
  public ScouterReadinessCheck(ScouterBootstrap bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** For proxies only. */
  protected ScouterReadinessCheck() {
    this.bootstrap = null;
  }

  @Override
  public HealthCheckResponse call() {
    ScouterBootstrap.State state = bootstrap.state();
    HealthCheckResponseBuilder b = HealthCheckResponse.named(ExportHealth.NAME);
    if (!state.enabled()) {
      return b.up().withData("enabled", false).build();
    }
    ExportHealth.Verdict v = ExportHealth.judge(ScouterTracing.stats(), state.healthFailureThreshold(),
        Instant.now());
    for (Map.Entry<String, Object> e : v.data().entrySet()) {
      if (e.getValue() instanceof Long) {
        b.withData(e.getKey(), (Long) e.getValue());
      } else {
        b.withData(e.getKey(), String.valueOf(e.getValue()));
      }
    }
    return b.status(v.up()).build();
  }
}
