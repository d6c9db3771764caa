package io.scouter.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.ScouterAttributes;
import io.scouter.tracing.SpanKind;
import io.scouter.tracing.TagRecord;
import io.scouter.tracing.TraceBaggageRecord;
import io.scouter.tracing.TraceSpanRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Port of {@code test_tracing_sync.py} for the programmatic API. */
class TracingSyncTest extends TracingTestBase {

  @Test
  void spanWithLabelAndTwoTags() {
    String traceId;
    try (ActiveSpan span = tracer.spanBuilder("test_span").label("my_label").tag("tag1", "foo").tag("tag2", "bar")
        .startAsCurrent()) {
      traceId = span.traceId();
      span.setAttribute("key", "value");
    }
    List<TraceSpanRecord> spans = exporter.spans();
    assertThat(spans).hasSize(1);
    TraceSpanRecord span = spans.get(0);
    assertThat(span.spanName()).isEqualTo("test_span");
    assertThat(span.traceId()).isEqualTo(traceId);
    assertThat(span.serviceName()).isEqualTo(SERVICE);
    assertThat(span.scope()).isEqualTo(SERVICE);
    assertThat(span.attribute(ScouterAttributes.LABEL)).isEqualTo("my_label");
    assertThat(span.label()).isNull();
    assertThat(span.attribute("tag1")).isEqualTo("foo");
    assertThat(span.attribute("tag2")).isEqualTo("bar");
    assertThat(span.attribute("key")).isEqualTo("value");

    assertThat(exporter.baggage()).hasSize(2);
    assertThat(exporter.baggage()).extracting(TraceBaggageRecord::key, TraceBaggageRecord::value)
        .containsExactlyInAnyOrder(tuple("scouter.tracing.tag.tag1", "foo"),
            tuple("scouter.tracing.tag.tag2", "bar"));
    assertThat(exporter.baggage()).allSatisfy(b -> {
      assertThat(b.traceId()).isEqualTo(traceId);
      assertThat(b.scope()).isEqualTo(SERVICE);
      assertThat(b.createdAt()).isEqualTo(span.startTime());
    });
    assertThat(exporter.tags()).containsExactlyInAnyOrder(new TagRecord("trace", traceId, "tag1", "foo"),
        new TagRecord("trace", traceId, "tag2", "bar"));
  }

  @Test
  void spanKindIsExportedByName() {
    try (ActiveSpan ignored = tracer.spanBuilder("handler").kind(SpanKind.SERVER).startAsCurrent()) {
      // nothing
    }
    try (ActiveSpan ignored = tracer.startAsCurrentSpan("internal")) {
      // nothing
    }
    assertThat(exporter.span("handler").spanKind()).isEqualTo("SERVER");
    assertThat(exporter.span("internal").spanKind()).isEqualTo("INTERNAL");
  }

  @Test
  void nestedSpansAreExportedInnerFirstAndLinked() {
    String outerId;
    String innerId;
    try (ActiveSpan outer = tracer.startAsCurrentSpan("outer_function")) {
      outerId = outer.spanId();
      try (ActiveSpan inner = tracer.startAsCurrentSpan("inner_function")) {
        innerId = inner.spanId();
        assertThat(inner.traceId()).isEqualTo(outer.traceId());
      }
      assertThat(exporter.spans()).hasSize(1);
    }
    List<TraceSpanRecord> spans = exporter.spans();
    assertThat(spans).hasSize(2);
    TraceSpanRecord inner = spans.get(0);
    TraceSpanRecord outer = spans.get(1);
    assertThat(inner.spanName()).isEqualTo("inner_function");
    assertThat(outer.spanName()).isEqualTo("outer_function");
    assertThat(inner.spanId()).isEqualTo(innerId);
    assertThat(outer.spanId()).isEqualTo(outerId);
    assertThat(inner.parentSpanId()).isEqualTo(outer.spanId());
    assertThat(outer.parentSpanId()).isNull();
    assertThat(inner.traceId()).isEqualTo(outer.traceId());
  }

  @Test
  void siblingsShareTheParentAndTheContextIsRestored() {
    try (ActiveSpan parent = tracer.startAsCurrentSpan("parent")) {
      try (ActiveSpan a = tracer.startAsCurrentSpan("a")) {
        a.setAttribute("n", 1);
      }
      try (ActiveSpan b = tracer.startAsCurrentSpan("b")) {
        b.setAttribute("n", 2);
      }
    }
    try (ActiveSpan after = tracer.startAsCurrentSpan("after")) {
      after.setAttribute("n", 3);
    }
    String parentId = exporter.span("parent").spanId();
    assertThat(exporter.span("a").parentSpanId()).isEqualTo(parentId);
    assertThat(exporter.span("b").parentSpanId()).isEqualTo(parentId);
    assertThat(exporter.span("after").parentSpanId()).isNull();
    assertThat(exporter.span("after").traceId()).isNotEqualTo(exporter.span("parent").traceId());
  }

  @Test
  void exceptionInsideTryWithResourcesStillExportsTheSpan() {
    assertThatThrownBy(() -> {
      try (ActiveSpan span = tracer.startAsCurrentSpan("failing")) {
        span.setAttribute("before", true);
        throw new IllegalArgumentException("Test exception");
      }
    }).isInstanceOf(IllegalArgumentException.class).hasMessage("Test exception");
    assertThat(exporter.spans()).hasSize(1);
    assertThat(exporter.span("failing").attribute("before")).isEqualTo(true);
  }

  @Test
  void recordedErrorSetsStatusAndEvent() {
    assertThatThrownBy(() -> {
      try (ActiveSpan span = tracer.startAsCurrentSpan("failing")) {
        try {
          throw new IllegalStateException("went wrong");
        } catch (IllegalStateException e) {
          span.recordException(e);
          span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, "IllegalStateException: went wrong");
          throw e;
        }
      }
    }).isInstanceOf(IllegalStateException.class);
    TraceSpanRecord span = exporter.span("failing");
    assertThat(span.statusCode()).isEqualTo(2);
    assertThat(span.statusMessage()).isEqualTo("IllegalStateException: went wrong");
    assertThat(span.event("exception")).isNotNull();
  }

  @Test
  void cleanSpanHasUnsetStatus() {
    try (ActiveSpan ignored = tracer.startAsCurrentSpan("ok")) {
      // nothing
    }
    assertThat(exporter.span("ok").statusCode()).isZero();
    assertThat(exporter.span("ok").statusMessage()).isEmpty();
  }

  @Test
  void twoCallsGiveTwoSpans() {
    for (int i = 0; i < 2; i++) {
      try (ActiveSpan span = tracer.startAsCurrentSpan("test_function")) {
        span.setInput(i);
        span.setOutput(i * 2);
      }
    }
    List<TraceSpanRecord> spans = exporter.spans();
    assertThat(spans).hasSize(2);
    assertThat(spans).extracting(s -> s.output().asInt()).containsExactly(0, 2);
  }
}
