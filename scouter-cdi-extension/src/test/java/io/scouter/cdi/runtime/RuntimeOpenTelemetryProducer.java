package io.scouter.cdi.runtime;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plays MicroProfile Telemetry: an OpenTelemetry SDK configured by the OpenTelemetry autoconfigure module (as
 * Open Liberty and Payara do) from {@code otel.*} properties, exposed as a CDI bean.
 */
@ApplicationScoped
public class RuntimeOpenTelemetryProducer {
  static volatile Map<String, String> properties = Map.of();
  static volatile OpenTelemetrySdk sdk;
  /** Plays a runtime whose SDK could not be built (Open Liberty then hands out a no-op). */
  static volatile boolean failed;
  /** Reads the metrics of the last SDK built (a reader of the runtime's own metrics pipeline). */
  static volatile InMemoryMetricReader metrics;

  /** Builds the runtime's SDK from {@code props} with the autoconfigure SPI (loads our exporter and propagator). */
  static OpenTelemetrySdk autoconfigure(Map<String, String> props) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("otel.metrics.exporter", "none");
    all.put("otel.logs.exporter", "none");
    all.put("otel.bsp.schedule.delay", "50");
    all.putAll(props);
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    metrics = reader;
    return AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> all).disableShutdownHook()
        .addMeterProviderCustomizer((b, cfg) -> b.registerMetricReader(reader)).build().getOpenTelemetrySdk();
  }

  @Produces
  @ApplicationScoped
  OpenTelemetry openTelemetry() {
    if (failed) {
      return OpenTelemetry.noop();
    }
    OpenTelemetrySdk s = autoconfigure(properties);
    sdk = s;
    return s;
  }
}
