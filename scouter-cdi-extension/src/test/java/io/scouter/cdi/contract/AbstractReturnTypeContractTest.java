package io.scouter.cdi.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.scouter.cdi.ScouterExtension;
import io.scouter.cdi.TestExporter;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.ScouterAttributes;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.TraceSpanRecord;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One contract for every asynchronous or lazy return type of a {@code @Traced} method, in the manner of OpenTelemetry
 * instrumentation's {@code AbstractWithSpanTest}: success, failure, cancellation, already-completed success and
 * already-completed failure. Each subclass drives its own type.
 */
@EnableAutoWeld
@AddExtensions(ScouterExtension.class)
@AddBeanClasses({ContractBean.class, TestExporter.class})
abstract class AbstractReturnTypeContractTest {
  static final Duration WAIT = Duration.ofSeconds(5);

  @Inject
  ContractBean bean;

  @Inject
  ScouterTracer tracer;

  /**
   * The spans of the traced method that were exported when the caller first observed the end of the result (its
   * callback or dependent stage, or the line after consuming it); {@code null} until then.
   */
  final java.util.concurrent.atomic.AtomicReference<List<TraceSpanRecord>> exportedWhenCallerSawTheEnd =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** Subclasses call this where the caller's own code first observes that the result finished. */
  void callerSeesTheEnd() {
    exportedWhenCallerSawTheEnd.compareAndSet(null,
        TestExporter.EXPORTER.spans(s -> s.spanName().equals(spanName())));
  }

  /** Calls the traced method with a result that has not finished (and, for lazy types, not started) yet. */
  abstract void callPending();

  /** Lets the pending result finish with items ending in {@code "done"}, consuming it if needed. */
  abstract void succeedPending();

  /** Lets the pending result fail with {@code error}, consuming it if needed and swallowing the error. */
  abstract void failPending(RuntimeException error);

  /** Cancels (or closes) the pending result after at most one item. */
  abstract void cancelPending();

  /** Calls the traced method with a result that already succeeded with {@code "done"} and consumes it. */
  abstract void callAlreadySucceeded();

  /** Calls the traced method with a result that already failed with {@code error} and consumes it. */
  abstract void callAlreadyFailed(RuntimeException error);

  /** The span name the traced method produces. */
  abstract String spanName();

  @BeforeEach
  void clear() {
    TestExporter.EXPORTER.clear();
  }

  @AfterEach
  void noScopeLeft() {
    assertThat(Span.current().getSpanContext().isValid()).as("no scope left open on the test thread").isFalse();
  }

  TraceSpanRecord onlySpan() {
    List<TraceSpanRecord> spans = TestExporter.EXPORTER.awaitSpans(1, WAIT);
    assertThat(spans).extracting(TraceSpanRecord::spanName).containsExactly(spanName());
    return spans.get(0);
  }

  @Test
  void success_endsWhenTheResultCompletes_withOutputAndParent() {
    String parentSpanId;
    try (ActiveSpan outer = tracer.spanBuilder("outer").startAsCurrent()) {
      parentSpanId = outer.spanId();
      callPending();
    }
    assertThat(TestExporter.EXPORTER.spans(s -> s.spanName().equals(spanName())))
        .as("the span must stay open until the result finishes").isEmpty();
    succeedPending();
    TestExporter.EXPORTER.awaitSpans(2, WAIT);
    TraceSpanRecord span = TestExporter.EXPORTER.span(spanName());
    assertThat(span.parentSpanId()).isEqualTo(parentSpanId);
    assertThat(span.statusCode()).isZero();
    assertThat(span.events()).isEmpty();
    assertThat(span.output().asText()).isEqualTo("done");
  }

  @Test
  void success_theSpanIsExportedBeforeTheCallerSeesTheResult() {
    callPending();
    succeedPending();
    assertThat(exportedWhenCallerSawTheEnd.get()).as("the caller observed the end").isNotNull()
        .as("spans exported when the caller's code ran").extracting(TraceSpanRecord::spanName)
        .containsExactly(spanName());
  }

  @Test
  void failure_theSpanIsExportedBeforeTheCallerSeesTheError() {
    callPending();
    failPending(new IllegalStateException("boom"));
    assertThat(exportedWhenCallerSawTheEnd.get()).as("the caller observed the end").isNotNull()
        .as("spans exported when the caller's code ran").hasSize(1);
    assertError(exportedWhenCallerSawTheEnd.get().get(0));
  }

  @Test
  void failure_recordsOneExceptionEventAndErrorStatus() {
    callPending();
    failPending(new IllegalStateException("boom"));
    assertError(onlySpan());
  }

  @Test
  void cancel_endsTheSpanMarkedCancelledWithoutError() {
    callPending();
    cancelPending();
    TraceSpanRecord span = onlySpan();
    assertThat(span.attribute(ScouterAttributes.CANCELLED)).isEqualTo(true);
    assertThat(span.statusCode()).isZero();
    assertThat(span.events()).isEmpty();
  }

  @Test
  void alreadySucceeded_endsWithOutput() {
    callAlreadySucceeded();
    TraceSpanRecord span = onlySpan();
    assertThat(span.statusCode()).isZero();
    assertThat(span.output().asText()).isEqualTo("done");
  }

  @Test
  void alreadyFailed_recordsTheError() {
    callAlreadyFailed(new IllegalStateException("boom"));
    assertError(onlySpan());
  }

  /** Runs the garbage collector until {@code done} holds (at most {@link #WAIT}). */
  static void gcUntil(java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited for garbage collection").isLessThan(deadline);
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static void assertError(TraceSpanRecord span) {
    assertThat(span.statusCode()).isEqualTo(2);
    assertThat(span.statusMessage()).isEqualTo("IllegalStateException: boom");
    assertThat(span.events()).hasSize(1);
    TraceSpanRecord.SpanEventRecord event = span.events().get(0);
    assertThat(event.name()).isEqualTo("exception");
    assertThat(event.attributes()).containsEntry("exception.type", "java.lang.IllegalStateException")
        .containsEntry("exception.message", "boom").containsKey("exception.stacktrace");
  }
}
