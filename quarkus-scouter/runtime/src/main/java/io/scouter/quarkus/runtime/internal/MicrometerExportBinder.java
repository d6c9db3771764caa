package io.scouter.quarkus.runtime.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.scouter.cdi.internal.ScouterBootstrap;
import io.scouter.cdi.internal.metrics.ExportMeters;
import io.scouter.tracing.ScouterTracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@link ExportMeters} as Micrometer meters: a {@link MeterBinder} bean, which {@code quarkus-micrometer} binds to its
 * registry at startup. Added by the deployment module only where {@code quarkus-micrometer} is present; it lives in
 * this runtime module, not in the CDI extension, so no class of the library that other runtimes scan names Micrometer.
 * Not a public API.
 */
@ApplicationScoped
public class MicrometerExportBinder implements MeterBinder {
  private final ScouterBootstrap bootstrap;

  @Inject
  public MicrometerExportBinder(ScouterBootstrap bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** For proxies only. */
  protected MicrometerExportBinder() {
    this.bootstrap = null;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    if (!bootstrap.state().enabled()) {
      return;
    }
    for (String exporter : ScouterTracing.stats().keySet()) {
      for (ExportMeters.Meter m : ExportMeters.METERS) {
        Tags tags = Tags.of(ExportMeters.EXPORTER_TAG, exporter);
        if (m.outcome() != null) {
          tags = tags.and(ExportMeters.OUTCOME_TAG, m.outcome());
        }
        // the binder (a bean the container keeps) is the state object: Micrometer holds it weakly
        if (m.kind() == ExportMeters.Kind.COUNTER) {
          FunctionCounter.builder(m.name(), this, b -> m.read(exporter)).description(m.description()).tags(tags)
              .register(registry);
        } else {
          Gauge.builder(m.name(), this, b -> m.read(exporter)).description(m.description()).tags(tags)
              .strongReference(true).register(registry);
        }
      }
    }
  }
}
