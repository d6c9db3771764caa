package io.scouter.tracing.transport.grpc;

import io.scouter.tracing.GrpcConfig;
import io.scouter.tracing.TransportConfig;
import io.scouter.tracing.spi.MessageTransport;
import io.scouter.tracing.spi.TransportProvider;

/**
 * The gRPC transport ({@code scouter.transport=grpc}), found by {@link java.util.ServiceLoader} when this artifact is
 * on the class path.
 */
public final class GrpcTransportProvider implements TransportProvider {
  @Override
  public String type() {
    return GrpcConfig.TYPE;
  }

  @Override
  public String artifact() {
    return "io.scouter:scouter-transport-grpc";
  }

  @Override
  public MessageTransport create(TransportConfig config) {
    if (!(config instanceof GrpcConfig)) {
      throw new IllegalArgumentException("the gRPC transport needs a GrpcConfig, not " + config.getClass().getName());
    }
    return new GrpcTransport((GrpcConfig) config);
  }
}
