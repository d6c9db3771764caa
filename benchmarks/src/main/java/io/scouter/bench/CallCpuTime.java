package io.scouter.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The per-call cases of {@link TracingOverheadBenchmark} measured in CPU time instead of wall time, for a machine busy
 * with other work (time spent descheduled does not count). Two JVMs, started one after the other by this class (the
 * Scouter tracer is process-wide): {@code sampled} runs Weld with the Scouter extension (every trace sampled) beside a
 * second Weld with SmallRye OpenTelemetry's {@code @WithSpan} on its own SDK, and measures c, e, f, h and i;
 * {@code unsampled} (ratio 0) measures c, g and p, the floor of propagation (c inside a new unsampled root span made
 * current, without our interceptor). Cases marked {@code -noCorrelation} run with log correlation stopped
 * for their turn (the SmallRye cases always: that peer writes no MDC). Within a JVM the cases alternate, one second of
 * CPU each per round; per case it prints the median over the measured rounds of the benchmark thread's CPU ns per call
 * ({@code thread}) and of the whole process (export worker, GC and JIT included: {@code process}), then the ratios of
 * issue 16 computed from those medians.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.scouter.bench.CallCpuTime [rounds]             # both JVMs
 * java -cp benchmarks/target/benchmarks.jar io.scouter.bench.CallCpuTime [rounds] unsampled   # one of them
 * }</pre>
 */
public final class CallCpuTime {
  private static final String[] CONFIGS = {"sampled", "unsampled"};
  private static final int WARMUP_ROUNDS = 2;

  private CallCpuTime() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    if (args.length > 1) {
      for (Map.Entry<String, double[]> e : measure(args[1], rounds).entrySet()) {
        System.out.printf(java.util.Locale.ROOT, "RESULT %s %s %.1f %.1f%n", args[1], e.getKey(), e.getValue()[0],
            e.getValue()[1]);
      }
      return;
    }
    Map<String, double[]> all = new LinkedHashMap<>();
    for (String config : CONFIGS) {
      List<String> cmd = new ArrayList<>(List.of(
          ProcessHandle.current().info().command().orElse("java"), "-Xms1g", "-Xmx1g",
          "-cp", System.getProperty("java.class.path"), CallCpuTime.class.getName(), String.valueOf(rounds), config));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
        for (String line; (line = in.readLine()) != null;) {
          if (line.startsWith("RESULT ")) {
            String[] f = line.split(" ");
            all.put(f[1] + "." + f[2], new double[] {Double.parseDouble(f[3]), Double.parseDouble(f[4])});
          }
          if (line.startsWith("round ")) {
            System.out.println(config + " " + line);
          }
        }
      }
      if (p.waitFor() != 0) {
        throw new IllegalStateException(config + " failed with exit code " + p.exitValue());
      }
    }
    System.out.println();
    System.out.printf("%-36s %12s %12s%n", "case", "thread ns", "process ns");
    all.forEach((k, v) -> System.out.printf(java.util.Locale.ROOT, "%-36s %12.1f %12.1f%n", k, v[0], v[1]));
    System.out.println();
    ratio(all, "unsampled ≤ 1.2× the no-op interceptor (g / c)", "unsampled.g", "unsampled.c");
    ratio(all, "  the same, log correlation off", "unsampled.g-noCorrelation", "unsampled.c");
    ratio(all, "  floor: c inside a new unsampled span made current (p / c)", "unsampled.p", "unsampled.c");
    ratio(all, "  the same, log correlation off", "unsampled.p-noCorrelation", "unsampled.c");
    ratio(all, "sampled no capture ≤ 1.0× SmallRye @WithSpan (e / h)", "sampled.e", "sampled.h");
    ratio(all, "  the same, log correlation off", "sampled.e-noCorrelation", "sampled.h");
    ratio(all, "capture ≤ 1.0× SmallRye @WithSpan + @SpanAttribute (f / i)", "sampled.f", "sampled.i");
    ratio(all, "  the same, log correlation off", "sampled.f-noCorrelation", "sampled.i");
    ratio(all, "capture ≤ 1.3× SmallRye @WithSpan (f / h)", "sampled.f", "sampled.h");
  }

  private static void ratio(Map<String, double[]> all, String label, String a, String b) {
    double[] x = all.get(a);
    double[] y = all.get(b);
    if (x != null && y != null) {
      System.out.printf("%-62s thread %.2f×  process %.2f×%n", label, x[0] / y[0], x[1] / y[1]);
    }
  }

  /** A case: the call, and whether log correlation is on during its turn. */
  private record Case(Supplier<Object> call, boolean correlation) {}

  /** Runs one configuration in this JVM: case name to {thread, process} CPU ns per call (medians). */
  static Map<String, double[]> measure(String config, int rounds) {
    Features features = new Features(42, "feature-vector", 3.25);
    Map<String, Case> cases = new LinkedHashMap<>();
    List<Runnable> stops = new ArrayList<>();
    Runnable stop = () -> stops.forEach(Runnable::run);
    switch (config) {
      case "sampled" -> {
        CdiContainer cdi = CdiContainer.start(true, true);
        stops.add(cdi::stop);
        SmallRyeContainer smallrye = SmallRyeContainer.start();
        stops.add(0, smallrye::stop);
        cases.put("c", new Case(() -> cdi.noop.score(features), true));
        cases.put("e", new Case(() -> cdi.tracedNoCapture.score(features), true));
        cases.put("e-noCorrelation", new Case(() -> cdi.tracedNoCapture.score(features), false));
        cases.put("f", new Case(() -> cdi.tracedCapture.score(features), true));
        cases.put("f-noCorrelation", new Case(() -> cdi.tracedCapture.score(features), false));
        cases.put("h", new Case(() -> smallrye.bean.score(features), false));
        cases.put("i", new Case(() -> smallrye.bean.scoreWithAttribute(features), false));
      }
      case "unsampled" -> {
        CdiContainer cdi = CdiContainer.start(false, true);
        stops.add(cdi::stop);
        cases.put("c", new Case(() -> cdi.noop.score(features), true));
        cases.put("g", new Case(() -> cdi.tracedCapture.score(features), true));
        cases.put("g-noCorrelation", new Case(() -> cdi.tracedCapture.score(features), false));
        // the floor of propagation: c inside a new unsampled root span made current, no interceptor of ours
        io.scouter.tracing.internal.UnsampledRoots roots = new io.scouter.tracing.internal.UnsampledRoots();
        Supplier<Object> floor = () -> {
          try (io.opentelemetry.context.Scope ignored =
              io.opentelemetry.context.Context.current().with(roots.start()).makeCurrent()) {
            return cdi.noop.score(features);
          }
        };
        cases.put("p", new Case(floor, true));
        cases.put("p-noCorrelation", new Case(floor, false));
      }
      default -> throw new IllegalArgumentException("unknown configuration " + config + ", expected one of "
          + Arrays.toString(CONFIGS));
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<String, double[][]> samples = new LinkedHashMap<>();
    cases.keySet().forEach(k -> samples.put(k, new double[2][rounds - WARMUP_ROUNDS]));
    long sink = 0;
    try {
      for (int round = 0; round < rounds; round++) {
        StringBuilder line = new StringBuilder("round ").append(round).append(':');
        for (Map.Entry<String, Case> c : cases.entrySet()) {
          Supplier<Object> call = c.getValue().call();
          correlation(c.getValue().correlation());
          long t0 = mx.getCurrentThreadCpuTime();
          long p0 = os.getProcessCpuTime();
          long n = 0;
          while (mx.getCurrentThreadCpuTime() - t0 < 1_000_000_000L) {
            for (int i = 0; i < 1000; i++) {
              sink += call.get().hashCode();
            }
            n += 1000;
          }
          double thread = (double) (mx.getCurrentThreadCpuTime() - t0) / n;
          double process = (double) (os.getProcessCpuTime() - p0) / n;
          line.append(String.format(" %s %.1f/%.1f", c.getKey(), thread, process));
          if (round >= WARMUP_ROUNDS) {
            samples.get(c.getKey())[0][round - WARMUP_ROUNDS] = thread;
            samples.get(c.getKey())[1][round - WARMUP_ROUNDS] = process;
          }
        }
        System.out.println(line);
      }
    } finally {
      stop.run();
    }
    if (sink == 42) {
      System.out.println(); // keeps the results alive
    }
    Map<String, double[]> medians = new LinkedHashMap<>();
    samples.forEach((k, v) -> medians.put(k, new double[] {median(v[0]), median(v[1])}));
    return medians;
  }

  /** Log correlation on or off from now on (the hook stays installed; off, it is one volatile read per attach). */
  private static void correlation(boolean on) {
    if (on != io.scouter.tracing.internal.log.LogCorrelation.active()) {
      if (on) {
        io.scouter.tracing.internal.log.LogCorrelation.start(false);
      } else {
        io.scouter.tracing.internal.log.LogCorrelation.stop();
      }
    }
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
