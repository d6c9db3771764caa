package io.scouter.bench;

import io.opentelemetry.api.OpenTelemetry;
import io.scouter.bench.agent.CountingExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.smallrye.opentelemetry.implementation.cdi.OpenTelemetryExtension;
import io.smallrye.opentelemetry.implementation.cdi.OpenTelemetryProducer;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Weld with SmallRye OpenTelemetry's CDI extension (its {@code @WithSpan} interceptor) and an {@code OpenTelemetry}
 * bean built like the Scouter benchmarks' pipeline: an {@code SdkTracerProvider} with a {@code BatchSpanProcessor}
 * (same queue size) over an exporter that discards. SmallRye's own autoconfigured producer is vetoed, so nothing else
 * (metrics, log handler) runs. {@link #start} checks that spans are current, sampled and exported, and throws if not.
 */
final class SmallRyeContainer {
  /** Set before Weld starts; produced as the application's {@code OpenTelemetry} bean. */
  static volatile OpenTelemetry openTelemetry;

  final WeldContainer weld;
  final WithSpanBean bean;
  /** The no-op interceptor's bean in this container too, so a run here has its own baseline. */
  final NoopBean noop;
  private final SdkTracerProvider provider;
  private final CountingExporter exporter;

  private SmallRyeContainer(WeldContainer weld, SdkTracerProvider provider,
      CountingExporter exporter) {
    this.weld = weld;
    this.provider = provider;
    this.exporter = exporter;
    this.bean = weld.select(WithSpanBean.class).get();
    this.noop = weld.select(NoopBean.class).get();
  }

  /** Produces the benchmark's {@code OpenTelemetry}. */
  public static class Producer {
    @Produces
    @Singleton
    OpenTelemetry openTelemetry() {
      return openTelemetry;
    }
  }

  /** Vetoes SmallRye's autoconfiguring {@code OpenTelemetryProducer}. */
  public static class VetoAutoconfigure implements Extension {
    void veto(@Observes ProcessAnnotatedType<OpenTelemetryProducer> type) {
      type.veto();
    }
  }

  static SmallRyeContainer start() {
    CountingExporter exporter = new CountingExporter();
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).setMaxQueueSize(CdiContainer.QUEUE_SIZE).build())
        .build();
    openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
    WeldContainer container = new Weld("smallrye") // its own id: CallCpuTime runs it beside the Scouter container
        .disableDiscovery()
        .addExtension(new OpenTelemetryExtension())
        .addExtension(new VetoAutoconfigure())
        .addBeanClasses(WithSpanBean.class, Producer.class, NoopBean.class, NoopInterceptor.class)
        .initialize();
    SmallRyeContainer c = new SmallRyeContainer(container, provider, exporter);
    try {
      c.check();
    } catch (RuntimeException | Error e) {
      c.stop();
      throw e;
    }
    return c;
  }

  private void check() {
    boolean[] probe = bean.probe();
    require(probe[0] && probe[1], "no sampled span is current inside a SmallRye @WithSpan method");
    Features f = new Features(7, "sanity", 0.5);
    provider.forceFlush().join(10, TimeUnit.SECONDS);
    long before = exporter.exported();
    require(bean.score(f).equals(Scoring.score(f)) && bean.scoreWithAttribute(f).equals(Scoring.score(f)),
        "a @WithSpan call returned a wrong result");
    provider.forceFlush().join(10, TimeUnit.SECONDS);
    require(exporter.exported() - before == 2, "SmallRye @WithSpan exported " + (exporter.exported() - before)
        + " spans for 2 calls");
    List<SpanData> last = exporter.lastBatch();
    SpanData withAttribute = last.stream().filter(s -> s.getName().equals("WithSpanBean.scoreWithAttribute"))
        .findFirst().orElseThrow(() -> new IllegalStateException("no WithSpanBean.scoreWithAttribute span in "
            + last));
    Object features = withAttribute.getAttributes().asMap().entrySet().stream()
        .filter(e -> e.getKey().getKey().equals("features")).map(java.util.Map.Entry::getValue).findFirst()
        .orElse(null);
    require(features != null, "@SpanAttribute(\"features\") recorded nothing: " + withAttribute.getAttributes());
    System.out.println("[bench] SmallRye @SpanAttribute features = " + features);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException("Benchmark sanity check failed: " + message);
    }
  }

  void stop() {
    try {
      weld.shutdown();
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
      System.out.println("[bench] SmallRye BatchSpanProcessor exported " + exporter.exported() + " spans");
    }
  }
}
