package io.scouter.bench;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.internal.log.LogCorrelation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.MDC;

/**
 * What log correlation adds to a sampled {@code @Traced} call: the same call ({@code TracedNoCaptureBean.score},
 * capture off) with {@code logCorrelation} {@code true} and {@code false}; the difference is the cost of writing
 * {@code trace_id}/{@code span_id}/{@code is_sampled} into Logback's MDC (through SLF4J) when the span becomes current
 * and restoring it when its scope closes; {@link #makeCurrentAndClose} measures that hook alone. Each value runs in its
 * own fork.
 *
 * <p>{@code @Setup} refuses to run unless, inside a span, the MDC holds the span's trace id exactly when correlation
 * is on.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class LogCorrelationBenchmark {
  @Param({"true", "false"})
  public boolean logCorrelation;

  Features features;
  CdiContainer cdi;
  /** A context holding a sampled span that is never ended, for the hook alone. */
  Context spanContext;
  /** A child of that span (same trace), for the hook inside a span. */
  Context childContext;

  /**
   * The span of {@link #spanContext} current for a whole iteration on the benchmark thread, as a JAX-RS SERVER span is
   * around the {@code @Traced} calls of a request.
   */
  @State(Scope.Thread)
  public static class InSpan {
    io.opentelemetry.context.Scope scope;

    @Setup(Level.Iteration)
    public void open(LogCorrelationBenchmark b) {
      scope = b.spanContext.makeCurrent();
    }

    @TearDown(Level.Iteration)
    public void close() {
      scope.close();
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    features = new Features(42, "feature-vector", 3.25);
    cdi = CdiContainer.start(true, logCorrelation);
    try (ActiveSpan span = ScouterTracing.getTracer("bench").startAsCurrentSpan("check")) {
      String inMdc = MDC.get("trace_id");
      boolean expected = logCorrelation;
      if (expected != span.traceId().equals(inMdc)) {
        cdi.stop();
        throw new IllegalStateException("Benchmark sanity check failed: logCorrelation=" + logCorrelation
            + " but the MDC holds trace_id=" + inMdc + " inside span " + span.traceId() + " (status "
            + LogCorrelation.status() + ")");
      }
    }
    if (MDC.get("trace_id") != null) {
      cdi.stop();
      throw new IllegalStateException("Benchmark sanity check failed: trace_id left in the MDC after the span");
    }
    Span span = ScouterTracing.getTracer("bench").unwrap().spanBuilder("hook").startSpan();
    spanContext = Context.root().with(span);
    childContext = spanContext.with(ScouterTracing.getTracer("bench").unwrap().spanBuilder("child")
        .setParent(spanContext).startSpan());
    System.out.println("[bench] log correlation " + LogCorrelation.status());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cdi.stop();
  }

  @Benchmark
  public Prediction tracedSampled() {
    return cdi.tracedNoCapture.score(features);
  }

  /** The same call inside a span of the same trace (a request's SERVER span): only {@code span_id} changes. */
  @Benchmark
  public Prediction tracedSampledInSpan(InSpan inSpan) {
    return cdi.tracedNoCapture.score(features);
  }

  /** The hook alone inside a span: a child span's context made current and its scope closed. */
  @Benchmark
  public Context makeCurrentAndCloseInSpan(InSpan inSpan) {
    try (io.opentelemetry.context.Scope ignored = childContext.makeCurrent()) {
      return Context.current();
    }
  }

  /**
   * The hook alone: a sampled span's context made current and its scope closed, on a thread with no span, i.e. one
   * write of the three keys and one removal when on.
   */
  @Benchmark
  public Context makeCurrentAndClose() {
    try (io.opentelemetry.context.Scope ignored = spanContext.makeCurrent()) {
      return Context.current();
    }
  }
}
