package io.scouter.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.scouter.tracing.ScouterContext;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.internal.log.LogCorrelation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An async {@code @Traced} method whose work completes on another thread: the lines logged in the method and in its
 * work carry the method span's ids in Logback's MDC (SLF4J); the lines logged by the caller and by the worker thread
 * before and after carry none.
 */
@EnableAutoWeld
@AddExtensions(ScouterExtension.class)
@AddBeanClasses({LogCorrelationAsyncTest.Orders.class, TestExporter.class})
class LogCorrelationAsyncTest {
  private static final ExecutorService POOL = Executors.newSingleThreadExecutor();
  private static final Logger LOG = LoggerFactory.getLogger("scouter.cdi.logtest");
  private static final List<Map<String, String>> SEEN = Collections.synchronizedList(new ArrayList<>());
  private static final AppenderBase<ILoggingEvent> CAPTURE = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      Map<String, String> m = new LinkedHashMap<>(event.getMDCPropertyMap());
      m.keySet().retainAll(List.of("trace_id", "span_id", "is_sampled"));
      m.put("message", event.getFormattedMessage());
      SEEN.add(m);
    }
  };

  /** A bean whose {@code @Traced} method hands its work to an executor and returns at once. */
  @ApplicationScoped
  public static class Orders {
    @Traced
    public CompletableFuture<String> price(Executor executor, CountDownLatch release) {
      LOG.info("in method");
      return CompletableFuture.supplyAsync(ScouterContext.wrapSupplier(() -> {
        try {
          release.await(10, TimeUnit.SECONDS); // completes after the method returned
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        LOG.info("on worker");
        return "42";
      }), executor);
    }
  }

  @Inject
  Orders orders;

  @BeforeEach
  void attach() {
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LOG;
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    CAPTURE.setContext(logger.getLoggerContext());
    CAPTURE.start();
    logger.addAppender(CAPTURE);
    SEEN.clear();
    TestExporter.EXPORTER.clear();
  }

  @AfterEach
  void detach() {
    ((ch.qos.logback.classic.Logger) LOG).detachAppender(CAPTURE);
  }

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  @Test
  void theMethodAndItsWorkLogWithTheSpansIds_theCallerAndTheWorkerBeforeAndAfterDoNot() throws Exception {
    assertThat(LogCorrelation.hooked()).as("the storage wrapper is in place").isTrue();
    POOL.submit(() -> LOG.info("worker before")).get(10, TimeUnit.SECONDS);
    LOG.info("caller before");
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> result = orders.price(POOL, release);
    LOG.info("caller after return");
    release.countDown();
    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("42");
    POOL.submit(() -> LOG.info("worker after")).get(10, TimeUnit.SECONDS);
    LOG.info("caller after completion");

    TraceSpanRecord span = TestExporter.EXPORTER.span("Orders.price");
    Map<String, String> ids = Map.of("trace_id", span.traceId(), "span_id", span.spanId(), "is_sampled", "true");
    assertThat(idsOf("in method")).isEqualTo(ids);
    assertThat(idsOf("on worker")).isEqualTo(ids);
    for (String outside : List.of("worker before", "caller before", "caller after return", "worker after",
        "caller after completion")) {
      assertThat(idsOf(outside)).as(outside).isEmpty();
    }
  }

  private static Map<String, String> idsOf(String message) {
    synchronized (SEEN) {
      for (Map<String, String> m : SEEN) {
        if (message.equals(m.get("message"))) {
          Map<String, String> ids = new LinkedHashMap<>(m);
          ids.remove("message");
          return ids;
        }
      }
    }
    throw new AssertionError("no line '" + message + "' in " + SEEN);
  }
}
