package io.scouter.tracing.internal.export;

import java.util.List;

/**
 * What became of one batch handed to a {@link BatchSink}: {@link Delivered everything delivered}, {@link NotTried
 * nothing tried} (the sink is shut down, or failed before sending), or {@link Partial partly delivered} with the items
 * still worth retrying (in order) and how many were refused for good. A plain value, not the failure throwable of a
 * {@code CompletableResultCode}: that carries a throwable only since OpenTelemetry 1.41, and in runtime SDK mode this
 * code runs on the runtime's SDK (1.29 on Payara 6). Not a public API.
 *
 * <pre>{@code
 * Delivery<SpanData> d = sink.send(batch);
 * exported.add(d.delivered(batch.size()));
 * failed.add(d.failed(batch.size()));
 * List<SpanData> again = d.retryable();
 * }</pre>
 *
 * @param <T> the items of the batch (spans, queue records)
 */
public sealed interface Delivery<T> permits Delivery.Delivered, Delivery.NotTried, Delivery.Partial {

  /** Everything delivered. */
  @SuppressWarnings("unchecked")
  static <T> Delivery<T> delivered() {
    return (Delivery<T>) Delivered.INSTANCE;
  }

  /** Nothing was tried and nothing is worth retrying; {@code reason} goes into the warning. */
  static <T> Delivery<T> notTried(String reason) {
    return new NotTried<>(reason);
  }

  /** Some items to retry later and some refused for good; {@link #delivered()} when there are neither. */
  static <T> Delivery<T> partial(List<T> retryable, int rejected) {
    return retryable.isEmpty() && rejected == 0 ? delivered() : new Partial<>(retryable, rejected);
  }

  /** How many of the {@code batchSize} items were delivered. */
  int delivered(int batchSize);

  /** How many of the {@code batchSize} items were given up (refused, too large, or not tried). */
  int failed(int batchSize);

  /** The items to send again later, in order (empty when nothing is worth retrying). */
  default List<T> retryable() {
    return List.of();
  }

  /** Everything delivered. */
  @SuppressWarnings("rawtypes")
  record Delivered<T>() implements Delivery<T> {
    static final Delivered INSTANCE = new Delivered();

    @Override
    public int delivered(int batchSize) {
      return batchSize;
    }

    @Override
    public int failed(int batchSize) {
      return 0;
    }
  }

  /** Nothing tried (shut down, unexpected error): the whole batch is given up. */
  record NotTried<T>(String reason) implements Delivery<T> {
    @Override
    public int delivered(int batchSize) {
      return 0;
    }

    @Override
    public int failed(int batchSize) {
      return batchSize;
    }
  }

  /** The rest of the batch was delivered. */
  record Partial<T>(List<T> retryable, int rejected) implements Delivery<T> {
    public Partial {
      retryable = List.copyOf(retryable);
    }

    @Override
    public int delivered(int batchSize) {
      return batchSize - retryable.size() - rejected;
    }

    @Override
    public int failed(int batchSize) {
      return rejected;
    }
  }
}
