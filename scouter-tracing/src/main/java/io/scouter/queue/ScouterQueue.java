package io.scouter.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scouter.tracing.TransportConfig;
import io.scouter.tracing.internal.EnvDefault;
import io.scouter.tracing.internal.ShutdownLog;
import io.scouter.tracing.internal.export.BatchSink;
import io.scouter.tracing.internal.export.ExportEngine;
import io.scouter.tracing.internal.export.MessageSink;
import io.scouter.tracing.spi.MessageTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Model-monitoring queues, one per profile alias, publishing to the Scouter server over the same transports as spans
 * (HTTP, gRPC, Kafka) in the same message format ({@code {"records":[...]}}). The Java twin of upstream's
 * {@code ScouterQueue}.
 *
 * <pre>{@code
 * ScouterQueue queue = ScouterQueue.fromPath(Map.of("genai", Path.of("genai_profile.json")),
 *     HttpConfig.builder().uri("http://scouter:8000").build());
 * tracer.setScouterQueue(queue);                       // spans can now insertQueueItem("genai", record)
 * queue.get("genai").insert(EvalRecord.of(Map.of("input", q, "response", a)));
 * queue.shutdown();                                    // publishes everything still queued
 * }</pre>
 *
 * <p>Each alias buffers up to twice its batch (the profile's {@code sample_size}; 25 for evaluation, 1000 for PSI
 * profiles, as upstream). One background thread publishes a queue when its batch is full and every queue every
 * {@link Builder#publishInterval publish interval} (default 30 s, or {@code SCOUTER_QUEUE_PUBLISH_INTERVAL_SECS}).
 * Callers never block and never see transport errors. Records travel the same export engine as spans: a message the
 * server could not take for a reason that may pass is kept (up to {@value #MAX_HELD_RECORDS} records) and retried with
 * backoff (1 s doubling to 30 s), also between two publishes; {@link #shutdown()} publishes everything and stops.
 */
public final class ScouterQueue implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ScouterQueue.class.getName());
  /** Default time between two publishes of every queue, as upstream. */
  public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofSeconds(30);
  /** Upstream's environment variable for the publish interval, in seconds. */
  public static final String PUBLISH_INTERVAL_ENV = "SCOUTER_QUEUE_PUBLISH_INTERVAL_SECS";
  /** How long {@link #shutdown()} waits for the last publish at most. */
  public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
  /** Most server records kept for a retry while the transport fails. */
  static final int MAX_HELD_RECORDS = 10_000;
  /** Most held records sent again in one go (the transport's limit may split them further). */
  static final int MAX_BATCH_RECORDS = 1_000;

  private final Map<String, QueueBus> buses;
  private final TransportConfig transportConfig;
  private final MessageTransport transport;
  private final Duration publishInterval;
  private final ExportEngine<ObjectNode> engine;
  private final AtomicBoolean shutdown = new AtomicBoolean();

  private ScouterQueue(Builder b) {
    if (b.profiles.isEmpty()) {
      throw new IllegalArgumentException("a ScouterQueue needs at least one profile (alias -> profile file)");
    }
    if (b.transport == null && b.transportConfig == null) {
      throw new IllegalArgumentException("a ScouterQueue needs a transport configuration (HttpConfig, GrpcConfig, "
          + "KafkaConfig or MockConfig), as upstream's MissingTransportConfig");
    }
    this.publishInterval = b.publishInterval != null ? b.publishInterval : defaultInterval();
    Map<String, QueueBus> m = new LinkedHashMap<>();
    b.profiles.forEach((alias, profile) -> m.put(alias, new QueueBus(alias, profile, this::batchFull)));
    this.buses = Collections.unmodifiableMap(m);
    this.transportConfig = b.transportConfig;
    this.transport = b.transport;
    BatchSink<ObjectNode> sink = b.transport != null ? new MessageSink<>(b.transport, RecordCodec.INSTANCE)
        : BatchSink.forTransport(b.transportConfig, RecordCodec.INSTANCE);
    this.engine = new ExportEngine<>("scouter-queue-publisher", new QueueSource(buses.values()), sink,
        new ExportEngine.Counts(LOG, "Scouter queue", "records"), publishInterval.toNanos(), MAX_BATCH_RECORDS,
        MAX_HELD_RECORDS, SHUTDOWN_TIMEOUT.toMillis());
    engine.start();
    LOG.fine(() -> "Scouter queue started: " + buses.values() + " over " + describeTransport());
  }

  /**
   * Queues for profile files, as upstream's {@code ScouterQueue.from_path}.
   *
   * @throws QueueProfileException naming a file that is unreadable, not JSON, of an unknown type or incomplete
   * @throws IllegalStateException if the transport's artifact is missing
   */
  public static ScouterQueue fromPath(Map<String, Path> aliasToProfile, TransportConfig transport) {
    Builder b = builder().transport(transport);
    aliasToProfile.forEach(b::profile);
    return b.build();
  }

  /** Queues for parsed profiles, as upstream's {@code ScouterQueue.from_profile}. */
  public static ScouterQueue fromProfiles(Map<String, QueueProfile> aliasToProfile, TransportConfig transport) {
    Builder b = builder().transport(transport);
    aliasToProfile.forEach(b::profile);
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private static Duration defaultInterval() {
    String env = EnvDefault.QUEUE_PUBLISH_INTERVAL_SECS.value();
    if (env != null) {
      try {
        long s = Long.parseLong(env);
        if (s >= 1) {
          return Duration.ofSeconds(s);
        }
      } catch (NumberFormatException ignored) {
        // fall through to the warning
      }
      LOG.warning(PUBLISH_INTERVAL_ENV + "='" + env + "' is not a whole number of seconds >= 1; using 30");
    }
    return DEFAULT_PUBLISH_INTERVAL;
  }

  /**
   * The queue of that alias.
   *
   * @throws MissingQueueException listing the known aliases
   */
  public QueueBus get(String alias) {
    QueueBus bus = buses.get(alias);
    if (bus == null) {
      throw new MissingQueueException(alias, buses.keySet());
    }
    return bus;
  }

  /** The aliases, in the order given. */
  public Set<String> aliases() {
    return buses.keySet();
  }

  /** Every alias's profile. */
  public Map<String, QueueProfile> profiles() {
    Map<String, QueueProfile> m = new LinkedHashMap<>();
    buses.forEach((a, b) -> m.put(a, b.profile()));
    return Collections.unmodifiableMap(m);
  }

  /** The evaluation (GenAI/Agent) profiles, by alias; upstream's {@code genai_profiles()}. */
  public Map<String, QueueProfile> evalProfiles() {
    Map<String, QueueProfile> m = new LinkedHashMap<>();
    buses.forEach((a, b) -> {
      if (b.profile().driftType().acceptsEvalRecords()) {
        m.put(a, b.profile());
      }
    });
    return Collections.unmodifiableMap(m);
  }

  /** Whether there are no queues (never, once built; upstream's {@code is_empty}). */
  public boolean isEmpty() {
    return buses.isEmpty();
  }

  /** The transport configuration, or {@code null} when built with a {@link MessageTransport} directly. */
  public TransportConfig transportConfig() {
    return transportConfig;
  }

  /** The time between two publishes. */
  public Duration publishInterval() {
    return publishInterval;
  }

  /**
   * Sets the sample ratio of every evaluation queue (upstream's {@code _set_sample_ratio}); a tracer that gets this
   * queue sets 1.0, so that the trace sampler alone decides.
   */
  public void setSampleRatio(double ratio) {
    if (!(ratio >= 0.0 && ratio <= 1.0)) {
      throw new IllegalArgumentException("sample ratio must be between 0.0 and 1.0, was " + ratio);
    }
    buses.values().forEach(b -> b.sampleRatio(ratio));
  }

  /** Starts keeping every inserted {@link EvalRecord} in memory too (they are still published). */
  public void enableCapture() {
    buses.values().forEach(QueueBus::enableCapture);
  }

  /** Stops capturing and discards what was captured. */
  public void disableCapture() {
    buses.values().forEach(QueueBus::disableCapture);
  }

  /**
   * Returns and clears the records captured for that alias; empty when capture is off.
   *
   * @throws MissingQueueException listing the known aliases
   */
  public List<EvalRecord> drainRecords(String alias) {
    return get(alias).drainCapture();
  }

  /** Returns and clears the captured records of every alias; aliases without records are left out. */
  public Map<String, List<EvalRecord>> drainAllRecords() {
    Map<String, List<EvalRecord>> m = new LinkedHashMap<>();
    buses.forEach((alias, bus) -> {
      List<EvalRecord> r = bus.drainCapture();
      if (!r.isEmpty()) {
        m.put(alias, r);
      }
    });
    return m;
  }

  /**
   * Publishes everything queued now and waits for it, at most {@code timeout}.
   *
   * @return whether everything was delivered in time
   */
  public boolean flush(Duration timeout) {
    if (shutdown.get()) {
      return true;
    }
    try {
      return engine.flush().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /** {@link #flush(Duration)} with {@link #SHUTDOWN_TIMEOUT}. */
  public boolean flush() {
    return flush(SHUTDOWN_TIMEOUT);
  }

  /**
   * Publishes everything still queued (waiting at most {@link #SHUTDOWN_TIMEOUT}), stops the publisher and closes the
   * transport; later inserts are dropped and counted. Detaches the queue from the tracer if attached. Idempotent. Logs
   * one warning with the number of records it could not deliver.
   */
  public void shutdown() {
    long lost = shutdown(SHUTDOWN_TIMEOUT);
    if (lost > 0) {
      ShutdownLog.warning(LOG, "Scouter queue could not deliver " + lost + " records before shutdown");
    }
  }

  /**
   * {@link #shutdown()} bounded by {@code timeout}, for a caller that reports what was lost itself (as
   * {@code ScouterTracing.shutdown(queue)} does, in one warning with the spans): logs nothing about it.
   *
   * <pre>{@code
   * long lost = queue.shutdown(Duration.ofSeconds(5));
   * }</pre>
   *
   * @return how many records could not be delivered (0 if the queue was already shut down)
   */
  public long shutdown(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (!shutdown.compareAndSet(false, true)) {
      return 0;
    }
    buses.values().forEach(QueueBus::close);
    long deadline = System.nanoTime() + timeout.toNanos();
    long lost = engine.stop(deadline);
    engine.sink().close(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    QueueStats s = stats();
    LOG.fine(() -> "Scouter queue shut down: " + s);
    return lost;
  }

  /** Same as {@link #shutdown()}. */
  @Override
  public void close() {
    shutdown();
  }

  /** Whether {@link #shutdown()} was called. */
  public boolean isShutdown() {
    return shutdown.get();
  }

  /** Counters over all aliases. */
  public QueueStats stats() {
    long inserted = 0;
    long sampled = 0;
    long dropped = 0;
    long pending = engine.held();
    for (QueueBus b : buses.values()) {
      inserted += b.inserted.sum();
      sampled += b.sampledOut.sum();
      dropped += b.dropped();
      pending += b.pending();
    }
    return new QueueStats(inserted, sampled, dropped, engine.counts().delivered(), engine.sink().messages(),
        engine.counts().failed(), pending);
  }

  private void batchFull() {
    engine.signal();
  }

  private String describeTransport() {
    return transportConfig != null ? transportConfig.type() : transport.toString();
  }

  @Override
  public String toString() {
    return "ScouterQueue{" + buses.keySet() + ", transport=" + describeTransport() + "}";
  }

  /** Options of a {@link ScouterQueue}. */
  public static final class Builder {
    private final Map<String, QueueProfile> profiles = new LinkedHashMap<>();
    private TransportConfig transportConfig;
    private MessageTransport transport;
    private Duration publishInterval;

    private Builder() {}

    /** A queue for the profile file at {@code path}. @throws QueueProfileException naming the file */
    public Builder profile(String alias, Path path) {
      return profile(alias, QueueProfile.read(Objects.requireNonNull(path, "path")));
    }

    /** A queue for a parsed profile. */
    public Builder profile(String alias, QueueProfile profile) {
      Objects.requireNonNull(alias, "alias");
      Objects.requireNonNull(profile, "profile");
      if (alias.isBlank()) {
        throw new IllegalArgumentException("a queue alias must not be blank");
      }
      profiles.put(alias, profile);
      return this;
    }

    /** Where records go: {@code HttpConfig}, {@code GrpcConfig}, {@code KafkaConfig} or {@code MockConfig}. */
    public Builder transport(TransportConfig config) {
      this.transportConfig = Objects.requireNonNull(config, "transport config");
      this.transport = null;
      return this;
    }

    /**
     * A transport of the application's own (for example a Reactive Messaging channel); the queue closes it at
     * shutdown.
     */
    public Builder transport(MessageTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      this.transportConfig = null;
      return this;
    }

    /** Time between two publishes of every queue (default 30 s or {@code SCOUTER_QUEUE_PUBLISH_INTERVAL_SECS}). */
    public Builder publishInterval(Duration interval) {
      if (interval == null || interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("publish interval must be positive, was " + interval);
      }
      this.publishInterval = interval;
      return this;
    }

    /**
     * Builds and starts the queue.
     *
     * @throws IllegalArgumentException without profiles or transport
     * @throws IllegalStateException if the transport's artifact is missing
     */
    public ScouterQueue build() {
      return new ScouterQueue(this);
    }
  }
}
