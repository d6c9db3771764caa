package io.scouter.bench;

import io.scouter.cdi.ScouterExtension;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.ScouterAttributes;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.TracerConfig;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A Weld SE container with the Scouter extension and the benchmark beans, started after the application initialised
 * the process-wide Scouter tracer (so the extension adopts it). {@link #start} checks that every interceptor really
 * runs and throws if one does not.
 */
final class CdiContainer {
  /** Large enough that the MockConfig exporter's queue does not overflow at benchmark rates. */
  static final int QUEUE_SIZE = 65_536;

  final WeldContainer weld;
  final PlainBean plain;
  final NoopBean noop;
  final TracedNoCaptureBean tracedNoCapture;
  final TracedCaptureBean tracedCapture;
  private final boolean sampled;

  private CdiContainer(WeldContainer weld, boolean sampled) {
    this.weld = weld;
    this.sampled = sampled;
    this.plain = weld.select(PlainBean.class).get();
    this.noop = weld.select(NoopBean.class).get();
    this.tracedNoCapture = weld.select(TracedNoCaptureBean.class).get();
    this.tracedCapture = weld.select(TracedCaptureBean.class).get();
  }

  /** Initialises the tracer (every trace sampled, or none) and starts Weld. */
  static CdiContainer start(boolean sampled) {
    return start(sampled, true);
  }

  /** The same, with log correlation on or off. */
  static CdiContainer start(boolean sampled, boolean logCorrelation) {
    ScouterTracing.shutdown(); // a no-op unless a previous trial in this JVM left one behind
    TracerConfig.Builder config = TracerConfig.builder()
        .serviceName("bench")
        .transport(new MockConfig())
        .batchConfig(BatchConfig.builder().maxQueueSize(QUEUE_SIZE).build())
        .shutdownHook(false)
        .logCorrelation(logCorrelation);
    if (!sampled) {
      config.sampleRatio(0.0);
    }
    TracerConfig tracerConfig = config.build();
    ScouterTracing.initTracer(tracerConfig);
    System.out.println("[bench] " + tracerConfig);
    WeldContainer container = new Weld()
        .disableDiscovery()
        .addExtension(new ScouterExtension())
        .addBeanClasses(PlainBean.class, NoopBean.class, TracedNoCaptureBean.class, TracedCaptureBean.class,
            NoopInterceptor.class)
        .initialize();
    CdiContainer c = new CdiContainer(container, sampled);
    try {
      c.check();
    } catch (RuntimeException | Error e) {
      c.stop();
      throw e;
    }
    return c;
  }

  private void check() {
    Features f = new Features(7, "sanity", 0.5);

    NoopInterceptor.CALLS.set(0);
    NoopInterceptor.counting = true;
    try {
      noop.score(f);
      plain.score(f);
      tracedNoCapture.score(f);
    } finally {
      NoopInterceptor.counting = false;
    }
    require(NoopInterceptor.CALLS.get() == 1, "the no-op interceptor ran " + NoopInterceptor.CALLS.get()
        + " times for one call of NoopBean (and none of the other beans), expected 1");

    for (boolean[] probe : List.of(tracedNoCapture.probe(), tracedCapture.probe())) {
      require(probe[0], "no span is current inside a @Traced method: the Scouter interceptor did not run");
      require(probe[1] == sampled, "the span inside a @Traced method is " + (probe[1] ? "" : "not ")
          + "sampled, expected " + (sampled ? "sampled" : "unsampled"));
    }

    ScouterTracing.enableLocalCapture();
    try {
      Prediction p1 = tracedNoCapture.score(f);
      Prediction p2 = tracedCapture.score(f);
      require(p1.equals(Scoring.score(f)) && p2.equals(p1), "a traced call returned a wrong result");
      List<TraceSpanRecord> spans = ScouterTracing.drainLocalSpans();
      if (!sampled) {
        require(spans.isEmpty(), "unsampled calls recorded " + spans.size() + " spans");
        return;
      }
      require(spans.size() == 2, "expected 2 spans from the adopted tracer, got " + spans.size() + ": " + spans);
      TraceSpanRecord noCapture = span(spans, "TracedNoCaptureBean.score");
      TraceSpanRecord capture = span(spans, "TracedCaptureBean.score");
      require(noCapture.attribute(ScouterAttributes.INPUT) == null
          && noCapture.attribute(ScouterAttributes.OUTPUT) == null, "captureInput/Output=false still captured");
      Object in = capture.attribute(ScouterAttributes.INPUT);
      Object out = capture.attribute(ScouterAttributes.OUTPUT);
      require(in != null && out != null, "the capturing bean captured no input/output");
      System.out.println("[bench] captured input  = " + in);
      System.out.println("[bench] captured output = " + out);
    } finally {
      ScouterTracing.disableLocalCapture();
    }
  }

  private static TraceSpanRecord span(List<TraceSpanRecord> spans, String name) {
    return spans.stream().filter(s -> s.spanName().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no span named " + name + " in " + spans));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException("Benchmark sanity check failed: " + message);
    }
  }

  void stop() {
    Map<String, ExporterStats> stats = Map.of();
    if (ScouterTracing.isInitialized()) {
      ScouterTracing.flush();
      stats = ScouterTracing.stats();
    }
    try {
      weld.shutdown();
    } finally {
      ScouterTracing.shutdown();
    }
    System.out.println("[bench] scouter exporter stats: " + stats.values());
  }
}
