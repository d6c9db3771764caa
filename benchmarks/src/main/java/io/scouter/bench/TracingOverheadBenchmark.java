package io.scouter.bench;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.scouter.bench.agent.CountingExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one traced call of a small method, against its baselines, in one run:
 *
 * <ol>
 *   <li>{@link #a_direct}: a plain Java call;
 *   <li>{@link #b_cdiBean}: the same method on an {@code @ApplicationScoped} bean (client proxy);
 *   <li>{@link #c_cdiNoopInterceptor}: that bean with a no-op {@code @AroundInvoke} interceptor;
 *   <li>{@link #d_manualOtelSpan}: a hand-written OpenTelemetry SDK span around the plain call;
 *   <li>{@link #e_tracedNoCapture}: {@code @Traced(captureInput = false, captureOutput = false)}, sampled;
 *   <li>{@link #f_tracedCapture}: {@code @Traced}, sampled, capturing the record argument and the record result;
 *   <li>{@link #g_tracedUnsampled}: {@code @Traced} (capture on) when the sampler drops every trace;
 *   <li>{@link #h_smallryeWithSpan}: the peer, SmallRye OpenTelemetry's CDI {@code @WithSpan} interceptor, on an SDK
 *       with a batch processor over a discarding exporter (as {@link #d_manualOtelSpan});
 *   <li>{@link #i_smallryeWithSpanAttribute}: the same with {@code @SpanAttribute} on the argument, its closest thing
 *       to input capture.
 * </ol>
 *
 * <p>The OpenTelemetry Java agent's {@code @WithSpan} needs forks of its own: {@link PeerAgentBenchmark}.
 *
 * <p>The Scouter tracer is process-wide, so the sampled and unsampled cases use separate states; JMH runs each
 * benchmark method in its own fork, so only one of them is ever initialised in a JVM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TracingOverheadBenchmark {
  private static final AttributeKey<Long> ID = AttributeKey.longKey("bench.id");
  private static final AttributeKey<String> NAME = AttributeKey.stringKey("bench.name");

  /** The argument (a field, so the JIT cannot fold it) and the plain service. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class Inputs {
    Features features;
    PlainService plain;

    @Setup
    public void setUp() {
      features = new Features(42, "feature-vector", 3.25);
      plain = new PlainService();
    }
  }

  /** Weld with the Scouter extension; the tracer samples every trace. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class SampledCdi {
    CdiContainer cdi;

    @Setup(Level.Trial)
    public void setUp() {
      cdi = CdiContainer.start(true);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      cdi.stop();
    }
  }

  /** Weld with the Scouter extension; the tracer's sample ratio is 0.0. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class UnsampledCdi {
    CdiContainer cdi;

    @Setup(Level.Trial)
    public void setUp() {
      cdi = CdiContainer.start(false);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      cdi.stop();
    }
  }

  /** The same with log correlation off (the MDC never written), to tell the hook's share of {@code g}. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class UnsampledCdiNoCorrelation {
    CdiContainer cdi;

    @Setup(Level.Trial)
    public void setUp() {
      cdi = CdiContainer.start(false, false);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      cdi.stop();
    }
  }

  /** A bare OpenTelemetry SDK: BatchSpanProcessor over an exporter that discards. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class Otel {
    SdkTracerProvider provider;
    Tracer tracer;
    CountingExporter exporter;

    @Setup(Level.Trial)
    public void setUp() {
      exporter = new CountingExporter();
      provider = SdkTracerProvider.builder()
          .addSpanProcessor(BatchSpanProcessor.builder(exporter)
              .setMaxQueueSize(CdiContainer.QUEUE_SIZE)
              .build())
          .build();
      tracer = provider.get("bench");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      provider.shutdown().join(10, TimeUnit.SECONDS);
      System.out.println("[bench] otel BatchSpanProcessor exported " + exporter.exported() + " spans");
    }
  }

  /** Weld with SmallRye OpenTelemetry's CDI extension, on its own SDK (no Scouter). */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class SmallRyeCdi {
    SmallRyeContainer cdi;

    @Setup(Level.Trial)
    public void setUp() {
      cdi = SmallRyeContainer.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      cdi.stop();
    }
  }

  @Benchmark
  public Prediction a_direct(Inputs in) {
    return in.plain.score(in.features);
  }

  @Benchmark
  public Prediction b_cdiBean(Inputs in, SampledCdi cdi) {
    return cdi.cdi.plain.score(in.features);
  }

  @Benchmark
  public Prediction c_cdiNoopInterceptor(Inputs in, SampledCdi cdi) {
    return cdi.cdi.noop.score(in.features);
  }

  @Benchmark
  public Prediction d_manualOtelSpan(Inputs in, Otel otel) {
    Span span = otel.tracer.spanBuilder("PlainService.score").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      span.setAttribute(ID, (long) in.features.id());
      span.setAttribute(NAME, in.features.name());
      return in.plain.score(in.features);
    } finally {
      span.end();
    }
  }

  @Benchmark
  public Prediction e_tracedNoCapture(Inputs in, SampledCdi cdi) {
    return cdi.cdi.tracedNoCapture.score(in.features);
  }

  @Benchmark
  public Prediction f_tracedCapture(Inputs in, SampledCdi cdi) {
    return cdi.cdi.tracedCapture.score(in.features);
  }

  @Benchmark
  public Prediction g_tracedUnsampled(Inputs in, UnsampledCdi cdi) {
    return cdi.cdi.tracedCapture.score(in.features);
  }

  @Benchmark
  public Prediction g2_tracedUnsampledNoCorrelation(Inputs in, UnsampledCdiNoCorrelation cdi) {
    return cdi.cdi.tracedCapture.score(in.features);
  }

  @Benchmark
  public Prediction h_smallryeWithSpan(Inputs in, SmallRyeCdi cdi) {
    return cdi.cdi.bean.score(in.features);
  }

  @Benchmark
  public Prediction i_smallryeWithSpanAttribute(Inputs in, SmallRyeCdi cdi) {
    return cdi.cdi.bean.scoreWithAttribute(in.features);
  }
}
