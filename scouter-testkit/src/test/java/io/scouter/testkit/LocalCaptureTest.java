package io.scouter.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TraceSpanRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Port of {@code test_local_capture.py}. */
class LocalCaptureTest extends TracingTestBase {

  private String runSpan(String name) {
    try (ActiveSpan span = tracer.startAsCurrentSpan(name)) {
      span.setInput("in");
      return span.traceId();
    }
  }

  @Test
  void capturedSpanIsDrained() {
    ScouterTracing.enableLocalCapture();
    String traceId = runSpan("capture_test");
    List<TraceSpanRecord> drained = ScouterTracing.drainLocalSpans();
    assertThat(drained).extracting(TraceSpanRecord::spanName).containsExactly("capture_test");
    TraceSpanRecord span = drained.get(0);
    assertThat(span.traceId()).isEqualTo(traceId);
    assertThat(span.input().asText()).isEqualTo("in");
    assertThat(span.serviceName()).isEqualTo(SERVICE);
    // capture is in addition to exporting
    assertThat(exporter.spans()).hasSize(1);
  }

  @Test
  void secondDrainIsEmpty() {
    ScouterTracing.enableLocalCapture();
    runSpan("a");
    runSpan("b");
    assertThat(ScouterTracing.drainLocalSpans()).extracting(TraceSpanRecord::spanName).containsExactly("a", "b");
    assertThat(ScouterTracing.drainLocalSpans()).isEmpty();
  }

  @Test
  void drainWithoutCaptureIsEmpty() {
    runSpan("not_captured");
    assertThat(ScouterTracing.drainLocalSpans()).isEmpty();
    ScouterTracing.enableLocalCapture();
    assertThat(ScouterTracing.drainLocalSpans()).as("spans ended before enabling are not captured").isEmpty();
  }

  @Test
  void disableClearsTheBuffer() {
    ScouterTracing.enableLocalCapture();
    String traceId = runSpan("dropped_on_disable");
    ScouterTracing.disableLocalCapture();
    assertThat(ScouterTracing.localSpansByTraceIds(List.of(traceId))).isEmpty();
    assertThat(ScouterTracing.drainLocalSpans()).isEmpty();
    ScouterTracing.enableLocalCapture();
    assertThat(ScouterTracing.drainLocalSpans()).isEmpty();
  }

  @Test
  void spansWhileDisabledAreNotCaptured() {
    ScouterTracing.enableLocalCapture();
    ScouterTracing.disableLocalCapture();
    runSpan("while_disabled");
    ScouterTracing.enableLocalCapture();
    assertThat(ScouterTracing.drainLocalSpans()).isEmpty();
    runSpan("while_enabled");
    assertThat(ScouterTracing.drainLocalSpans()).extracting(TraceSpanRecord::spanName)
        .containsExactly("while_enabled");
  }

  @Test
  void enableDisableCycleLeavesDrainEmpty() {
    ScouterTracing.enableLocalCapture();
    ScouterTracing.disableLocalCapture();
    assertThat(ScouterTracing.drainLocalSpans()).isEmpty();
  }

  @Test
  void byTraceIdsDoesNotDrain() {
    ScouterTracing.enableLocalCapture();
    String a = runSpan("span_a");
    String b = runSpan("span_b");
    List<TraceSpanRecord> found = ScouterTracing.localSpansByTraceIds(List.of(a));
    assertThat(found).extracting(TraceSpanRecord::spanName).containsExactly("span_a");
    assertThat(found.get(0).traceId()).isEqualTo(a);
    assertThat(ScouterTracing.localSpansByTraceIds(List.of(a, b))).hasSize(2);
    List<TraceSpanRecord> drained = ScouterTracing.drainLocalSpans();
    assertThat(drained).extracting(TraceSpanRecord::spanName).containsExactly("span_a", "span_b");
    assertThat(ScouterTracing.localSpansByTraceIds(List.of(a))).as("drained now").isEmpty();
  }

  @Test
  void byTraceIdsWithWholeTrace() {
    ScouterTracing.enableLocalCapture();
    String traceId;
    try (ActiveSpan parent = tracer.startAsCurrentSpan("parent")) {
      traceId = parent.traceId();
      runSpan("child");
    }
    runSpan("other");
    assertThat(ScouterTracing.localSpansByTraceIds(List.of(traceId))).extracting(TraceSpanRecord::spanName)
        .containsExactlyInAnyOrder("parent", "child");
  }

  @Test
  void invalidTraceIdGivesEmptyList() {
    ScouterTracing.enableLocalCapture();
    runSpan("some_span");
    assertThat(ScouterTracing.localSpansByTraceIds(List.of("not-a-trace-id"))).isEmpty();
    assertThat(ScouterTracing.localSpansByTraceIds(List.of("0".repeat(32)))).isEmpty();
    assertThat(ScouterTracing.localSpansByTraceIds(List.of())).isEmpty();
    assertThat(ScouterTracing.drainLocalSpans()).hasSize(1);
  }

  @Test
  void unsampledSpansAreNotCaptured() {
    init(b -> b.sampleRatio(0.0));
    ScouterTracing.enableLocalCapture();
    runSpan("unsampled");
    assertThat(ScouterTracing.drainLocalSpans()).isEmpty();
  }

  @Test
  void shutdownClearsCapture() {
    ScouterTracing.enableLocalCapture();
    runSpan("before_shutdown");
    ScouterTracing.shutdown();
    assertThat(ScouterTracing.drainLocalSpans()).isEmpty();
    init(b -> b);
    ScouterTracing.enableLocalCapture();
    assertThat(ScouterTracing.drainLocalSpans()).isEmpty();
  }

  @Test
  void captureWorksWithoutAnyTransport() {
    ScouterTracing.shutdown();
    tracer = ScouterTracing.initTracer(io.scouter.tracing.TracerConfig.builder().serviceName(SERVICE).noTransport()
        .shutdownHook(false).build());
    ScouterTracing.enableLocalCapture();
    runSpan("no_transport");
    assertThat(ScouterTracing.stats()).isEmpty();
    assertThat(ScouterTracing.drainLocalSpans()).extracting(TraceSpanRecord::spanName).containsExactly("no_transport");
  }
}
