package io.scouter.queue.cdi;

import io.scouter.queue.cdi.internal.ChannelSpansCustomizer;
import io.scouter.queue.cdi.internal.QueueSettings;
import io.scouter.queue.cdi.internal.ScouterQueueProducer;
import io.scouter.queue.cdi.internal.ScouterRecordsChannel;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessSyntheticAnnotatedType;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The portable CDI extension of the Scouter queue: adds the queue producer, the tracer customizer for spans over the
 * channel and, with {@code scouter.queue.transport=channel}, the Reactive Messaging channel {@code scouter-records};
 * fails deployment on invalid {@code scouter.queue.*} configuration or an unusable profile file. Registered through
 * {@code META-INF/services}; the jar has no {@code beans.xml}.
 *
 * <pre>{@code
 * # microprofile-config.properties
 * scouter.queue.genai.profile=classpath:profiles/genai_profile.json
 * }</pre>
 */
public class ScouterQueueExtension implements Extension {
  private static final Logger LOG = Logger.getLogger(ScouterQueueExtension.class.getName());
  private final List<Class<?>> added = new ArrayList<>();

  void addBeans(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
    added.add(ScouterQueueProducer.class);
    added.add(ChannelSpansCustomizer.class);
    boolean channel;
    try {
      channel = QueueSettings.current().usesChannel();
    } catch (IllegalArgumentException invalid) {
      channel = false; // reported in validate()
    }
    if (channel) {
      if (reactiveMessagingPresent()) {
        added.add(ScouterRecordsChannel.class);
      } else {
        LOG.warning("scouter.queue.transport=channel needs MicroProfile Reactive Messaging (e.g. "
            + "io.smallrye.reactive:smallrye-reactive-messaging-kafka) on the class path");
      }
    }
    for (Class<?> c : added) {
      event.addAnnotatedType(beanManager.createAnnotatedType(c), ScouterQueueExtension.class.getName() + "#"
          + c.getSimpleName());
    }
  }

  private static boolean reactiveMessagingPresent() {
    try {
      Class.forName("org.eclipse.microprofile.reactive.messaging.Emitter", false,
          ScouterQueueExtension.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Keeps only the copies this extension added if the jar is also scanned as a bean archive. */
  void vetoDuplicates(@Observes ProcessAnnotatedType<?> event) {
    Class<?> c = event.getAnnotatedType().getJavaClass();
    if (!(event instanceof ProcessSyntheticAnnotatedType) && (c == ScouterQueueProducer.class
        || c == ChannelSpansCustomizer.class || c == ScouterRecordsChannel.class)) {
      event.veto();
    }
  }

  void validate(@Observes AfterDeploymentValidation event) {
    try {
      QueueSettings s = QueueSettings.current();
      s.profiles();
      if (s.usesChannel() && !added.contains(ScouterRecordsChannel.class)) {
        event.addDeploymentProblem(new IllegalStateException("scouter.queue.transport=channel needs MicroProfile "
            + "Reactive Messaging (e.g. io.smallrye.reactive:smallrye-reactive-messaging-kafka)"));
      }
      if (s.channelSpans && !s.usesChannel()) {
        event.addDeploymentProblem(new IllegalArgumentException(QueueSettings.CHANNEL_SPANS + "=true needs "
            + QueueSettings.TRANSPORT + "=channel"));
      }
    } catch (IllegalArgumentException e) {
      event.addDeploymentProblem(e);
    }
  }
}
