package io.scouter.queue.cdi;

import io.scouter.queue.cdi.internal.ChannelSpansCustomizer;
import io.scouter.queue.cdi.internal.QueueSettings;
import io.scouter.queue.cdi.internal.ScouterQueueProducer;
import io.scouter.queue.cdi.internal.ScouterRecordsChannel;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.Discovery;
import jakarta.enterprise.inject.build.compatible.spi.Messages;
import jakarta.enterprise.inject.build.compatible.spi.ScannedClasses;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.inject.build.compatible.spi.Validation;
import java.util.logging.Logger;

/**
 * The build-compatible twin of {@link ScouterQueueExtension} for Quarkus ArC, which ignores portable extensions. It is
 * skipped wherever the portable extension runs ({@link SkipIfPortableExtensionPresent}), so exactly one of the two
 * adds the queue beans: the queue producer, the tracer customizer for spans over the channel and, with
 * {@code scouter.queue.transport=channel} and Reactive Messaging present, the channel {@code scouter-records}.
 * Invalid {@code scouter.queue.*} values and unusable profile files fail the build (validation error).
 *
 * <pre>{@code
 * # application.properties (Quarkus): nothing else to do, the jar registers this extension
 * scouter.queue.genai.profile=classpath:profiles/genai_profile.json
 * }</pre>
 */
@SkipIfPortableExtensionPresent(ScouterQueueExtension.class)
public class ScouterQueueBuildCompatibleExtension implements BuildCompatibleExtension {
  private static final Logger LOG = Logger.getLogger(ScouterQueueBuildCompatibleExtension.class.getName());
  private boolean channelAdded;

  @Discovery
  public void addBeans(ScannedClasses classes) {
    classes.add(ScouterQueueProducer.class.getName());
    classes.add(ChannelSpansCustomizer.class.getName());
    boolean channel;
    try {
      channel = QueueSettings.current().usesChannel();
    } catch (IllegalArgumentException invalid) {
      channel = false; // reported in validate()
    }
    if (channel) {
      if (reactiveMessagingPresent()) {
        classes.add(ScouterRecordsChannel.class.getName());
        channelAdded = true;
      } else {
        LOG.warning("scouter.queue.transport=channel needs MicroProfile Reactive Messaging (e.g. "
            + "io.smallrye.reactive:smallrye-reactive-messaging-kafka) on the class path");
      }
    }
  }

  private static boolean reactiveMessagingPresent() {
    try {
      Class.forName("org.eclipse.microprofile.reactive.messaging.Emitter", false,
          ScouterQueueBuildCompatibleExtension.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Validation
  public void validate(Messages messages) {
    try {
      QueueSettings s = QueueSettings.current();
      s.profiles();
      if (s.usesChannel() && !channelAdded) {
        messages.error("scouter.queue.transport=channel needs MicroProfile Reactive Messaging (e.g. "
            + "io.smallrye.reactive:smallrye-reactive-messaging-kafka)");
      }
      if (s.channelSpans && !s.usesChannel()) {
        messages.error(QueueSettings.CHANNEL_SPANS + "=true needs " + QueueSettings.TRANSPORT + "=channel");
      }
    } catch (IllegalArgumentException e) {
      messages.error(e.getMessage());
    }
  }
}
