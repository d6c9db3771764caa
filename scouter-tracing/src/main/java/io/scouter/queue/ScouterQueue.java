package io.scouter.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scouter.queue.internal.GlobalQueue;
import io.scouter.tracing.TransportConfig;
import io.scouter.tracing.internal.Env;
import io.scouter.tracing.internal.RateLimitedLog;
import io.scouter.tracing.internal.ShutdownLog;
import io.scouter.tracing.internal.transport.Transports;
import io.scouter.tracing.spi.MessageTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
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
 * Callers never block and never see transport errors: a message the server could not take for a reason that may pass
 * is kept (bounded) and retried on the next publish; {@link #shutdown()} publishes everything and stops.
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

  private final Map<String, QueueBus> buses;
  private final TransportConfig transportConfig;
  private final MessageTransport transport;
  private final Duration publishInterval;
  private final Publisher publisher;
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
    this.publisher = new Publisher();
    Map<String, QueueBus> m = new LinkedHashMap<>();
    b.profiles.forEach((alias, profile) -> m.put(alias, new QueueBus(alias, profile, publisher::batchFull)));
    this.buses = Collections.unmodifiableMap(m);
    this.transportConfig = b.transportConfig;
    this.transport = b.transport != null ? b.transport : Transports.create(b.transportConfig);
    publisher.start();
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
    String env = Env.get(null, PUBLISH_INTERVAL_ENV);
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
    CompletableFuture<Boolean> f = publisher.requestFlush();
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
    GlobalQueue.clearIf(this);
    buses.values().forEach(QueueBus::close);
    long lost = publisher.stop(timeout);
    try {
      transport.close();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Scouter queue transport close failed", e);
    }
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
    long pending = publisher.heldRecords();
    for (QueueBus b : buses.values()) {
      inserted += b.inserted.sum();
      sampled += b.sampledOut.sum();
      dropped += b.dropped.sum();
      pending += b.pending();
    }
    return new QueueStats(inserted, sampled, dropped, publisher.published.sum(), publisher.messages.sum(),
        publisher.failed.sum(), pending);
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

  /** The background thread that turns queued items into messages and delivers them. */
  private final class Publisher implements Runnable {
    private final Object lock = new Object();
    private final ConcurrentLinkedQueue<CompletableFuture<Boolean>> flushRequests = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final RateLimitedLog failureLog = new RateLimitedLog(LOG, 30_000);
    private final Thread thread = new Thread(this, "scouter-queue-publisher");
    final LongAdder published = new LongAdder();
    final LongAdder messages = new LongAdder();
    final LongAdder failed = new LongAdder();
    private volatile int heldRecords;
    private boolean signalled;
    private volatile boolean stopping;
    /** Records given up at shutdown; written by the publisher thread only. */
    private volatile long lostAtStop;

    void start() {
      thread.setDaemon(true);
      thread.start();
    }

    void batchFull() {
      synchronized (lock) {
        signalled = true;
        lock.notifyAll();
      }
    }

    CompletableFuture<Boolean> requestFlush() {
      CompletableFuture<Boolean> f = new CompletableFuture<>();
      if (!thread.isAlive()) {
        return CompletableFuture.completedFuture(true);
      }
      flushRequests.add(f);
      batchFull();
      return f;
    }

    int heldRecords() {
      return heldRecords;
    }

    /**
     * Lets the last cycle publish everything within {@code timeout}, interrupting it (out of a retry wait or a slow
     * request) when time is up. @return the records not delivered
     */
    long stop(Duration timeout) {
      synchronized (lock) {
        stopping = true;
        lock.notifyAll();
      }
      try {
        thread.join(Math.max(1, timeout.toMillis()));
        if (thread.isAlive()) {
          thread.interrupt();
          thread.join(1000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      long lost = lostAtStop;
      if (thread.isAlive()) {
        lost += heldRecords; // still stuck in a delivery that ignores interrupts
      }
      for (QueueBus b : buses.values()) {
        lost += b.pending();
      }
      return lost;
    }

    @Override
    public void run() {
      long intervalNanos = publishInterval.toNanos();
      long next = System.nanoTime() + intervalNanos;
      while (true) {
        boolean batch;
        boolean stop;
        synchronized (lock) {
          long wait;
          while (!signalled && !stopping && flushRequests.isEmpty() && (wait = next - System.nanoTime()) > 0) {
            try {
              TimeUnit.NANOSECONDS.timedWait(lock, wait);
            } catch (InterruptedException e) {
              stopping = true;
            }
          }
          batch = signalled;
          signalled = false;
          // read once: a stop requested while the cycle below runs gets one more cycle that drains everything,
          // instead of ending after a partial cycle and losing what was still buffered
          stop = stopping;
        }
        List<CompletableFuture<Boolean>> flushes = new ArrayList<>();
        for (CompletableFuture<Boolean> f; (f = flushRequests.poll()) != null; ) {
          flushes.add(f);
        }
        boolean tick = System.nanoTime() - next >= 0;
        boolean all = stop || !flushes.isEmpty();
        try {
          cycle(all, tick, batch);
        } catch (RuntimeException e) {
          failureLog.warn("Scouter queue publish failed: " + e);
        }
        if (tick) {
          next = System.nanoTime() + intervalNanos;
        }
        boolean delivered = held.isEmpty();
        flushes.forEach(f -> f.complete(delivered));
        if (stop) {
          if (!held.isEmpty()) {
            int n = heldRecords;
            failed.add(n);
            held.clear();
            heldRecords = 0;
            lostAtStop += n; // reported by stop()
          }
          for (CompletableFuture<Boolean> f; (f = flushRequests.poll()) != null; ) {
            f.complete(delivered);
          }
          return;
        }
      }
    }

    /** Retries held messages, then publishes what is due: everything, on the timer, or full batches. */
    private void cycle(boolean all, boolean tick, boolean batch) {
      boolean open = retryHeld();
      for (QueueBus bus : buses.values()) {
        List<ObjectNode> records;
        if (all) {
          records = bus.drain(true);
        } else if (tick || (batch && bus.isBatchFull())) {
          records = bus.drain(false);
        } else {
          continue;
        }
        if (!records.isEmpty()) {
          open = send(records, open);
        }
      }
    }

    /** Resends held messages in order until one fails again; whether the transport took them all. */
    private boolean retryHeld() {
      while (!held.isEmpty()) {
        Held h = held.peekFirst();
        MessageTransport.Outcome o = deliver(h.message);
        if (o == MessageTransport.Outcome.RETRYABLE) {
          return false;
        }
        held.pollFirst();
        heldRecords -= h.records;
        count(o, h.records);
      }
      return true;
    }

    /** Sends records in messages within the transport's limit; whether the transport is still taking messages. */
    private boolean send(List<ObjectNode> records, boolean open) {
      byte[] message = RecordEncoder.message(records);
      if (message.length > transport.maxMessageBytes()) {
        if (records.size() > 1) {
          int mid = records.size() / 2;
          open = send(records.subList(0, mid), open);
          return send(records.subList(mid, records.size()), open);
        }
        failed.increment();
        failureLog.warn("Scouter queue: a record of " + message.length + " bytes is over the transport's "
            + transport.maxMessageBytes() + "-byte limit; dropped (its context is too large)");
        return open;
      }
      if (!open) {
        hold(message, records.size());
        return false;
      }
      MessageTransport.Outcome o = deliver(message);
      if (o == MessageTransport.Outcome.RETRYABLE) {
        hold(message, records.size());
        return false;
      }
      count(o, records.size());
      return true;
    }

    private MessageTransport.Outcome deliver(byte[] message) {
      messages.increment();
      try {
        return transport.deliver(message);
      } catch (RuntimeException e) {
        return MessageTransport.Outcome.RETRYABLE;
      }
    }

    private void count(MessageTransport.Outcome o, int records) {
      if (o == MessageTransport.Outcome.DELIVERED) {
        published.add(records);
      } else {
        failed.add(records);
        failureLog.warn("Scouter queue: the server refused " + records + " records (rejected for good)");
      }
    }

    private void hold(byte[] message, int records) {
      held.addLast(new Held(message, records));
      heldRecords += records;
      while (heldRecords > MAX_HELD_RECORDS && held.size() > 1) {
        Held oldest = held.pollFirst();
        heldRecords -= oldest.records;
        failed.add(oldest.records);
      }
      if (!stopping) { // at shutdown the caller reports what was lost
        failureLog.warn("Scouter queue could not deliver " + records + " records; keeping " + heldRecords
            + " records for the next publish (in " + publishInterval.toSeconds() + " s)");
      }
    }
  }

  /** A message kept for a retry. */
  private record Held(byte[] message, int records) {}
}
