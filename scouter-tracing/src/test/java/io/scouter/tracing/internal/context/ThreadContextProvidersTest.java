package io.scouter.tracing.internal.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.ScouterContext;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.TracerConfig;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The thread context providers found through {@code META-INF/services}: MicroProfile Context Propagation with a real
 * implementation (SmallRye), Jakarta Concurrency's SPI driven the way a server drives it (capture on the caller's
 * thread, begin and end on a pool thread).
 */
class ThreadContextProvidersTest {
  private static ExecutorService pool;
  private ScouterTracer tracer;

  @BeforeAll
  static void startPool() {
    pool = Executors.newSingleThreadExecutor();
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  @BeforeEach
  void init() {
    tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("providers-test")
        .transport(new MockConfig()).shutdownHook(false).build());
    ScouterTracing.enableLocalCapture();
  }

  @AfterEach
  void shutdown() {
    ScouterTracing.disableLocalCapture();
    ScouterTracing.shutdown();
  }

  private Supplier<String> childSpan() {
    return () -> {
      try (ActiveSpan child = tracer.startAsCurrentSpan("child")) {
        return child.traceId() + "/" + Thread.currentThread().getName();
      }
    };
  }

  /** The child span, which must be in {@code traceId} with {@code parentId} as parent. */
  private static TraceSpanRecord child(String traceId) {
    ScouterTracing.flush();
    return ScouterTracing.localSpansByTraceIds(List.of(traceId)).stream()
        .filter(s -> s.spanName().equals("child")).findFirst().orElseThrow(() -> new AssertionError(
            "no child span in trace " + traceId + ": " + ScouterTracing.drainLocalSpans()));
  }

  @Test
  void managedExecutorCarriesTheTrace() throws Exception {
    ManagedExecutor executor = ManagedExecutor.builder().maxAsync(1).build(); // propagates ALL_REMAINING
    try (ActiveSpan parent = tracer.startAsCurrentSpan("parent")) {
      String ran = executor.supplyAsync(childSpan()).get(10, TimeUnit.SECONDS);
      assertThat(ran).doesNotEndWith("/" + Thread.currentThread().getName());
      assertThat(child(parent.traceId()).parentSpanId()).isEqualTo(parent.spanId());
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void threadContextByTypeNameCarriesTheTrace() throws Exception {
    // an unknown type name would make build() throw IllegalStateException
    ThreadContext context = ThreadContext.builder().propagated(ScouterContext.THREAD_CONTEXT_TYPE)
        .cleared(ThreadContext.ALL_REMAINING).unchanged().build();
    try (ActiveSpan parent = tracer.startAsCurrentSpan("parent")) {
      Supplier<String> traced = context.contextualSupplier(childSpan());
      CompletableFuture.supplyAsync(traced, pool).get(10, TimeUnit.SECONDS);
      assertThat(child(parent.traceId()).parentSpanId()).isEqualTo(parent.spanId());
    }
    assertThat(pool.submit(() -> Span.current().getSpanContext().isValid()).get(10, TimeUnit.SECONDS))
        .as("nothing left current on the pool thread").isFalse();
  }

  @Test
  void clearedTraceStartsANewOne() throws Exception {
    ManagedExecutor executor = ManagedExecutor.builder().maxAsync(1).propagated()
        .cleared(ScouterContext.THREAD_CONTEXT_TYPE).build();
    try (ActiveSpan parent = tracer.startAsCurrentSpan("parent")) {
      String ran = executor.supplyAsync(childSpan()).get(10, TimeUnit.SECONDS);
      assertThat(ran).doesNotStartWith(parent.traceId());
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void jakartaConcurrencyProviderIsFoundAndCarriesTheTrace() throws Exception {
    List<jakarta.enterprise.concurrent.spi.ThreadContextProvider> providers = ServiceLoader
        .load(jakarta.enterprise.concurrent.spi.ThreadContextProvider.class).stream()
        .map(ServiceLoader.Provider::get).toList();
    assertThat(providers).extracting(p -> p.getThreadContextType())
        .containsExactly(ScouterContext.THREAD_CONTEXT_TYPE);
    jakarta.enterprise.concurrent.spi.ThreadContextProvider provider = providers.get(0);

    // the worker thread has a trace of its own: it must be back after the task
    String workerTrace;
    try (ActiveSpan worker = tracer.startAsCurrentSpan("worker")) {
      workerTrace = worker.traceId();
      try (ActiveSpan parent = tracer.startAsCurrentSpan("parent")) {
        jakarta.enterprise.concurrent.spi.ThreadContextSnapshot snapshot = provider.currentContext(Map.of());
        parent.close();
        worker.close();
        String[] seen = new String[2];
        pool.submit(() -> {
          try (ActiveSpan own = tracer.startAsCurrentSpan("pool-own")) {
            var restorer = snapshot.begin();
            try {
              seen[0] = childSpan().get();
            } finally {
              restorer.endContext();
            }
            seen[1] = Span.current().getSpanContext().getTraceId();
            assertThat(seen[1]).isEqualTo(own.traceId());
          }
          return null;
        }).get(10, TimeUnit.SECONDS);
        assertThat(seen[0]).startsWith(parent.traceId());
        assertThat(seen[1]).isNotEqualTo(parent.traceId()).isNotEqualTo(workerTrace);
        assertThat(child(parent.traceId()).parentSpanId()).isEqualTo(parent.spanId());
      }
    }
  }

  @Test
  void jakartaConcurrencyClearedContextHasNoTrace() throws Exception {
    jakarta.enterprise.concurrent.spi.ThreadContextProvider provider = new JakartaTraceContextProvider();
    try (ActiveSpan parent = tracer.startAsCurrentSpan("parent")) {
      var restorer = provider.clearedContext(Map.of()).begin();
      assertThat(Span.current().getSpanContext().isValid()).isFalse();
      restorer.endContext();
      assertThat(Span.current().getSpanContext().getSpanId()).isEqualTo(parent.spanId());
    }
  }
}
