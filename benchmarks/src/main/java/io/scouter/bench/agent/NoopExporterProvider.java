package io.scouter.bench.agent;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The span exporter {@code bench-noop} for the OpenTelemetry Java agent ({@code -Dotel.traces.exporter=bench-noop},
 * loaded from {@code benchmarks/target/agent/bench-noop-exporter.jar} with {@code -Dotel.javaagent.extensions}): the
 * agent's batch span processor runs as in production and hands its batches to an exporter that only counts them, as
 * the other benchmarks' exporters do. Prints the count when the agent shuts it down.
 */
public final class NoopExporterProvider implements ConfigurableSpanExporterProvider {
  @Override
  public String getName() {
    return "bench-noop";
  }

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    AtomicLong exported = new AtomicLong();
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        exported.addAndGet(spans.size());
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        System.out.println("[bench] agent bench-noop exporter received " + exported.get() + " spans");
        return CompletableResultCode.ofSuccess();
      }
    };
  }
}
