package io.scouter.queue.cdi.internal;

import io.scouter.tracing.spi.MessageTransport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The outgoing Reactive Messaging channel {@code scouter-records}: Scouter messages (queue records, and spans with
 * {@code scouter.queue.channel.spans=true}) as UTF-8 JSON bytes. Registered only with
 * {@code scouter.queue.transport=channel}. Not a public API.
 *
 * <pre>{@code
 * mp.messaging.outgoing.scouter-records.connector=smallrye-kafka
 * mp.messaging.outgoing.scouter-records.topic=scouter_monitoring
 * mp.messaging.outgoing.scouter-records.value.serializer=org.apache.kafka.common.serialization.ByteArraySerializer
 * }</pre>
 */
@ApplicationScoped
public class ScouterRecordsChannel {
  @Inject
  @Channel(QueueSettings.CHANNEL)
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
  Emitter<byte[]> emitter;

  private volatile MessageTransport transport;

  /** A transport over the channel. */
  public MessageTransport transport() {
    MessageTransport t = transport;
    if (t == null) {
      synchronized (this) {
        if (transport == null) {
          QueueSettings s = QueueSettings.current();
          transport = new ChannelTransport(m -> emitter.send(m), s.channelTimeoutMs, s.channelMaxBytes);
        }
        t = transport;
      }
    }
    return t;
  }
}
