package io.scouter.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.scouter.tracing.internal.export.BoundedQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The queue of one profile, obtained with {@link ScouterQueue#get(String)}. {@link #insert} never blocks and never
 * does I/O: items wait in a bounded buffer (twice the profile's batch) until the queue publishes them, when a batch is
 * full or every publish interval. A full buffer drops the item, counts it and logs a rate-limited warning.
 *
 * <pre>{@code
 * QueueBus bus = queue.get("genai");
 * bus.insert(EvalRecord.of(Map.of("input", q, "response", a)));
 * bus.entityUid();   // the profile's uid
 * }</pre>
 */
public final class QueueBus {
  private static final Logger LOG = Logger.getLogger(QueueBus.class.getName());
  /** Baggage key whose value {@link #insert} copies into an evaluation record's tags, as upstream. */
  public static final String SCENARIO_BAGGAGE_KEY = "scouter.eval.scenario_id";
  private static final Pattern SCENARIO_ID = Pattern.compile("[\\p{IsAlphabetic}\\p{IsDigit}_-]{1,128}");

  private final String alias;
  private final QueueProfile profile;
  private final RecordEncoder encoder;
  private final BoundedQueue<Object> buffer;
  private final Runnable batchFull;
  private volatile double sampleRatio;
  private volatile List<EvalRecord> capture;
  final LongAdder inserted = new LongAdder();
  final LongAdder sampledOut = new LongAdder();

  QueueBus(String alias, QueueProfile profile, Runnable batchFull) {
    this.alias = alias;
    this.profile = profile;
    this.encoder = new RecordEncoder(alias, profile);
    this.buffer = new BoundedQueue<>(profile.batchSize() * 2, LOG, "Scouter queue '" + alias + "'", "item",
        "publishing is slower than inserts, or the transport is down");
    this.batchFull = batchFull;
    this.sampleRatio = profile.sampleRatio();
  }

  /**
   * Queues an item for publishing. An {@link EvalRecord} without a trace id gets the current span's (as upstream's
   * {@code QueueBus.insert}), and the tag {@code scouter.eval.scenario_id=<v>} when that key is in the current baggage.
   *
   * @throws IllegalArgumentException if the item is not of the kind this profile takes (an {@link EvalRecord} for
   *     GenAI/Agent profiles, {@link Features} for SPC and PSI, {@link Metrics} for custom metrics)
   */
  public void insert(QueueItem item) {
    if (item == null) {
      throw new IllegalArgumentException("Scouter queue '" + alias + "': cannot insert null");
    }
    EntityType expected = profile.driftType().accepts();
    if (item.entityType() != expected) {
      throw new IllegalArgumentException("Scouter queue '" + alias + "' (" + profile.driftType().wireName()
          + " profile " + profile.identifier() + ") takes " + itemName(expected) + ", not "
          + item.getClass().getSimpleName());
    }
    if (buffer.isClosed()) {
      buffer.drop();
      return;
    }
    Object entry = item;
    if (item instanceof EvalRecord) {
      EvalRecord r = (EvalRecord) item;
      SpanContext ctx = Span.current().getSpanContext();
      if (ctx.isValid()) {
        r.stampTraceIdIfAbsent(ctx.getTraceId());
      }
      String scenario = Baggage.current().getEntryValue(SCENARIO_BAGGAGE_KEY);
      if (scenario != null) {
        if (SCENARIO_ID.matcher(scenario).matches()) {
          r.addTagIfAbsent(SCENARIO_BAGGAGE_KEY + "=" + scenario);
        } else {
          LOG.fine("Scouter queue: ignoring invalid scenario id in baggage");
        }
      }
      List<EvalRecord> store = capture;
      if (store != null) {
        synchronized (store) {
          store.add(r);
        }
      }
      double ratio = sampleRatio;
      if (ratio < 1.0 && ThreadLocalRandom.current().nextDouble() >= ratio) {
        sampledOut.increment();
        return;
      }
      entry = encoder.evalRecord(r); // the state at insert is what is sent
    }
    int queued = buffer.offer(entry); // counts and reports a drop itself
    if (queued < 0) {
      return;
    }
    inserted.increment();
    if (queued >= profile.batchSize()) {
      batchFull.run();
    }
  }

  private static String itemName(EntityType t) {
    switch (t) {
      case EVAL:
        return "EvalRecord";
      case FEATURE:
        return "Features";
      default:
        return "Metrics";
    }
  }

  /** The alias. */
  public String alias() {
    return alias;
  }

  /** The profile's uid ({@code scouter.entity} on the span event). */
  public String entityUid() {
    return profile.uid();
  }

  /** {@code space/name/v<version>/<type>} of the profile. */
  public String identifier() {
    return profile.identifier();
  }

  /** The profile. */
  public QueueProfile profile() {
    return profile;
  }

  /** Items waiting to be published. */
  public int pending() {
    return buffer.size();
  }

  double sampleRatio() {
    return sampleRatio;
  }

  void sampleRatio(double ratio) {
    if (profile.driftType().acceptsEvalRecords()) {
      this.sampleRatio = ratio;
    }
  }

  void close() {
    buffer.close();
  }

  /** Items dropped: the buffer was full, or the queue shut down. */
  long dropped() {
    return buffer.dropped();
  }

  boolean isBatchFull() {
    return buffer.size() >= profile.batchSize();
  }

  /**
   * Takes what is due as server records: everything when {@code all}, else whole batches only (for SPC a partial
   * sample waits for more values, as upstream publishes SPC samples only when full).
   */
  List<ObjectNode> drain(boolean all) {
    int n = buffer.size();
    if (n == 0) {
      return List.of();
    }
    if (!all && profile.driftType() == DriftType.SPC) {
      n = n / profile.batchSize() * profile.batchSize();
      if (n == 0) {
        return List.of();
      }
    }
    List<Object> batch = new ArrayList<>(n);
    buffer.drainTo(batch, n);
    return batch.isEmpty() ? List.of() : encoder.encode(batch);
  }

  /** Removes every waiting item (given up at shutdown); the number removed. */
  int clear() {
    return buffer.clear();
  }

  void enableCapture() {
    if (capture == null) {
      synchronized (this) {
        if (capture == null) {
          capture = new ArrayList<>();
        }
      }
    }
  }

  void disableCapture() {
    capture = null;
  }

  List<EvalRecord> drainCapture() {
    List<EvalRecord> store = capture;
    if (store == null) {
      return List.of();
    }
    synchronized (store) {
      List<EvalRecord> out = List.copyOf(store);
      store.clear();
      return out;
    }
  }

  @Override
  public String toString() {
    return "QueueBus{" + alias + " -> " + profile.identifier() + "}";
  }
}
