package io.scouter.tracing.internal.transport;

import io.scouter.tracing.GrpcConfig;
import io.scouter.tracing.KafkaConfig;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.TransportConfig;
import io.scouter.tracing.spi.MessageTransport;
import io.scouter.tracing.spi.TransportProvider;
import java.util.ServiceLoader;

/**
 * Creates the {@link MessageTransport} for a {@link TransportConfig}: the span exporter and the Scouter queue share it.
 * Not a public API.
 *
 * <pre>{@code
 * MessageTransport t = Transports.create(KafkaConfig.builder().brokers("k:9092").build());
 * }</pre>
 */
public final class Transports {
  private Transports() {}

  /**
   * The transport for a configuration, found with {@link ServiceLoader}. {@link MockConfig} has none: it is handled
   * by {@code BatchSink.forTransport}, which discards without encoding.
   *
   * @throws IllegalStateException naming the missing artifact
   */
  public static MessageTransport create(TransportConfig transport) {
    ClassLoader[] loaders = {Transports.class.getClassLoader(), Thread.currentThread().getContextClassLoader()};
    for (ClassLoader cl : loaders) {
      if (cl == null) {
        continue;
      }
      for (TransportProvider p : ServiceLoader.load(TransportProvider.class, cl)) {
        if (p.type().equals(transport.type())) {
          return p.create(transport);
        }
      }
    }
    String artifact = transport.type().equals(GrpcConfig.TYPE) ? "io.scouter:scouter-transport-grpc"
        : transport.type().equals(KafkaConfig.TYPE) ? "io.scouter:scouter-transport-kafka"
        : "an artifact providing io.scouter.tracing.spi.TransportProvider for '" + transport.type() + "'";
    throw new IllegalStateException("Scouter transport '" + transport.type() + "' is not available: add "
        + artifact + " to the application, or choose another transport (scouter.transport)");
  }
}
