package io.scouter.tracing;

import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The configuration of a secondary exporter beside the Scouter export (the tracer builds the exporter from it): an OTLP collector ({@link HttpSpanExporter},
 * {@link GrpcSpanExporter}) or the testkit's {@code TestSpanExporter}. Each gets its own queue, batch and sample ratio,
 * so a slow collector never delays the Scouter export.
 *
 * <pre>{@code
 * TracerConfig.builder()
 *     .exporter(HttpSpanExporter.builder().exportConfig(OtelExportConfig.builder().endpoint("http://otel:4318/v1/traces").build())
 *         .sampleRatio(0.25).build())
 * }</pre>
 */
public interface SpanExporterConfig {

  /** A short name used in stats and log lines, e.g. {@code otlp-http}. */
  String name();

  /** {@code true} to batch (default), {@code false} to export each span when it ends. */
  default boolean batchExport() {
    return true;
  }

  /**
   * Fraction of the globally sampled traces this exporter keeps, decided by trace id so whole traces are kept or
   * dropped; {@code null} keeps all.
   */
  default Double sampleRatio() {
    return null;
  }

  /** Creates the OpenTelemetry exporter; called once when the tracer is initialised. */
  SpanExporter createSpanExporter();
}
