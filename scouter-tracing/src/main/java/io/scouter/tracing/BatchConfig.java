package io.scouter.tracing;

/**
 * Queue and batch sizes of one exporter. The defaults equal OpenTelemetry's and Scouter's.
 *
 * <pre>{@code
 * BatchConfig batch = BatchConfig.builder().maxQueueSize(4096).scheduledDelayMs(1000).maxExportBatchSize(1024).build();
 * }</pre>
 *
 * <p>A full queue drops the newest span and counts it; the application is never blocked.
 */
public final class BatchConfig {
  /** Default bound of the export queue, {@value} spans. */
  public static final int DEFAULT_MAX_QUEUE_SIZE = 2048;
  /** Default delay between two scheduled exports, {@value} ms. */
  public static final long DEFAULT_SCHEDULED_DELAY_MS = 5000;
  /** Default largest batch, {@value} spans. */
  public static final int DEFAULT_MAX_EXPORT_BATCH_SIZE = 512;
  /** Default time one export may take, {@value} ms. */
  public static final long DEFAULT_EXPORT_TIMEOUT_MS = 30_000;

  private static final BatchConfig DEFAULT = builder().build();

  private final int maxQueueSize;
  private final long scheduledDelayMs;
  private final int maxExportBatchSize;
  private final long exportTimeoutMs;

  private BatchConfig(Builder b) {
    this.maxQueueSize = b.maxQueueSize;
    this.scheduledDelayMs = b.scheduledDelayMs;
    this.maxExportBatchSize = b.maxExportBatchSize;
    this.exportTimeoutMs = b.exportTimeoutMs;
    if (maxQueueSize < 1) {
      throw new IllegalArgumentException("maxQueueSize must be at least 1, was " + maxQueueSize);
    }
    if (scheduledDelayMs < 0) {
      throw new IllegalArgumentException("scheduledDelayMs must not be negative, was " + scheduledDelayMs);
    }
    if (maxExportBatchSize < 1 || maxExportBatchSize > maxQueueSize) {
      throw new IllegalArgumentException("maxExportBatchSize must be between 1 and maxQueueSize (" + maxQueueSize
          + "), was " + maxExportBatchSize);
    }
    if (exportTimeoutMs < 1) {
      throw new IllegalArgumentException("exportTimeoutMs must be positive, was " + exportTimeoutMs);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The defaults. */
  public static BatchConfig defaults() {
    return DEFAULT;
  }

  public int maxQueueSize() {
    return maxQueueSize;
  }

  public long scheduledDelayMs() {
    return scheduledDelayMs;
  }

  public int maxExportBatchSize() {
    return maxExportBatchSize;
  }

  public long exportTimeoutMs() {
    return exportTimeoutMs;
  }

  @Override
  public String toString() {
    return "BatchConfig{maxQueueSize=" + maxQueueSize + ", scheduledDelayMs=" + scheduledDelayMs
        + ", maxExportBatchSize=" + maxExportBatchSize + ", exportTimeoutMs=" + exportTimeoutMs + "}";
  }

  /** Builder for {@link BatchConfig}. */
  public static final class Builder {
    private int maxQueueSize = DEFAULT_MAX_QUEUE_SIZE;
    private long scheduledDelayMs = DEFAULT_SCHEDULED_DELAY_MS;
    private int maxExportBatchSize = DEFAULT_MAX_EXPORT_BATCH_SIZE;
    private long exportTimeoutMs = DEFAULT_EXPORT_TIMEOUT_MS;

    private Builder() {}

    /** Bound of the queue; default {@value BatchConfig#DEFAULT_MAX_QUEUE_SIZE}. */
    public Builder maxQueueSize(int maxQueueSize) {
      this.maxQueueSize = maxQueueSize;
      return this;
    }

    /** Delay between scheduled exports; default {@value BatchConfig#DEFAULT_SCHEDULED_DELAY_MS} ms. */
    public Builder scheduledDelayMs(long scheduledDelayMs) {
      this.scheduledDelayMs = scheduledDelayMs;
      return this;
    }

    /** Largest batch; default {@value BatchConfig#DEFAULT_MAX_EXPORT_BATCH_SIZE}. */
    public Builder maxExportBatchSize(int maxExportBatchSize) {
      this.maxExportBatchSize = maxExportBatchSize;
      return this;
    }

    /** Time one export may take; default {@value BatchConfig#DEFAULT_EXPORT_TIMEOUT_MS} ms. */
    public Builder exportTimeoutMs(long exportTimeoutMs) {
      this.exportTimeoutMs = exportTimeoutMs;
      return this;
    }

    public BatchConfig build() {
      return new BatchConfig(this);
    }
  }
}
