package io.scouter.quarkus.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;
import java.util.Optional;

/**
 * Health and metrics of the exporters, as Quarkus users expect them from an extension: the {@code scouter} readiness
 * check when {@code quarkus-smallrye-health} is present ({@code /q/health/ready}), and the exporter counters as
 * Micrometer meters when {@code quarkus-micrometer} is present (its registries bind every {@code MeterBinder} bean).
 * Both read the counters only, never block; the beans are the library's, shared with Payara and Open Liberty.
 */
public class ScouterHealthMetricsProcessor {
  /** By name: the class must not be loaded where its API (MicroProfile Health, Micrometer) is absent. */
  static final String READINESS_CHECK = "io.scouter.cdi.internal.health.ScouterReadinessCheck";
  static final String METER_BINDER = "io.scouter.quarkus.runtime.internal.MicrometerExportBinder";

  @BuildStep
  AdditionalBeanBuildItem readinessCheck(Capabilities capabilities) {
    return capabilities.isPresent(Capability.SMALLRYE_HEALTH)
        ? AdditionalBeanBuildItem.builder().addBeanClasses(READINESS_CHECK).setUnremovable().build() : null;
  }

  /** {@code quarkus-micrometer} announces itself as the metrics implementation {@link MetricsFactory#MICROMETER}. */
  @BuildStep
  AdditionalBeanBuildItem meters(Optional<MetricsCapabilityBuildItem> metrics) {
    return metrics.filter(m -> m.metricsSupported(MetricsFactory.MICROMETER)).isPresent()
        ? AdditionalBeanBuildItem.builder().addBeanClasses(METER_BINDER).setUnremovable().build() : null;
  }
}
