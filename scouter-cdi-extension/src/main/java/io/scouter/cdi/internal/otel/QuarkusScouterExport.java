package io.scouter.cdi.internal.otel;

import io.opentelemetry.sdk.trace.SpanProcessor;
import io.scouter.cdi.config.ScouterSettings;
import io.scouter.tracing.TracerConfig;
import io.scouter.tracing.internal.export.RuntimeSpanExporter;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.logging.Logger;

/**
 * Scouter export for {@code quarkus-opentelemetry}: a {@link SpanProcessor} bean, which Quarkus adds to its SDK next to
 * its own exporters (a {@code SpanExporter} bean would silently replace Quarkus's OTLP exporter, quarkus#36213). It
 * sends Quarkus's spans (its HTTP SERVER and REST Client CLIENT spans, and ours in runtime SDK mode) to the Scouter
 * server over the {@code scouter.*} transport. With {@code scouter.sdk=own}, {@code scouter.enabled=false} or
 * {@code scouter.transport=none} it does nothing. Registered only by the build-compatible extension (Quarkus), only
 * when {@code quarkus-opentelemetry} is present. Not a public API.
 */
@Dependent
public class QuarkusScouterExport {
  private static final Logger LOG = Logger.getLogger(QuarkusScouterExport.class.getName());
  /** A class of {@code quarkus-opentelemetry}'s runtime, to know it is installed. */
  public static final String QUARKUS_OTEL_CLASS = "io.quarkus.opentelemetry.runtime.OpenTelemetryUtil";

  /** The span processor that hands Quarkus's finished spans to the Scouter export (a no-op when switched off). */
  @Produces
  @Singleton
  SpanProcessor scouterExportProcessor() {
    ScouterSettings settings = ScouterSettings.current();
    if (!settings.enabled() || "own".equals(settings.sdk())) {
      LOG.fine("Scouter: Quarkus's OpenTelemetry spans are not sent to Scouter (scouter.sdk=own or disabled)");
      return NOOP;
    }
    TracerConfig config = settings.tracerConfig();
    if (config.transport() == null) {
      return NOOP;
    }
    LOG.info("Scouter export added to quarkus-opentelemetry: transport=" + config.transport().type()
        + (config.sampleRatio() == null ? "" : ", sample-ratio=" + config.sampleRatio()));
    return RuntimeSpanExporter.create(config.transport(), config.batchConfig(), config.sampleRatio()).spanProcessor();
  }

  /** Does nothing (the SDK's own no-op processor). */
  private static final SpanProcessor NOOP = SpanProcessor.composite();
}
