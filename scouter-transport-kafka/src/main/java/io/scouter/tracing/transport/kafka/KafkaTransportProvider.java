package io.scouter.tracing.transport.kafka;

import io.scouter.tracing.KafkaConfig;
import io.scouter.tracing.TransportConfig;
import io.scouter.tracing.spi.MessageTransport;
import io.scouter.tracing.spi.TransportProvider;

/**
 * The Kafka transport ({@code scouter.transport=kafka}), found by {@link java.util.ServiceLoader}: having this artifact
 * on the class path is all it takes.
 *
 * <pre>{@code
 * ScouterTracing.initTracer(TracerConfig.builder().serviceName("chat-svc")
 *     .transport(KafkaConfig.builder().brokers("kafka:9092").topic("scouter_monitoring").build()).build());
 * }</pre>
 */
public final class KafkaTransportProvider implements TransportProvider {
  @Override
  public String type() {
    return KafkaConfig.TYPE;
  }

  @Override
  public String artifact() {
    return "io.scouter:scouter-transport-kafka";
  }

  /** Creates the transport; the producer connects on the first send. */
  @Override
  public MessageTransport create(TransportConfig config) {
    if (!(config instanceof KafkaConfig)) {
      throw new IllegalArgumentException("Kafka transport needs a KafkaConfig, got " + config.type());
    }
    return new KafkaTransport((KafkaConfig) config);
  }
}
