package io.scouter.bench;

import io.scouter.devserver.ScouterDevServer;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TracerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end export throughput over loopback HTTP to the Scouter dev server (scouter-dev-server) at the default queue sizes:
 * spans are created at a fixed rate (default 50,000/s for 10 s) and the run reports what was exported and dropped.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.scouter.bench.ExportThroughput [spansPerSecond] [seconds]
 * </pre>
 */
public final class ExportThroughput {
  private ExportThroughput() {}

  /** A server that only accepts (login and messages), to measure the client side alone. */
  static com.sun.net.httpserver.HttpServer sink() {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      com.sun.net.httpserver.HttpServer s = com.sun.net.httpserver.HttpServer.create(
          new java.net.InetSocketAddress("127.0.0.1", 0), 64);
      s.createContext("/", ex -> {
        ex.getRequestBody().readAllBytes();
        byte[] b = "{\"token\":\"t\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
      });
      s.start();
      return s;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static void main(String[] args) {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    boolean raw = args.length > 2 && args[2].equals("raw");
    com.sun.net.httpserver.HttpServer sink = raw ? sink() : null;
    try (ScouterDevServer server = ScouterDevServer.start()) {
      String uri = raw ? "http://127.0.0.1:" + sink.getAddress().getPort() : server.httpUri().toString();
      ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("throughput")
          .transport(HttpConfig.builder().uri(uri).build()).build());
      long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
      // warm-up: 3 s at the same rate (JIT, first login, connection), not counted
      long warm = (long) rate * 3;
      long w0 = System.nanoTime();
      for (long i = 0; i < warm; i++) {
        long due = w0 + i * intervalNanos;
        long now = System.nanoTime();
        if (due - now > 50_000) {
          LockSupport.parkNanos(due - now);
        }
        try (ActiveSpan span = tracer.spanBuilder("warmup").startAsCurrent()) {
          span.setAttribute("i", i);
        }
      }
      ScouterTracing.flush();
      ExporterStats before = ScouterTracing.stats().get("scouter");
      long total = (long) rate * seconds;
      long start = System.nanoTime();
      for (long i = 0; i < total; i++) {
        long due = start + i * intervalNanos;
        long now = System.nanoTime();
        if (due - now > 50_000) {
          LockSupport.parkNanos(due - now);
        }
        try (ActiveSpan span = tracer.spanBuilder("op").startAsCurrent()) {
          span.setAttribute("i", i);
        }
      }
      double produceSeconds = (System.nanoTime() - start) / 1e9;
      ScouterTracing.flush();
      double totalSeconds = (System.nanoTime() - start) / 1e9;
      Map<String, ExporterStats> stats = ScouterTracing.stats();
      ExporterStats all = stats.get("scouter");
      ExporterStats s = new ExporterStats("scouter", all.exported() - before.exported(),
          all.dropped() - before.dropped(), all.failed() - before.failed(), 0, all.queued(), 0, 0);
      System.out.printf("warm-up (not counted): exported %,d, dropped %,d%n", before.exported(), before.dropped());
      ScouterTracing.shutdown();
      if (!raw) {
        server.awaitSpans((int) all.exported(), Duration.ofSeconds(30));
      } else {
        sink.stop(0);
      }
      System.out.printf("target %,d spans/s for %d s: created %,d in %.2f s (%.0f/s); exported %,d, dropped %,d, "
              + "failed %,d in %.2f s (%.0f spans/s delivered); dev server stored %,d in %,d messages%n",
          rate, seconds, total, produceSeconds, total / produceSeconds, s.exported(), s.dropped(), s.failed(),
          totalSeconds, s.exported() / totalSeconds, raw ? 0 : server.spans().size() - before.exported(),
          server.messages());
    }
  }
}
