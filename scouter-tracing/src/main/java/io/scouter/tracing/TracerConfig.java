package io.scouter.tracing;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link ScouterTracing#initTracer(TracerConfig)} needs: service name, the Scouter transport, an optional
 * second exporter, sampling, batching and capture limits.
 *
 * <pre>{@code
 * TracerConfig config = TracerConfig.builder()
 *     .serviceName("chat-svc")
 *     .transport(HttpConfig.builder().uri("http://scouter:8000").build())
 *     .exporter(HttpSpanExporter.builder().build())
 *     .sampleRatio(0.1)                          // both exports: 10% of new traces
 *     .batchConfig(BatchConfig.builder().maxQueueSize(4096).build())
 *     .captureMaxLength(5000)
 *     .build();
 * }</pre>
 *
 * <p>Sampling as Scouter documents it: {@link Builder#sampleRatio} (when set) decides for new traces and for both
 * exports, and overrides an exporter's own ratio (which is then ignored, with a warning); without it, an exporter's
 * ratio thins only that exporter, by trace id. Parent-based: a remote or local parent's sampled flag is respected; a
 * remote parent whose headers carry no {@code is_sampled} decided nothing, so the ratio decides on its trace id.
 */
public final class TracerConfig {
  /** Default service name, {@value} (as upstream). */
  public static final String DEFAULT_SERVICE_NAME = "scouter_service";
  /** Default cut of each captured string leaf, {@value} characters. */
  public static final int DEFAULT_CAPTURE_MAX_LENGTH = 5000;
  /**
   * Default bound of {@link ScouterTracing#shutdown()}: 5 seconds to deliver what is queued before the rest is counted
   * as undelivered (MicroProfile Config key {@code scouter.shutdown-timeout}).
   */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  private final String serviceName;
  private final TransportConfig transport;
  private final SpanExporterConfig exporter;
  private final Double sampleRatio;
  private final BatchConfig batchConfig;
  private final boolean batchExport;
  private final int captureMaxLength;
  private final boolean shutdownHook;
  private final boolean logCorrelation;
  private final Duration shutdownTimeout;
  private final io.opentelemetry.api.OpenTelemetry openTelemetry;

  private TracerConfig(Builder b) {
    this.serviceName = b.serviceName == null || b.serviceName.isBlank() ? DEFAULT_SERVICE_NAME : b.serviceName;
    this.transport = b.transport != null ? b.transport : HttpConfig.builder().build();
    this.exporter = b.exporter;
    this.sampleRatio = checkRatio(b.sampleRatio, "sampleRatio");
    this.batchConfig = b.batchConfig != null ? b.batchConfig : BatchConfig.defaults();
    this.batchExport = b.batchExport;
    if (b.captureMaxLength < 1) {
      throw new IllegalArgumentException("captureMaxLength must be at least 1, was " + b.captureMaxLength);
    }
    this.captureMaxLength = b.captureMaxLength;
    this.shutdownHook = b.shutdownHook;
    this.logCorrelation = b.logCorrelation;
    if (b.shutdownTimeout.isNegative() || b.shutdownTimeout.isZero()) {
      throw new IllegalArgumentException("shutdownTimeout must be positive, was " + b.shutdownTimeout);
    }
    this.shutdownTimeout = b.shutdownTimeout;
    this.openTelemetry = b.openTelemetry;
  }

  static Double checkRatio(Double ratio, String name) {
    if (ratio == null) {
      return null;
    }
    if (ratio.isNaN() || ratio.isInfinite()) {
      throw new IllegalArgumentException(name + " must be a number between 0.0 and 1.0, was " + ratio);
    }
    return Math.max(0.0, Math.min(1.0, ratio));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this configuration, to derive another from it (this one is unchanged).
   *
   * <pre>{@code
   * TracerConfig withoutExport = config.toBuilder().noTransport().build();
   * }</pre>
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.serviceName = serviceName;
    b.transport = transport;
    b.noTransport = transport == null;
    b.exporter = exporter;
    b.sampleRatio = sampleRatio;
    b.batchConfig = batchConfig;
    b.batchExport = batchExport;
    b.captureMaxLength = captureMaxLength;
    b.shutdownHook = shutdownHook;
    b.logCorrelation = logCorrelation;
    b.shutdownTimeout = shutdownTimeout;
    b.openTelemetry = openTelemetry;
    return b;
  }

  public String serviceName() {
    return serviceName;
  }

  /** The Scouter transport; {@code null} means no Scouter export at all ({@code scouter.transport=none}). */
  public TransportConfig transport() {
    return transport;
  }

  /** The secondary exporter, or {@code null}. */
  public SpanExporterConfig exporter() {
    return exporter;
  }

  /** The global ratio, clamped to [0, 1], or {@code null} to sample every new trace. */
  public Double sampleRatio() {
    return sampleRatio;
  }

  public BatchConfig batchConfig() {
    return batchConfig;
  }

  /** Whether the Scouter export is batched (default) or sent as each span ends. */
  public boolean batchExport() {
    return batchExport;
  }

  public int captureMaxLength() {
    return captureMaxLength;
  }

  /** Whether a JVM shutdown hook flushes and shuts the tracer down if the application did not. */
  public boolean shutdownHook() {
    return shutdownHook;
  }

  /**
   * Whether the current span's {@code trace_id}, {@code span_id} and {@code is_sampled} are put into the logging
   * context (SLF4J MDC, JBoss LogManager MDC, Log4j 2 ThreadContext, Liberty's log record extensions) while a span is
   * current.
   */
  public boolean logCorrelation() {
    return logCorrelation;
  }

  /**
   * How long {@link ScouterTracing#shutdown()} (and the shutdown hook) may take to deliver what is still queued; what
   * is not delivered by then is counted in one warning. Default {@link #DEFAULT_SHUTDOWN_TIMEOUT}.
   */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * The runtime's OpenTelemetry that spans are built on ("runtime SDK mode"), or {@code null} when the tracer runs its
   * own SDK (the default).
   */
  public io.opentelemetry.api.OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  @Override
  public String toString() {
    return "TracerConfig{serviceName=" + serviceName + ", transport=" + transport + ", exporter=" + exporter
        + ", sampleRatio=" + sampleRatio + ", " + batchConfig + ", batchExport=" + batchExport
        + ", captureMaxLength=" + captureMaxLength + ", shutdownTimeout=" + shutdownTimeout
        + (logCorrelation ? "" : ", logCorrelation=false") + (openTelemetry == null ? "" : ", sdk=runtime") + "}";
  }

  /** Builder for {@link TracerConfig}. */
  public static final class Builder {
    private String serviceName;
    private TransportConfig transport;
    private boolean noTransport;
    private SpanExporterConfig exporter;
    private Double sampleRatio;
    private BatchConfig batchConfig;
    private boolean batchExport = true;
    private int captureMaxLength = DEFAULT_CAPTURE_MAX_LENGTH;
    private boolean shutdownHook = true;
    private boolean logCorrelation = true;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private io.opentelemetry.api.OpenTelemetry openTelemetry;

    private Builder() {}

    /** The {@code service.name} resource attribute; default {@value TracerConfig#DEFAULT_SERVICE_NAME}. */
    public Builder serviceName(String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    /** The Scouter transport; default HTTP to {@code SCOUTER_SERVER_URI}. */
    public Builder transport(TransportConfig transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      this.noTransport = false;
      return this;
    }

    /** No Scouter export at all; spans reach only local capture and the secondary exporter. */
    public Builder noTransport() {
      this.transport = null;
      this.noTransport = true;
      return this;
    }

    /** The secondary exporter (OTLP or test). */
    public Builder exporter(SpanExporterConfig exporter) {
      this.exporter = exporter;
      return this;
    }

    /** Global sample ratio, clamped to [0, 1]; NaN and infinities are rejected. */
    public Builder sampleRatio(double sampleRatio) {
      this.sampleRatio = sampleRatio;
      return this;
    }

    public Builder batchConfig(BatchConfig batchConfig) {
      this.batchConfig = batchConfig;
      return this;
    }

    /** {@code false} exports each span to Scouter as it ends (tests); default {@code true}. */
    public Builder batchExport(boolean batchExport) {
      this.batchExport = batchExport;
      return this;
    }

    /** Default cut of captured string leaves; default {@value TracerConfig#DEFAULT_CAPTURE_MAX_LENGTH}. */
    public Builder captureMaxLength(int captureMaxLength) {
      this.captureMaxLength = captureMaxLength;
      return this;
    }

    /** Whether to register a JVM shutdown hook that flushes; default {@code true}. */
    public Builder shutdownHook(boolean shutdownHook) {
      this.shutdownHook = shutdownHook;
      return this;
    }

    /**
     * Log correlation (default {@code true}): while a span is current, {@code trace_id}, {@code span_id} and
     * {@code is_sampled} are in the MDC of every logging API on the class path (SLF4J, JBoss LogManager, Log4j 2
     * {@code ThreadContext}), so a log pattern can print them, e.g. Logback's {@code %X{trace_id}}. For
     * {@code java.util.logging} see {@link io.scouter.tracing.logging.TraceIdFormatter}.
     *
     * <pre>{@code
     * TracerConfig.builder().serviceName("orders").logCorrelation(false).build();   // keep the MDC untouched
     * }</pre>
     */
    public Builder logCorrelation(boolean logCorrelation) {
      this.logCorrelation = logCorrelation;
      return this;
    }

    /**
     * The bound of {@link ScouterTracing#shutdown()}: how long it may take to deliver the spans (and the queue records
     * of {@link ScouterTracing#shutdown(io.scouter.queue.ScouterQueue)}) still queued, e.g. while the server is down.
     * Default {@link TracerConfig#DEFAULT_SHUTDOWN_TIMEOUT}.
     *
     * <pre>{@code
     * TracerConfig.builder().shutdownTimeout(Duration.ofSeconds(2)).build();
     * }</pre>
     *
     * @throws IllegalArgumentException at {@link #build()} if not positive
     */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
      return this;
    }

    /**
     * Runtime SDK mode: build spans on this OpenTelemetry (e.g. the one MicroProfile Telemetry or
     * {@code quarkus-opentelemetry} provides) instead of starting an SDK of our own, so that our spans and the
     * runtime's share one context and one trace. The runtime then samples and exports every span; to send them to
     * Scouter, configure its exporter {@code scouter} ({@code otel.traces.exporter=scouter}). In this mode
     * {@link #transport} serves only the Scouter queue, {@link #exporter} and {@link #sampleRatio} are not used, and
     * local capture is not available. Default {@code null}: our own SDK.
     *
     * <pre>{@code
     * TracerConfig.builder().serviceName("orders").openTelemetry(GlobalOpenTelemetry.get()).build();
     * }</pre>
     */
    public Builder openTelemetry(io.opentelemetry.api.OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
      return this;
    }

    public TracerConfig build() {
      TracerConfig c = new TracerConfig(this);
      return noTransport ? c.withoutTransport() : c;
    }
  }

  private TracerConfig(TracerConfig other, TransportConfig transport) {
    this.serviceName = other.serviceName;
    this.transport = transport;
    this.exporter = other.exporter;
    this.sampleRatio = other.sampleRatio;
    this.batchConfig = other.batchConfig;
    this.batchExport = other.batchExport;
    this.captureMaxLength = other.captureMaxLength;
    this.shutdownHook = other.shutdownHook;
    this.logCorrelation = other.logCorrelation;
    this.shutdownTimeout = other.shutdownTimeout;
    this.openTelemetry = other.openTelemetry;
  }

  private TracerConfig withoutTransport() {
    return new TracerConfig(this, null);
  }
}
