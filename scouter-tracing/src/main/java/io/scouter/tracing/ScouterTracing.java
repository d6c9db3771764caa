package io.scouter.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.scouter.tracing.internal.HeaderCodec;
import io.scouter.tracing.internal.log.LogCorrelation;
import io.scouter.tracing.internal.ShutdownLog;
import io.scouter.tracing.internal.ShutdownOwner;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The process-wide entry point, the Java twin of Scouter's Python {@code init_tracer}, {@code get_tracer},
 * {@code flush_tracer}, {@code shutdown_tracer} and header helpers.
 *
 * <pre>{@code
 * ScouterTracing.initTracer(TracerConfig.builder().serviceName("chat-svc").build());
 * ScouterTracer tracer = ScouterTracing.getTracer("chat-svc");
 * try (ActiveSpan span = tracer.startAsCurrentSpan("call_b")) {
 *   Map<String, String> headers = ScouterTracing.tracingHeadersFromCurrentSpan();  // send with the request
 * }
 * ScouterTracing.shutdown();
 * }</pre>
 *
 * <p>{@link #initTracer} is idempotent like upstream: while a tracer is initialised, later calls return a tracer of the
 * existing provider (the first configuration wins). {@link #shutdown()} exports everything queued, bounded by
 * {@link TracerConfig#shutdownTimeout()}; a JVM shutdown hook does it for applications that forget (when a container
 * such as the CDI extension owns the tracer, the hook only steps in if the container's shutdown does not).
 */
public final class ScouterTracing {
  /** How long {@link #flush()} waits at most, {@value} ms; {@link #shutdown()} takes TracerConfig's shutdownTimeout. */
  public static final long DEFAULT_FLUSH_TIMEOUT_MS = 30_000;
  private static final Logger LOG = Logger.getLogger(ScouterTracing.class.getName());
  private static final Object LOCK = new Object();
  private static volatile TracingRuntime runtime;
  private static Thread shutdownHook;

  static {
    // log correlation hooks OpenTelemetry's context storage, which works only before its first use
    LogCorrelation.install();
  }

  private ScouterTracing() {}

  /**
   * Initialises the process-wide tracer provider and returns the tracer named after the service. A second call while
   * initialised returns a tracer of the existing provider and logs that its configuration was ignored.
   *
   * @throws IllegalStateException if the configured transport's artifact is missing
   */
  public static ScouterTracer initTracer(TracerConfig config) {
    synchronized (LOCK) {
      TracingRuntime rt = runtime;
      if (rt != null) {
        if (rt.config != config) {
          LOG.fine("Scouter tracer already initialised; keeping the first configuration");
        }
        return rt.tracer(config.serviceName());
      }
      rt = TracingRuntime.create(config);
      runtime = rt;
      if (config.logCorrelation()) {
        String sinks = LogCorrelation.start(config.openTelemetry() != null);
        LOG.fine(() -> "Scouter log correlation: " + sinks);
      }
      if (config.shutdownHook()) {
        shutdownHook = new Thread(ScouterTracing::shutdownFromHook, "scouter-shutdown");
        try {
          Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
          shutdownHook = null;
        }
      }
      LOG.fine(() -> "Scouter tracer initialised: " + config);
      return rt.tracer(config.serviceName());
    }
  }

  /** Whether a tracer provider is initialised. */
  public static boolean isInitialized() {
    return runtime != null;
  }

  /** The configuration in effect. @throws IllegalStateException if not initialised */
  public static TracerConfig config() {
    return require().config;
  }

  /** The tracer with that name (the instrumentation scope). @throws IllegalStateException if not initialised */
  public static ScouterTracer getTracer(String name) {
    return require().tracer(name);
  }

  /**
   * Exports everything queued, waiting at most {@value #DEFAULT_FLUSH_TIMEOUT_MS} ms.
   *
   * @return whether every exporter finished in time
   * @throws IllegalStateException if not initialised
   */
  public static boolean flush() {
    return require().flush(DEFAULT_FLUSH_TIMEOUT_MS);
  }

  /**
   * Exports everything queued and stops the provider, within {@link TracerConfig#shutdownTimeout()}; a no-op when not
   * initialised. Spans not delivered by then (the server is down, say) are counted in one warning
   * ({@code "Scouter could not deliver N spans before shutdown ..."}). Local capture is cleared.
   */
  public static void shutdown() {
    shutdown(null);
  }

  /**
   * Shuts {@code queue} down first (publishing its records), then the tracer as {@link #shutdown()}, both within one
   * {@link TracerConfig#shutdownTimeout()}; what neither could deliver is counted in one warning. With a {@code null}
   * queue, or when not initialised, the same as {@code queue.shutdown()} and {@link #shutdown()} one after the other.
   *
   * <pre>{@code
   * ScouterTracing.shutdown(queue);   // records first, then spans; at most the shutdown timeout
   * }</pre>
   */
  public static void shutdown(io.scouter.queue.ScouterQueue queue) {
    TracingRuntime rt;
    synchronized (LOCK) {
      rt = runtime;
      runtime = null;
      if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
          // the hook is running or about to run; it will find nothing to do
        }
      }
      shutdownHook = null;
      ShutdownOwner.release();
      LOCK.notifyAll(); // a fallback hook waiting for the owner's shutdown
    }
    if (rt == null) {
      if (queue != null) {
        queue.shutdown();
      }
      return;
    }
    LogCorrelation.stop();
    Duration timeout = rt.config.shutdownTimeout();
    long deadline = System.nanoTime() + timeout.toNanos();
    long records = 0;
    if (queue != null) {
      records = queue.shutdown(timeout);
    }
    int spans = rt.shutdown(deadline);
    if (spans > 0 || records > 0) {
      ShutdownLog.warning(LOG, "Scouter could not deliver " + spans + " spans" + (queue == null ? "" : " and " + records
          + " queue records") + " before shutdown (shutdown timeout " + timeout.toMillis() + " ms, "
          + "scouter.shutdown-timeout); they are lost. Was the Scouter server reachable?");
    }
  }

  private static void shutdownFromHook() {
    try {
      TracingRuntime rt = runtime;
      if (rt != null && ShutdownOwner.isContainer()) {
        // a container (the CDI extension) owns the tracer: its shutdown, often run by another JVM shutdown hook at the
        // same time as this one, flushes queue records and spans first; this hook only steps in if it does not
        awaitOwnerShutdown(rt.config.shutdownTimeout());
      }
      shutdown();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Scouter shutdown hook failed", e);
    }
  }

  private static void awaitOwnerShutdown(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (LOCK) {
      long left;
      while (runtime != null && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(LOCK, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Counters per exporter ({@code scouter} and the secondary exporter's name). In runtime SDK mode, the counters of the
   * {@code scouter} exporter the runtime's SDK created ({@code otel.traces.exporter=scouter}).
   */
  public static Map<String, ExporterStats> stats() {
    TracingRuntime rt = runtime;
    return rt == null ? Map.of() : rt.stats();
  }

  /**
   * The propagation headers of the current span: {@code trace_id} (32 hex), {@code span_id} (16 hex),
   * {@code is_sampled} ({@code "true"}/{@code "false"}), {@code traceparent} and {@code tracestate}.
   *
   * @throws IllegalStateException if no span is active on this thread
   */
  public static Map<String, String> tracingHeadersFromCurrentSpan() {
    SpanContext ctx = Span.current().getSpanContext();
    if (!ctx.isValid()) {
      throw new IllegalStateException("No active span found: call tracingHeadersFromCurrentSpan() inside a span "
          + "(a @Traced method or a try-with-resources ActiveSpan)");
    }
    return HeaderCodec.headers(ctx);
  }

  /**
   * The remote parent in incoming headers: W3C {@code traceparent} (and {@code tracestate}) first, then the legacy
   * {@code trace_id}/{@code span_id}/{@code is_sampled} (sampled defaults to false). Keys are case-insensitive. Invalid
   * values give an empty result, never an exception.
   */
  public static Optional<RemoteParent> extractRemoteParent(Map<String, ?> headers) {
    return HeaderCodec.extract(headers);
  }

  /** Starts keeping finished spans in memory (in addition to exporting them). */
  public static void enableLocalCapture() {
    TracingRuntime rt = require();
    if (rt.runtimeSdk != null) {
      throw new IllegalStateException("Local capture needs the tracer's own SDK; it is running on the runtime's "
          + "OpenTelemetry (runtime SDK mode, scouter.sdk=runtime)");
    }
    rt.capture.enable();
  }

  /** Stops local capture and clears the buffer. */
  public static void disableLocalCapture() {
    TracingRuntime rt = runtime;
    if (rt != null) {
      rt.capture.disable();
    }
  }

  /** Returns and clears the captured spans; empty when capture is off or the tracer is not initialised. */
  public static List<TraceSpanRecord> drainLocalSpans() {
    TracingRuntime rt = runtime;
    return rt == null ? List.of() : rt.capture.drain();
  }

  /** The captured spans of those traces, without draining. */
  public static List<TraceSpanRecord> localSpansByTraceIds(Collection<String> traceIds) {
    TracingRuntime rt = runtime;
    return rt == null ? List.of() : rt.capture.byTraceIds(traceIds);
  }

  private static TracingRuntime require() {
    TracingRuntime rt = runtime;
    if (rt == null) {
      throw new IllegalStateException("Scouter tracer is not initialised: call ScouterTracing.initTracer(config) "
          + "first (the CDI extension does it at startup)");
    }
    return rt;
  }
}
