package io.scouter.cdi.internal.otel;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.scouter.cdi.config.ConfigLookup;
import io.scouter.cdi.config.ScouterSettings;
import io.scouter.tracing.TracerConfig;
import io.scouter.tracing.internal.export.RuntimeSpanExporter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * The OpenTelemetry autoconfigure exporter {@code scouter}: with {@code otel.traces.exporter=scouter} (or
 * {@code scouter,otlp}) a runtime's SDK (MicroProfile Telemetry on Open Liberty or Payara) sends its spans, including
 * its own JAX-RS and REST Client spans, to the Scouter server over the transport configured by the {@code scouter.*}
 * keys, with our wire encoder, byte budgets, retries and counters. Keys are read from the SDK's properties first, then
 * from MicroProfile Config, system properties and the environment. Not a public API; registered in
 * {@code META-INF/services}.
 */
public final class ScouterSpanExporterProvider implements ConfigurableSpanExporterProvider {
  private static final Logger LOG = Logger.getLogger(ScouterSpanExporterProvider.class.getName());

  @Override
  public String getName() {
    return "scouter";
  }

  @Override
  public SpanExporter createExporter(ConfigProperties properties) {
    return create(lookup(properties));
  }

  /**
   * The exporter for the settings of {@code cfg}'s application (parsed once; the same as the CDI extension's when the
   * SDK's properties agree with MicroProfile Config); fails naming every invalid key.
   *
   * @throws IllegalArgumentException on invalid configuration
   */
  public static SpanExporter create(ConfigLookup cfg) {
    TracerConfig config = ScouterSettings.current(cfg).tracerConfig();
    if (config.transport() == null) {
      LOG.warning("Scouter exporter requested by the runtime's OpenTelemetry but scouter.transport=none: "
          + "spans are not sent to Scouter");
      return RuntimeSpanExporter.create(new io.scouter.tracing.MockConfig(), config.batchConfig(), null);
    }
    LOG.info("Scouter exporter for the runtime's OpenTelemetry: transport=" + config.transport().type()
        + (config.sampleRatio() == null ? "" : ", sample-ratio=" + config.sampleRatio()));
    return RuntimeSpanExporter.create(config.transport(), config.batchConfig(), config.sampleRatio());
  }

  static ConfigLookup lookup(ConfigProperties properties) {
    ConfigLookup fallback = ConfigLookup.detect();
    return new ConfigLookup() {
      @Override
      public Optional<String> get(String key) {
        String v = null;
        try {
          v = properties == null ? null : properties.getString(key);
        } catch (RuntimeException ignored) {
          // a property the SDK cannot read as a string: fall back
        }
        return v != null ? Optional.of(v) : fallback.get(key);
      }

      @Override
      public Map<String, String> withPrefix(String prefix) {
        return new TreeMap<>(fallback.withPrefix(prefix));
      }

      @Override
      public Object application() {
        return fallback.application();
      }
    };
  }
}
