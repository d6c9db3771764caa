package io.scouter.testkit.reliability;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.SpanExporterConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load of the reliability tests: a traced call as an application makes it (a span with an input captured), run at
 * a fixed rate on the calling thread, timing each call as the caller sees it.
 */
final class Load {
  private Load() {}

  /** Seconds of the overload soak: 10 in CI, {@code -Dscouter.soak.seconds=30} for the full run. */
  static int soakSeconds() {
    return Integer.getInteger("scouter.soak.seconds", 10);
  }

  /** One traced call: what the application pays for tracing. */
  static void tracedCall(ScouterTracer tracer, long i) {
    try (ActiveSpan span = tracer.spanBuilder("handle").startAsCurrent()) {
      span.setInput(Map.of("order", i, "customer", "c-" + (i % 97)));
      span.setAttribute("i", i);
    }
  }

  /**
   * Makes {@code ratePerSecond} traced calls per second for {@code duration} (a late call is made at once, so a stall
   * shows as latency, not as a lower rate), timing every call.
   */
  static Result paced(ScouterTracer tracer, int ratePerSecond, Duration duration) {
    long total = ratePerSecond * duration.toSeconds();
    long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
    long[] latencies = new long[(int) total];
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 20_000) {
        LockSupport.parkNanos(wait);
      }
      long t0 = System.nanoTime();
      tracedCall(tracer, i);
      latencies[i] = System.nanoTime() - t0;
    }
    return new Result(total, System.nanoTime() - start, latencies);
  }

  /** What a paced run achieved. */
  record Result(long calls, long nanos, long[] latencies) {
    double ratePerSecond() {
      return calls * 1e9 / nanos;
    }

    /** The {@code p}-th percentile (0..100) of the call latencies, in microseconds. */
    double percentileMicros(double p) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
      return sorted[Math.max(0, index)] / 1000.0;
    }

    String summary() {
      return String.format("%,d calls at %,.0f/s; latency p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us",
          calls, ratePerSecond(), percentileMicros(50), percentileMicros(99), percentileMicros(99.9),
          percentileMicros(100));
    }
  }

  /**
   * A second exporter that takes every batch at once and keeps nothing (the mock transport's discarding exporter), to
   * show that the counters and the queue are per exporter.
   */
  static final class FastExporter implements SpanExporterConfig {
    @Override
    public String name() {
      return "fast";
    }

    @Override
    public SpanExporter createSpanExporter() {
      return SpanExporter.composite(); // accepts and discards every batch
    }
  }
}
