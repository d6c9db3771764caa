package io.scouter.bench;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The peer users get without code: the OpenTelemetry Java agent's {@code @WithSpan} on a plain class, in forks started
 * with {@code -javaagent:benchmarks/target/agent/opentelemetry-javaagent.jar} (run JMH from the repository root), each
 * with the same class unannotated as its baseline in the same fork:
 *
 * <ul>
 *   <li>{@link ExporterNone}: exporter {@code none} (spans are created, sampled and ended, nothing is processed);
 *   <li>{@link BatchProcessor}: the agent's batch span processor (queue 65,536 as the other benchmarks) over the no-op
 *       exporter {@code bench-noop} of {@code benchmarks/target/agent/bench-noop-exporter.jar}.
 * </ul>
 *
 * <p>{@link Agent#setUp} refuses to run unless the agent is attached and the {@code @WithSpan} method runs in a sampled
 * span.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class PeerAgentBenchmark {
  private static final String AGENT = "-javaagent:benchmarks/target/agent/opentelemetry-javaagent.jar";

  /** The same method as everywhere, with the agent's annotation. */
  public static class AgentTraced {
    @WithSpan
    public Prediction score(Features features) {
      return Scoring.score(features);
    }

    @WithSpan
    boolean[] probe() {
      var ctx = Span.current().getSpanContext();
      return new boolean[] {ctx.isValid(), ctx.isSampled()};
    }
  }

  /** The argument, the annotated class and the unannotated baseline; checks that the agent traces. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class Agent {
    Features features;
    AgentTraced traced;
    PlainService plain;

    @Setup
    public void setUp() {
      features = new Features(42, "feature-vector", 3.25);
      traced = new AgentTraced();
      plain = new PlainService();
      boolean[] probe = traced.probe();
      if (!probe[0] || !probe[1]) {
        throw new IllegalStateException("Benchmark sanity check failed: no sampled span inside the agent's @WithSpan"
            + " method; is " + AGENT + " attached (run from the repository root after packaging)?");
      }
      if (Span.current().getSpanContext().isValid()) {
        throw new IllegalStateException("Benchmark sanity check failed: a span is left current after @WithSpan");
      }
    }
  }

  @Benchmark
  public Prediction plain(Agent a) {
    return a.plain.score(a.features);
  }

  @Benchmark
  public Prediction withSpan(Agent a) {
    return a.traced.score(a.features);
  }

  /** The agent with exporter {@code none}: spans are created, sampled and ended, nothing is processed. */
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", AGENT, "-Dotel.service.name=bench",
      "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none", "-Dotel.traces.exporter=none"})
  public static class ExporterNone extends PeerAgentBenchmark {}

  /** The agent's batch span processor (queue 65,536) over the no-op exporter extension. */
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", AGENT, "-Dotel.service.name=bench",
      "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none", "-Dotel.traces.exporter=bench-noop",
      "-Dotel.javaagent.extensions=benchmarks/target/agent/bench-noop-exporter.jar", "-Dotel.bsp.max.queue.size=65536"})
  public static class BatchProcessor extends PeerAgentBenchmark {}
}
