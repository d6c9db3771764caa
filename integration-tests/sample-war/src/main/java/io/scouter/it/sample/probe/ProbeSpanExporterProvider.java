package io.scouter.it.sample.probe;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenTelemetry autoconfigure exporter provider named {@code it-probe}, registered in this WAR's
 * {@code META-INF/services}: it answers whether a server's MicroProfile Telemetry SDK loads exporter providers from
 * the application ({@code otel.sdk.disabled=false}, {@code otel.traces.exporter=it-probe}). It remembers what it was
 * given; {@code GET /api/diag/otel} reports it. Unused unless a server's SDK is told to use it.
 */
public final class ProbeSpanExporterProvider implements ConfigurableSpanExporterProvider {
  private static final AtomicInteger CREATED = new AtomicInteger();
  private static final List<String> NAMES = new CopyOnWriteArrayList<>();

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    CREATED.incrementAndGet();
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        spans.forEach(s -> NAMES.add(s.getName()));
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }

  @Override
  public String getName() {
    return "it-probe";
  }

  /** How many exporters the server's SDK created. */
  public static int created() {
    return CREATED.get();
  }

  /** Names of the spans the server's SDK exported through the probe. */
  public static List<String> exportedSpanNames() {
    return List.copyOf(NAMES);
  }
}
