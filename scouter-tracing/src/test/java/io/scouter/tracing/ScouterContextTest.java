package io.scouter.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A span started on another thread continues the caller's trace when the task went through {@link ScouterContext}. */
class ScouterContextTest {
  private static ExecutorService pool;
  private ScouterTracer tracer;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  @BeforeEach
  void init() {
    tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("context-test").transport(new MockConfig())
        .shutdownHook(false).build());
    ScouterTracing.enableLocalCapture();
  }

  @AfterEach
  void shutdown() {
    ScouterTracing.disableLocalCapture();
    ScouterTracing.shutdown();
  }

  /** Starts {@code parent}, hands {@code hop} the work that starts {@code child} on another thread, checks the link. */
  private void assertChildOfCaller(Hop hop) throws Exception {
    String traceId;
    String parentId;
    try (ActiveSpan parent = tracer.startAsCurrentSpan("parent")) {
      traceId = parent.traceId();
      parentId = parent.spanId();
      hop.run(() -> {
        try (ActiveSpan child = tracer.startAsCurrentSpan("child")) {
          child.setTag("thread", Thread.currentThread().getName());
        }
        return "done";
      });
    }
    assertThat(Span.current().getSpanContext().isValid()).as("the caller's context is restored").isFalse();
    ScouterTracing.flush();
    List<TraceSpanRecord> spans = ScouterTracing.localSpansByTraceIds(List.of(traceId));
    assertThat(spans).extracting(TraceSpanRecord::spanName).containsExactlyInAnyOrder("parent", "child");
    TraceSpanRecord child = spans.stream().filter(s -> s.spanName().equals("child")).findFirst().orElseThrow();
    assertThat(child.parentSpanId()).isEqualTo(parentId);
    assertThat(String.valueOf(child.attribute(ScouterAttributes.TAG_PREFIX + "thread")))
        .as("ran on another thread").isNotEqualTo(Thread.currentThread().getName());
  }

  interface Hop {
    void run(java.util.function.Supplier<String> work) throws Exception;
  }

  @Test
  void supplyAsyncOnAWrappedExecutor() throws Exception {
    assertChildOfCaller(work -> CompletableFuture.supplyAsync(work, ScouterContext.wrap((Executor) pool))
        .get(10, TimeUnit.SECONDS));
  }

  @Test
  void supplyAsyncWithAWrappedSupplierOnTheCommonPool() throws Exception {
    assertChildOfCaller(work -> CompletableFuture.supplyAsync(ScouterContext.wrapSupplier(work))
        .get(10, TimeUnit.SECONDS));
  }

  @Test
  void runnableOnAPlainThread() throws Exception {
    assertChildOfCaller(work -> {
      Thread t = new Thread(ScouterContext.wrap(() -> {
        String unused = work.get(); // the child span is what counts
      }), "plain-thread");
      t.start();
      t.join(10_000);
    });
  }

  @Test
  void callableSubmittedToAPool() throws Exception {
    assertChildOfCaller(work -> pool.submit(ScouterContext.wrap(work::get)).get(10, TimeUnit.SECONDS));
  }

  @Test
  void wrappedExecutorService() throws Exception {
    assertChildOfCaller(work -> ScouterContext.wrap(pool).submit(work::get).get(10, TimeUnit.SECONDS));
  }

  @Test
  void taskWrappingExecutorServiceTakesTheTraceAtSubmission() throws Exception {
    ExecutorService traced = ScouterContext.taskWrapping(pool); // made before any span is current
    assertChildOfCaller(work -> traced.submit(work::get).get(10, TimeUnit.SECONDS));
  }

  @Test
  void taskWrappingExecutorTakesTheTraceAtSubmission() throws Exception {
    Executor traced = ScouterContext.taskWrapping((Executor) pool);
    assertChildOfCaller(work -> CompletableFuture.supplyAsync(work, traced).get(10, TimeUnit.SECONDS));
  }

  @Test
  void withoutWrappingTheOtherThreadStartsANewTrace() throws Exception {
    // the problem this class solves, pinned: a plain executor does not carry the trace
    AtomicReference<String> childTrace = new AtomicReference<>();
    String traceId;
    try (ActiveSpan parent = tracer.startAsCurrentSpan("parent")) {
      traceId = parent.traceId();
      pool.submit(() -> {
        try (ActiveSpan child = tracer.startAsCurrentSpan("child")) {
          childTrace.set(child.traceId());
        }
      }).get(10, TimeUnit.SECONDS);
    }
    assertThat(childTrace.get()).isNotEqualTo(traceId);
  }

  @Test
  void theWorkersContextIsRestoredAfterAFailingTask() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      try (ActiveSpan parent = tracer.startAsCurrentSpan("parent")) {
        java.util.concurrent.Future<?> failed = single.submit(ScouterContext.wrap((Runnable) () -> {
          throw new IllegalStateException("boom");
        }));
        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(IllegalStateException.class);
      }
      boolean valid = single.submit(() -> Span.current().getSpanContext().isValid()).get(10, TimeUnit.SECONDS);
      assertThat(valid).as("no span left current on the worker thread").isFalse();
    } finally {
      single.shutdownNow();
    }
  }
}
