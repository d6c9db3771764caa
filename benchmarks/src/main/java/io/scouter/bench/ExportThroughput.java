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
 * End-to-end export throughput over loopback HTTP at the default queue sizes: spans are created at a fixed rate
 * (default 50,000/s for 10 s, after a 3-second warm-up at that rate that is not counted) and the run reports what was
 * exported and dropped.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.scouter.bench.ExportThroughput [spansPerSecond] [seconds] [raw]
 * java -cp benchmarks/target/benchmarks.jar io.scouter.bench.ExportThroughput compare [seconds] [rate,rate,...]
 * </pre>
 *
 * <p>The first form exports to the Scouter dev server, or with {@code raw} to a bare HTTP sink, in the same JVM.
 * {@code compare} is the side-by-side of issue 16: for every rate, one JVM with the Scouter HTTP export and one with
 * the OpenTelemetry SDK's {@code BatchSpanProcessor} (defaults) + OTLP/HTTP exporter (JDK sender), both to a bare sink
 * in a third JVM that reads and discards every request; each prints exported, dropped and the CPU it used per span
 * (the whole process, and the process minus the thread creating the spans, i.e. the export path).
 */
public final class ExportThroughput {
  private ExportThroughput() {}

  /**
   * A server that only accepts, to measure the client side alone: Scouter login and messages (a token for every
   * request) and OTLP/HTTP ({@code /v1/traces}, an empty response).
   */
  static com.sun.net.httpserver.HttpServer sink() {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      com.sun.net.httpserver.HttpServer s = com.sun.net.httpserver.HttpServer.create(
          new java.net.InetSocketAddress("127.0.0.1", 0), 64);
      s.createContext("/", ex -> {
        ex.getRequestBody().readAllBytes();
        if (ex.getRequestURI().getPath().endsWith("/v1/traces")) {
          // OTLP/HTTP: an empty ExportTraceServiceResponse
          ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
          ex.sendResponseHeaders(200, -1);
          ex.close();
          return;
        }
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

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("compare")) {
      compare(args);
      return;
    }
    if (args.length > 0 && args[0].equals("sink")) {
      com.sun.net.httpserver.HttpServer s = sink();
      System.out.println("PORT " + s.getAddress().getPort());
      System.in.read(); // until the parent closes our input
      s.stop(0);
      return;
    }
    if (args.length > 0 && args[0].equals("run")) {
      run(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      return;
    }
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

  /** Creates {@code rate} spans per second on this thread for {@code count} spans; returns when the last is ended. */
  private static void produce(java.util.function.LongConsumer span, int rate, long count) {
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime();
    for (long i = 0; i < count; i++) {
      long due = start + i * intervalNanos;
      long now = System.nanoTime();
      if (due - now > 50_000) {
        LockSupport.parkNanos(due - now);
      }
      span.accept(i);
    }
  }

  /** One side of {@code compare}: {@code scouter} or {@code otlp} to the sink at {@code port}; prints a RESULT line. */
  private static void run(String exporter, int rate, int seconds, int port) {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    java.util.function.LongConsumer span;
    Runnable flush;
    java.util.function.LongSupplier exported;
    Runnable shutdown;
    if (exporter.equals("scouter")) {
      ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("throughput")
          .transport(HttpConfig.builder().uri("http://127.0.0.1:" + port).build()).shutdownHook(false).build());
      span = i -> {
        try (ActiveSpan s = tracer.spanBuilder("op").startAsCurrent()) {
          s.setAttribute("i", i);
        }
      };
      flush = ScouterTracing::flush;
      exported = () -> ScouterTracing.stats().get("scouter").exported();
      shutdown = ScouterTracing::shutdown;
    } else if (exporter.equals("otlp")) {
      java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
      io.opentelemetry.sdk.trace.export.SpanExporter otlp =
          io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter.builder()
              .setEndpoint("http://127.0.0.1:" + port + "/v1/traces").build();
      io.opentelemetry.sdk.trace.export.SpanExporter counting = new io.opentelemetry.sdk.trace.export.SpanExporter() {
        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode export(
            java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
          io.opentelemetry.sdk.common.CompletableResultCode r = otlp.export(spans);
          r.whenComplete(() -> {
            if (r.isSuccess()) {
              count.addAndGet(spans.size());
            }
          });
          return r;
        }

        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode flush() {
          return otlp.flush();
        }

        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
          return otlp.shutdown();
        }
      };
      io.opentelemetry.sdk.trace.SdkTracerProvider provider = io.opentelemetry.sdk.trace.SdkTracerProvider.builder()
          .setResource(io.opentelemetry.sdk.resources.Resource.getDefault().merge(
              io.opentelemetry.sdk.resources.Resource.create(io.opentelemetry.api.common.Attributes.of(
                  io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), "throughput"))))
          .addSpanProcessor(io.opentelemetry.sdk.trace.export.BatchSpanProcessor.builder(counting).build())
          .build();
      io.opentelemetry.api.trace.Tracer tracer = provider.get("throughput");
      span = i -> {
        io.opentelemetry.api.trace.Span s = tracer.spanBuilder("op").startSpan();
        try (io.opentelemetry.context.Scope ignored = s.makeCurrent()) {
          s.setAttribute("i", i);
        } finally {
          s.end();
        }
      };
      flush = () -> provider.forceFlush().join(30, TimeUnit.SECONDS);
      exported = count::get;
      shutdown = () -> provider.shutdown().join(30, TimeUnit.SECONDS);
    } else {
      throw new IllegalArgumentException("exporter scouter or otlp, not " + exporter);
    }
    produce(span, rate, (long) rate * 3); // warm-up, not counted
    flush.run();
    long before = exported.getAsLong();
    long total = (long) rate * seconds;
    long cpu0 = os.getProcessCpuTime();
    long producer0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    produce(span, rate, total);
    double produceSeconds = (System.nanoTime() - t0) / 1e9;
    flush.run();
    double seconds2 = (System.nanoTime() - t0) / 1e9;
    long cpu = os.getProcessCpuTime() - cpu0;
    long producer = threads.getCurrentThreadCpuTime() - producer0;
    long done = exported.getAsLong() - before;
    shutdown.run();
    System.out.printf(java.util.Locale.ROOT, "RESULT %s %d %d %d %.2f %.2f %.3f %.3f%n", exporter, rate, total,
        done, produceSeconds, seconds2, cpu / 1e3 / total, (cpu - producer) / 1e3 / total);
  }

  private static void compare(String[] args) throws Exception {
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String[] rates = (args.length > 2 ? args[2] : "25000,50000,100000,150000,200000").split(",");
    String javaCmd = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("java.class.path");
    Process sink = new ProcessBuilder(javaCmd, "-Xmx256m", "-cp", cp, ExportThroughput.class.getName(), "sink")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      java.io.BufferedReader sinkOut = new java.io.BufferedReader(new java.io.InputStreamReader(
          sink.getInputStream()));
      String first = sinkOut.readLine();
      if (first == null || !first.startsWith("PORT ")) {
        throw new IllegalStateException("the sink did not start: " + first);
      }
      String port = first.substring(5);
      System.out.printf("%-8s %9s %11s %11s %9s %12s %14s %18s%n", "exporter", "rate/s", "created", "exported",
          "dropped", "delivered/s", "CPU µs/span", "export CPU µs/span");
      for (String rate : rates) {
        for (String exporter : new String[] {"scouter", "otlp"}) {
          Process p = new ProcessBuilder(javaCmd, "-Xms512m", "-Xmx512m", "-cp", cp, ExportThroughput.class.getName(),
              "run", exporter, rate.trim(), String.valueOf(seconds), port).redirectErrorStream(true).start();
          String result = null;
          try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
              p.getInputStream()))) {
            for (String line; (line = in.readLine()) != null;) {
              if (line.startsWith("RESULT ")) {
                result = line;
              }
            }
          }
          if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException(exporter + " at " + rate + "/s failed (exit " + p.exitValue() + ")");
          }
          String[] f = result.split(" ");
          long total = Long.parseLong(f[3]);
          long done = Long.parseLong(f[4]);
          System.out.printf(java.util.Locale.ROOT, "%-8s %,9d %,11d %,11d %,9d %,12.0f %14s %18s%n", f[1],
              Integer.parseInt(f[2]), total, done, total - done, done / Double.parseDouble(f[6]), f[7], f[8]);
        }
      }
    } finally {
      sink.getOutputStream().close();
      sink.waitFor(10, TimeUnit.SECONDS);
      sink.destroy();
    }
  }
}
