package io.scouter.tracing;

/**
 * Where the Scouter exporter sends spans: {@link HttpConfig}, {@link GrpcConfig}, {@link KafkaConfig} or
 * {@link MockConfig}. Every transport carries the same Scouter JSON message; only the carrier differs.
 *
 * <pre>{@code
 * TracerConfig.builder().transport(HttpConfig.builder().uri("http://scouter:8000").build())
 * }</pre>
 *
 * <p>HTTP and mock are built in; gRPC and Kafka need their artifacts ({@code scouter-transport-grpc},
 * {@code scouter-transport-kafka}), found through {@link io.scouter.tracing.spi.TransportProvider}.
 */
public interface TransportConfig {
  /** The transport name as used in configuration: {@code http}, {@code grpc}, {@code kafka}, {@code mock}. */
  String type();
}
