package io.scouter.cdi.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.scouter.cdi.ScouterExtension;
import io.scouter.cdi.TestExporter;
import io.scouter.cdi.Traced;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.TraceSpanRecord;
import jakarta.annotation.Priority;
import jakarta.enterprise.concurrent.Asynchronous;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Jakarta Concurrency {@code @Asynchronous} method continues the caller's trace: Weld runs the library's two
 * interceptors around a server-like {@code @Asynchronous} interceptor ({@link PoolHop}, at the specification's
 * priority {@code PLATFORM_BEFORE + 5}) that proceeds on a pool thread, as Payara's and Open Liberty's do.
 */
@EnableAutoWeld
@AddExtensions(ScouterExtension.class)
@AddBeanClasses({AsynchronousTraceTest.PoolHop.class, AsynchronousTraceTest.AsyncBean.class,
    AsynchronousTraceTest.Step.class, TestExporter.class})
class AsynchronousTraceTest {
  static final ExecutorService POOL = Executors.newSingleThreadExecutor(r -> new Thread(r, "managed-pool"));

  /** What a server's {@code @Asynchronous} interceptor does: the rest of the chain on a pool thread. */
  @Asynchronous
  @Interceptor
  @Priority(Interceptor.Priority.PLATFORM_BEFORE + 5)
  public static class PoolHop {
    @AroundInvoke
    Object hop(InvocationContext invocation) {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return ((CompletableFuture<?>) invocation.proceed()).join();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, POOL);
    }
  }

  @ApplicationScoped
  public static class AsyncBean {
    @Inject
    Step step;

    @Asynchronous
    public CompletableFuture<String> work(String via) {
      return CompletableFuture.completedFuture(step.run(via));
    }
  }

  @ApplicationScoped
  public static class Step {
    /** A span on the pool thread; output = the thread. */
    @Traced("async_step")
    public String run(String via) {
      return Thread.currentThread().getName();
    }
  }

  @Inject
  AsyncBean bean;

  @Inject
  ScouterTracer tracer;

  @BeforeEach
  void clear() {
    TestExporter.EXPORTER.clear();
  }

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  @Test
  void asynchronousMethodRunsInTheCallersTrace() throws Exception {
    String thread;
    String traceId;
    String parentId;
    try (ActiveSpan caller = tracer.startAsCurrentSpan("caller")) {
      traceId = caller.traceId();
      parentId = caller.spanId();
      thread = bean.work("asynchronous").get(10, TimeUnit.SECONDS);
    }
    assertThat(thread).isEqualTo("managed-pool");
    TraceSpanRecord step = TestExporter.EXPORTER.awaitSpans(2, java.time.Duration.ofSeconds(10)).stream()
        .filter(s -> s.spanName().equals("async_step")).findFirst().orElseThrow();
    assertThat(step.traceId()).isEqualTo(traceId);
    assertThat(step.parentSpanId()).isEqualTo(parentId);
    assertThat(POOL.submit(() -> Span.current().getSpanContext().isValid()).get(10, TimeUnit.SECONDS))
        .as("the pool thread's own context is back").isFalse();
  }

  @Test
  void withoutATraceTheMethodStartsANewOne() throws Exception {
    bean.work("no-trace").get(10, TimeUnit.SECONDS);
    TraceSpanRecord step = TestExporter.EXPORTER.awaitSpans(1, java.time.Duration.ofSeconds(10)).get(0);
    assertThat(step.parentSpanId()).isNull();
  }
}
