package io.scouter.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.TagRecord;
import io.scouter.tracing.TraceSpanRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ScouterTracer.currentSpan()}: a view on the current span whose close() does not end it. */
class CurrentSpanTest extends TracingTestBase {

  @Test
  void closingTheViewDoesNotEndTheSpan() {
    try (ActiveSpan outer = tracer.startAsCurrentSpan("outer")) {
      try (ActiveSpan view = tracer.currentSpan()) {
        assertThat(view.spanId()).isEqualTo(outer.spanId());
        view.setAttribute("from_view", 1);
      }
      assertThat(outer.isRecording()).isTrue();
      assertThat(exporter.spans()).isEmpty();
      outer.setAttribute("after_view", true);
      assertThat(tracer.currentSpan().spanId()).as("still current").isEqualTo(outer.spanId());
    }
    assertThat(exporter.spans()).hasSize(1);
    TraceSpanRecord span = exporter.span("outer");
    assertThat(span.attribute("from_view")).isEqualTo(1L);
    assertThat(span.attribute("after_view")).isEqualTo(true);
  }

  @Test
  void viewFollowsWhateverSpanIsCurrent() {
    ActiveSpan view = tracer.currentSpan();
    try (ActiveSpan outer = tracer.startAsCurrentSpan("outer")) {
      try (ActiveSpan inner = tracer.startAsCurrentSpan("inner")) {
        assertThat(view.spanId()).isEqualTo(inner.spanId());
        view.setAttribute("who", "inner");
      }
      assertThat(view.spanId()).isEqualTo(outer.spanId());
      view.setAttribute("who", "outer");
    }
    assertThat(exporter.span("inner").attribute("who")).isEqualTo("inner");
    assertThat(exporter.span("outer").attribute("who")).isEqualTo("outer");
  }

  @Test
  void setTagOnTheCurrentSpan() {
    String traceId;
    try (ActiveSpan span = tracer.startAsCurrentSpan("handler")) {
      traceId = span.traceId();
      tracer.currentSpan().setTag("tier", "gold");
      tracer.currentSpan().setInput(Map.of("k", "v"));
      tracer.currentSpan().addEvent("checked", Map.of("n", 1));
    }
    TraceSpanRecord span = exporter.span("handler");
    assertThat(span.attribute("tier")).isEqualTo("gold");
    assertThat(span.input().get("k").asText()).isEqualTo("v");
    assertThat(span.event("checked").attributes()).containsEntry("n", 1L);
    assertThat(exporter.tags()).containsExactly(new TagRecord("trace", traceId, "tier", "gold"));
  }

  @Test
  void viewWithoutCurrentSpanDoesNothing() {
    ActiveSpan view = tracer.currentSpan();
    assertThat(view.isRecording()).isFalse();
    assertThat(view.isSampled()).isFalse();
    view.setTag("t", "v").setAttribute("a", 1).setInput("x").addEvent("e");
    view.close();
    assertThat(exporter.spans()).isEmpty();
    assertThat(exporter.tags()).isEmpty();
  }

  @Test
  void explicitEndEndsTheSpanButCloseOfTheViewNever() {
    try (ActiveSpan outer = tracer.startAsCurrentSpan("outer")) {
      tracer.currentSpan().close();
      tracer.currentSpan().close();
      assertThat(outer.isRecording()).isTrue();
    }
    assertThat(exporter.spans()).hasSize(1);
  }
}
