package io.scouter.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The {@link WireEncoderBenchmark} comparison measured in CPU time of the measuring thread instead of wall time, for a
 * machine busy with other work (time spent descheduled does not count). Alternates one second of each encoder per
 * round, same batches, same JVM; prints µs of CPU per 512-span batch and the JSON / protobuf ratio per round (the
 * first rounds are warm-up).
 *
 * <pre>{@code
 * java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar io.scouter.bench.WireEncoderCpuTime [rounds]
 * }</pre>
 */
public final class WireEncoderCpuTime {
  private WireEncoderCpuTime() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (String size : new String[] {"SMALL", "MEDIUM"}) {
      WireEncoderBenchmark b = new WireEncoderBenchmark();
      b.size = size;
      b.setUp();
      for (int round = 0; round < rounds; round++) {
        long t0 = mx.getCurrentThreadCpuTime();
        int n = 0;
        while (mx.getCurrentThreadCpuTime() - t0 < 1_000_000_000L) {
          sink += b.scouterJson().length;
          n++;
        }
        double json = (mx.getCurrentThreadCpuTime() - t0) / 1000.0 / n;
        t0 = mx.getCurrentThreadCpuTime();
        n = 0;
        while (mx.getCurrentThreadCpuTime() - t0 < 1_000_000_000L) {
          sink += b.otlpProtobuf().length;
          n++;
        }
        double protobuf = (mx.getCurrentThreadCpuTime() - t0) / 1000.0 / n;
        System.out.printf("%-6s round %d: scouterJson %7.1f µs CPU, otlpProtobuf %7.1f µs CPU, ratio %.2f%n", size,
            round, json, protobuf, json / protobuf);
      }
    }
    if (sink == 42) {
      System.out.println(); // keeps the results alive
    }
  }
}
