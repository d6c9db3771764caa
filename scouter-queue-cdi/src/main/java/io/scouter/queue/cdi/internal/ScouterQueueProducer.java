package io.scouter.queue.cdi.internal;

import io.scouter.queue.cdi.QueueAlias;
import io.scouter.cdi.internal.ScouterBootstrap;
import io.scouter.queue.QueueBus;
import io.scouter.queue.QueueProfile;
import io.scouter.queue.ScouterQueue;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TransportConfig;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Builds the {@link ScouterQueue} from {@code scouter.queue.<alias>.profile} at container startup, attaches it to the
 * tracer ({@code ScouterTracer.setScouterQueue}), produces it and its {@link QueueBus}es, and shuts it down (publishing
 * everything queued) when the container stops: together with the tracer the container started, records first, then
 * spans, within {@code scouter.shutdown-timeout}. Not a public API.
 */
@ApplicationScoped
public class ScouterQueueProducer {
  private static final Logger LOG = Logger.getLogger(ScouterQueueProducer.class.getName());
  private final Instance<ScouterTracer> tracer;
  private final Instance<ScouterRecordsChannel> channel;
  private final Instance<ScouterBootstrap> bootstrap;
  private ScouterQueue queue;
  private boolean stopped;

  /** For client proxies only. */
  protected ScouterQueueProducer() {
    this.tracer = null;
    this.channel = null;
    this.bootstrap = null;
  }

  @Inject
  ScouterQueueProducer(Instance<ScouterTracer> tracer, Instance<ScouterRecordsChannel> channel,
      Instance<ScouterBootstrap> bootstrap) {
    this.tracer = tracer;
    this.channel = channel;
    this.bootstrap = bootstrap;
  }

  /** Builds the queue eagerly (when profiles are configured) and attaches it to the tracer. */
  void onStartup(@Observes Startup event) {
    if (!QueueSettings.current().profileSources.isEmpty()) {
      queue();
    }
  }

  /** The queue, built on first use. @throws IllegalStateException if no profile is configured */
  public synchronized ScouterQueue queue() {
    if (queue != null) {
      return queue;
    }
    if (stopped) {
      throw new IllegalStateException("the Scouter queue was shut down with the container");
    }
    QueueSettings s = QueueSettings.current();
    if (s.profileSources.isEmpty()) {
      throw new IllegalStateException("No Scouter queue is configured: set scouter.queue.<alias>.profile=<path or "
          + "classpath:resource> (a profile JSON written by Scouter) for each queue alias");
    }
    // the tracer first: its transport is the default, and it must exist to attach the queue to
    ScouterTracer t = tracer.isResolvable() ? tracer.get() : null;
    Map<String, QueueProfile> profiles = s.profiles();
    ScouterQueue.Builder b = ScouterQueue.builder();
    profiles.forEach(b::profile);
    if (s.publishInterval != null) {
      b.publishInterval(s.publishInterval);
    }
    String transportName;
    if (s.usesChannel()) {
      b.transport(channel.get().transport());
      transportName = "channel " + QueueSettings.CHANNEL;
    } else {
      TransportConfig tc = s.transportConfig();
      if (tc == null) {
        LOG.info("Scouter queue: no transport (scouter.transport or scouter.queue.transport is 'none'); records are "
            + "captured and discarded");
        tc = new MockConfig();
      }
      b.transport(tc);
      transportName = tc.type();
    }
    ScouterQueue q = b.build();
    if (s.attach && t != null) {
      t.setScouterQueue(q);
    }
    LOG.info("Scouter queue started: " + q.aliases() + " over " + transportName + ", publishing every "
        + q.publishInterval().toSeconds() + " s" + (s.attach ? ", attached to the tracer" : ""));
    queue = q;
    return q;
  }

  @Produces
  @Default
  @Dependent
  ScouterQueue produceQueue() {
    return queue();
  }

  @Produces
  @QueueAlias("")
  @Dependent
  QueueBus produceBus(InjectionPoint ip) {
    for (Annotation a : ip.getQualifiers()) {
      if (a instanceof QueueAlias) {
        return queue().get(((QueueAlias) a).value());
      }
    }
    throw new IllegalStateException("@QueueAlias missing on " + ip);
  }

  /**
   * Publishes and stops before the application's beans go away, so that records still reach a Reactive Messaging
   * connector that closes when the application context is destroyed.
   */
  void beforeShutdown(@Observes(
      notifyObserver = Reception.IF_EXISTS) @Priority(10) @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ScouterQueue q;
    synchronized (this) {
      stopped = true;
      q = queue;
      queue = null;
    }
    if (q != null && bootstrap != null && bootstrap.isResolvable() && bootstrap.get().stop(q)) {
      return; // the tracer this container started is down too: records, then spans, within scouter.shutdown-timeout
    }
    if (q != null) {
      q.shutdown();
    }
    QueueSettings s = QueueSettings.current();
    if (s.channelSpans && s.usesChannel() && ScouterTracing.isInitialized()) {
      ScouterTracing.flush(); // spans over the channel too, while its connector still runs
    }
  }

  @PreDestroy
  synchronized void stop() {
    stopped = true;
    if (queue != null) {
      queue.shutdown();
      queue = null;
    }
  }
}
