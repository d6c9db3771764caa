package io.scouter.queue.cdi.internal;

import io.scouter.cdi.TracerConfigCustomizer;
import io.scouter.tracing.TracerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * With {@code scouter.queue.transport=channel} and {@code scouter.queue.channel.spans=true}, sends the tracer's spans
 * to the Reactive Messaging channel {@code scouter-records} as well, instead of {@code scouter.transport}. Not a public
 * API.
 */
@ApplicationScoped
public class ChannelSpansCustomizer implements TracerConfigCustomizer {
  private static final Logger LOG = Logger.getLogger(ChannelSpansCustomizer.class.getName());
  private final Instance<ScouterRecordsChannel> channel;

  /** For client proxies only. */
  protected ChannelSpansCustomizer() {
    this.channel = null;
  }

  @Inject
  public ChannelSpansCustomizer(Instance<ScouterRecordsChannel> channel) {
    this.channel = channel;
  }

  @Override
  public void customize(TracerConfig.Builder builder) {
    QueueSettings s = QueueSettings.current();
    if (s.channelSpans && s.usesChannel() && channel.isResolvable()) {
      builder.transport(new ChannelTransportConfig(channel.get().transport()));
      LOG.info("Scouter spans go to the Reactive Messaging channel " + QueueSettings.CHANNEL);
    }
  }
}
