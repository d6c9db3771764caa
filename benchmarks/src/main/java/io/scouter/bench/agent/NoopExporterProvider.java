package io.scouter.bench.agent;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * The span exporter {@code bench-noop} for the OpenTelemetry Java agent ({@code -Dotel.traces.exporter=bench-noop},
 * loaded from {@code benchmarks/target/agent/bench-noop-exporter.jar} with {@code -Dotel.javaagent.extensions}): the
 * agent's batch span processor runs as in production and hands its batches to a {@link CountingExporter}, as the
 * other benchmarks' pipelines do. Prints the count when the agent shuts it down.
 */
public final class NoopExporterProvider implements ConfigurableSpanExporterProvider {
  @Override
  public String getName() {
    return "bench-noop";
  }

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    CountingExporter counting = new CountingExporter();
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return counting.export(spans);
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        System.out.println("[bench] agent bench-noop exporter received " + counting.exported() + " spans");
        return CompletableResultCode.ofSuccess();
      }
    };
  }
}
