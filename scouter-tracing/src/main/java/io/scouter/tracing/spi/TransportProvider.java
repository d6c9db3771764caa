package io.scouter.tracing.spi;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.scouter.tracing.TransportConfig;

/**
 * Creates the exporter for one Scouter transport. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.scouter.tracing.spi.TransportProvider}), so an application pulls in only the transports
 * it uses.
 *
 * <pre>{@code
 * public final class KafkaTransportProvider implements TransportProvider {
 *   public String type() { return "kafka"; }
 *   public String artifact() { return "io.scouter:scouter-transport-kafka"; }
 *   public SpanExporter createSpanExporter(TransportConfig config, String serviceName) { ... }
 * }
 * }</pre>
 */
public interface TransportProvider {

  /** The transport name this provider serves ({@link TransportConfig#type()}). */
  String type();

  /** The Maven coordinates that contain this provider, named in the error when it is missing. */
  String artifact();

  /** Creates an exporter that sends each batch as one Scouter message. Must not block on network I/O. */
  SpanExporter createSpanExporter(TransportConfig config, String serviceName);
}
