package io.scouter.cdi.internal.metrics;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.ScouterTracing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link ExportMeters} as OpenTelemetry metrics of the runtime's SDK (runtime SDK mode: MicroProfile Telemetry 2.0 on
 * Open Liberty, Payara, WildFly; {@code quarkus-opentelemetry}), which exports them with its own metrics: asynchronous
 * instruments read {@link ScouterTracing#stats()} at each collection. Closed with the tracer. Not a public API.
 */
public final class OtelExportMetrics implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(OtelExportMetrics.class.getName());
  /** The instrumentation scope of the meters. */
  public static final String SCOPE = "io.scouter.tracing";
  private static final AttributeKey<String> EXPORTER = AttributeKey.stringKey(ExportMeters.EXPORTER_TAG);
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey(ExportMeters.OUTCOME_TAG);

  private final List<AutoCloseable> instruments;

  private OtelExportMetrics(List<AutoCloseable> instruments) {
    this.instruments = instruments;
  }

  /** Registers the meters with {@code openTelemetry}'s meter provider. */
  public static OtelExportMetrics register(OpenTelemetry openTelemetry) {
    List<AutoCloseable> instruments = new ArrayList<>();
    try {
      Meter meter = openTelemetry.getMeter(SCOPE);
      Map<String, List<ExportMeters.Meter>> byName = new LinkedHashMap<>();
      ExportMeters.METERS.forEach(m -> byName.computeIfAbsent(m.name(), n -> new ArrayList<>()).add(m));
      byName.forEach((name, meters) -> {
        ExportMeters.Meter first = meters.get(0);
        Consumer<ObservableLongMeasurement> callback = measurement -> {
          for (ExporterStats s : ScouterTracing.stats().values()) {
            for (ExportMeters.Meter m : meters) {
              Attributes a = m.outcome() == null ? Attributes.of(EXPORTER, s.exporter())
                  : Attributes.of(EXPORTER, s.exporter(), OUTCOME, m.outcome());
              measurement.record(m.value().applyAsLong(s), a);
            }
          }
        };
        instruments.add(first.kind() == ExportMeters.Kind.COUNTER
            ? meter.counterBuilder(name).setDescription(first.description()).buildWithCallback(callback)
            : meter.gaugeBuilder(name).ofLongs().setDescription(first.description()).buildWithCallback(callback));
      });
    } catch (RuntimeException | LinkageError e) {
      // an old runtime API without these instruments must not stop the application
      LOG.log(Level.WARNING, "Scouter exporter metrics not registered with the runtime's OpenTelemetry: " + e, e);
    }
    return new OtelExportMetrics(instruments);
  }

  @Override
  public void close() {
    for (AutoCloseable i : instruments) {
      try {
        i.close();
      } catch (Exception e) {
        LOG.log(Level.FINE, "closing a meter", e);
      }
    }
    instruments.clear();
  }
}
