package io.scouter.tracing.spi;

import io.scouter.tracing.TransportConfig;

/**
 * Creates the {@link MessageTransport} for one Scouter transport. Implementations are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.scouter.tracing.spi.TransportProvider}), so an
 * application pulls in only the transports it uses.
 *
 * <pre>{@code
 * public final class KafkaTransportProvider implements TransportProvider {
 *   public String type() { return "kafka"; }
 *   public String artifact() { return "io.scouter:scouter-transport-kafka"; }
 *   public MessageTransport create(TransportConfig config) { return new KafkaTransport((KafkaConfig) config); }
 * }
 * }</pre>
 */
public interface TransportProvider {

  /** The transport name this provider serves ({@link TransportConfig#type()}). */
  String type();

  /** The Maven coordinates that contain this provider, named in the error when it is missing. */
  String artifact();

  /** Creates the transport. Must not block on network I/O (connect lazily, on the first send). */
  MessageTransport create(TransportConfig config);
}
