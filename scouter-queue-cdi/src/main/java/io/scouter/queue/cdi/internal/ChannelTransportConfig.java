package io.scouter.queue.cdi.internal;

import io.scouter.tracing.TransportConfig;
import io.scouter.tracing.spi.MessageTransport;
import io.scouter.tracing.spi.TransportProvider;

/**
 * The tracer's Scouter transport when spans go to the Reactive Messaging channel too
 * ({@code scouter.queue.channel.spans=true}); carries the channel's transport, which {@link Provider} hands to the
 * span exporter. Not a public API.
 */
public final class ChannelTransportConfig implements TransportConfig {
  /** The transport name, {@value}. */
  public static final String TYPE = "channel";
  private final MessageTransport transport;

  ChannelTransportConfig(MessageTransport transport) {
    this.transport = transport;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String toString() {
    return "ChannelTransportConfig{" + QueueSettings.CHANNEL + "}";
  }

  /** Found through {@code META-INF/services/io.scouter.tracing.spi.TransportProvider}. */
  public static final class Provider implements TransportProvider {
    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public String artifact() {
      return "io.scouter:scouter-queue-cdi";
    }

    @Override
    public MessageTransport create(TransportConfig config) {
      return ((ChannelTransportConfig) config).transport;
    }
  }
}
