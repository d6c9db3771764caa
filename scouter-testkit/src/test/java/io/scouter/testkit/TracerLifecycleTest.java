package io.scouter.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.TracerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** initTracer idempotency, use before init, tracer names and concurrency. */
class TracerLifecycleTest extends TracingTestBase {

  @Test
  void secondInitKeepsTheFirstProvider() {
    TracerConfig first = ScouterTracing.config();
    TestSpanExporter second = new TestSpanExporter();
    ScouterTracer other = ScouterTracing.initTracer(TracerConfig.builder().serviceName("other-service")
        .transport(new MockConfig()).exporter(second).sampleRatio(0.0).build());
    assertThat(other.name()).isEqualTo("other-service");
    assertThat(ScouterTracing.config()).isSameAs(first);
    try (ActiveSpan span = other.startAsCurrentSpan("via_second_init")) {
      assertThat(span.isSampled()).as("the second config's sampleRatio 0.0 is ignored").isTrue();
    }
    assertThat(second.spans()).isEmpty();
    TraceSpanRecord span = exporter.span("via_second_init");
    assertThat(span.scope()).isEqualTo("other-service");
    assertThat(span.serviceName()).as("resource of the first init").isEqualTo(SERVICE);
  }

  @Test
  void secondInitWithTheSameNameReturnsTheSameTracer() {
    ScouterTracer again = ScouterTracing.initTracer(TracerConfig.builder().serviceName(SERVICE)
        .transport(new MockConfig()).build());
    assertThat(again).isSameAs(tracer);
    assertThat(ScouterTracing.getTracer(SERVICE)).isSameAs(tracer);
  }

  @Test
  void getTracerNamesTheScope() {
    ScouterTracer named = ScouterTracing.getTracer("chat-svc");
    assertThat(named.name()).isEqualTo("chat-svc");
    try (ActiveSpan ignored = named.startAsCurrentSpan("scoped")) {
      // nothing
    }
    assertThat(exporter.span("scoped").scope()).isEqualTo("chat-svc");
    assertThat(exporter.span("scoped").serviceName()).isEqualTo(SERVICE);
    assertThat(exporter.span("scoped").resourceAttributes()).containsEntry("service.name", SERVICE)
        .containsKey("scouter.scope");
  }

  @Test
  void useBeforeInitThrows() {
    ScouterTracing.shutdown();
    assertThat(ScouterTracing.isInitialized()).isFalse();
    assertThatThrownBy(() -> ScouterTracing.getTracer("x")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("initTracer");
    assertThatThrownBy(ScouterTracing::flush).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(ScouterTracing::config).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(ScouterTracing::enableLocalCapture).isInstanceOf(IllegalStateException.class);
    // these are harmless without a tracer
    assertThat(ScouterTracing.stats()).isEmpty();
    assertThat(ScouterTracing.drainLocalSpans()).isEmpty();
    assertThat(ScouterTracing.localSpansByTraceIds(List.of("0af7651916cd43dd8448eb211c80319c"))).isEmpty();
    ScouterTracing.disableLocalCapture();
    ScouterTracing.shutdown();
  }

  @Test
  void flushAfterInitSucceeds() {
    try (ActiveSpan ignored = tracer.startAsCurrentSpan("flushed")) {
      // nothing
    }
    assertThat(ScouterTracing.flush()).isTrue();
    assertThat(ScouterTracing.stats()).containsKeys("scouter", "test");
    assertThat(ScouterTracing.stats().get("test").exported()).isEqualTo(1);
    assertThat(ScouterTracing.stats().get("scouter").exported()).isEqualTo(1);
  }

  @Test
  void reinitAfterShutdownUsesTheNewConfig() {
    ScouterTracing.shutdown();
    TestSpanExporter fresh = new TestSpanExporter();
    ScouterTracer t = ScouterTracing.initTracer(TracerConfig.builder().serviceName("second-life")
        .transport(new MockConfig()).exporter(fresh).build());
    try (ActiveSpan ignored = t.startAsCurrentSpan("reborn")) {
      // nothing
    }
    assertThat(fresh.span("reborn").serviceName()).isEqualTo("second-life");
    assertThat(exporter.spans()).isEmpty();
  }

  @Test
  void concurrentThreadsKeepTheirOwnParents() throws Exception {
    int threads = 3;
    CyclicBarrier allParentsOpen = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<String[]>> results = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int n = t;
        results.add(pool.submit(() -> {
          try (ActiveSpan parent = tracer.startAsCurrentSpan("parent-" + n)) {
            allParentsOpen.await(10, TimeUnit.SECONDS);
            try (ActiveSpan child = tracer.startAsCurrentSpan("child-" + n)) {
              allParentsOpen.await(10, TimeUnit.SECONDS);
              return new String[] {parent.spanId(), child.spanId()};
            }
          }
        }));
      }
      for (Future<String[]> f : results) {
        f.get(20, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<TraceSpanRecord> spans = exporter.spans();
    assertThat(spans).hasSize(6);
    for (int t = 0; t < threads; t++) {
      TraceSpanRecord parent = exporter.span("parent-" + t);
      TraceSpanRecord child = exporter.span("child-" + t);
      assertThat(parent.parentSpanId()).isNull();
      assertThat(child.parentSpanId()).isEqualTo(parent.spanId());
      assertThat(child.traceId()).isEqualTo(parent.traceId());
      assertThat(child.spanId()).isEqualTo(results.get(t).get()[1]);
    }
    assertThat(spans.stream().map(TraceSpanRecord::traceId).distinct().count()).isEqualTo(threads);
  }

  @Test
  void contextDoesNotLeakToPoolThreads() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (ActiveSpan ignored = tracer.startAsCurrentSpan("main")) {
      Map<String, Object> seen = pool.submit(() -> {
        try (ActiveSpan other = tracer.startAsCurrentSpan("pooled")) {
          return Map.<String, Object>of("recording", other.isRecording());
        }
      }).get(10, TimeUnit.SECONDS);
      assertThat(seen).containsEntry("recording", true);
    } finally {
      pool.shutdownNow();
    }
    assertThat(exporter.span("pooled").parentSpanId()).isNull();
  }
}
