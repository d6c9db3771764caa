package io.scouter.cdi.internal.metrics;

import io.scouter.cdi.internal.ScouterBootstrap;
import io.scouter.tracing.ScouterTracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@link ExportMeters} as MicroProfile Metrics 5 gauges in the application registry ({@code /metrics?scope=application}:
 * Payara, Open Liberty with {@code mpMetrics}), registered at startup. MicroProfile Metrics has no counter that reads
 * a function, so the counts are gauges that only go up. Added only where the MicroProfile Metrics API is present. Not
 * a public API.
 */
@ApplicationScoped
public class MpExportMetrics {
  private static final Logger LOG = Logger.getLogger(MpExportMetrics.class.getName());

  void register(@Observes Startup event, ScouterBootstrap bootstrap, Instance<MetricRegistry> registries) {
    if (!registries.isResolvable() || !bootstrap.state().enabled()) {
      return; // the API without an implementation
    }
    MetricRegistry registry = registries.get();
    try {
      for (String exporter : ScouterTracing.stats().keySet()) {
        for (ExportMeters.Meter m : ExportMeters.METERS) {
          Tag[] tags = m.outcome() == null ? new Tag[] {new Tag(ExportMeters.EXPORTER_TAG, exporter)}
              : new Tag[] {new Tag(ExportMeters.EXPORTER_TAG, exporter),
                  new Tag(ExportMeters.OUTCOME_TAG, m.outcome())};
          Metadata metadata = Metadata.builder().withName(m.name()).withDescription(m.description()).build();
          registry.gauge(metadata, this, b -> m.read(exporter), tags);
        }
      }
    } catch (RuntimeException e) {
      // a metrics implementation that refuses a meter must not stop the application
      LOG.log(Level.WARNING, "Scouter exporter metrics not registered: " + e, e);
    }
  }
}
