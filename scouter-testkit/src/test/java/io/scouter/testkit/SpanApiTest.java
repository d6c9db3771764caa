package io.scouter.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.ScouterAttributes;
import io.scouter.tracing.TagRecord;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.TracerConfig;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The span API: attribute conversion, tags, label, start time, capture, events, exceptions, unsampled spans. */
class SpanApiTest extends TracingTestBase {
  private static final String SUFFIX = "...[truncated]";
  private static final String RFC3339 = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}\\+00:00$";

  private static <T> T raw(ActiveSpan span, AttributeKey<T> key) {
    return ((ReadableSpan) span.unwrap()).getAttribute(key);
  }

  // ---- setAttribute ----------------------------------------------------------------------------------------------

  @Test
  void scalarAttributesKeepTheirTypes() {
    try (ActiveSpan span = tracer.startAsCurrentSpan("attrs")) {
      span.setAttribute("s", "text");
      span.setAttribute("l", 1024L);
      span.setAttribute("i", 7);
      span.setAttribute("d", 1.5);
      span.setAttribute("f", 2.5f);
      span.setAttribute("b", true);
      assertThat(raw(span, AttributeKey.stringKey("s"))).isEqualTo("text");
      assertThat(raw(span, AttributeKey.longKey("l"))).isEqualTo(1024L);
      assertThat(raw(span, AttributeKey.longKey("i"))).isEqualTo(7L);
      assertThat(raw(span, AttributeKey.doubleKey("d"))).isEqualTo(1.5);
      assertThat(raw(span, AttributeKey.doubleKey("f"))).isEqualTo(2.5);
      assertThat(raw(span, AttributeKey.booleanKey("b"))).isTrue();
    }
    TraceSpanRecord span = exporter.span("attrs");
    assertThat(span.attribute("s")).isEqualTo("text");
    assertThat(span.attribute("l")).isEqualTo(1024L);
    assertThat(span.attribute("i")).isEqualTo(7L);
    assertThat(span.attribute("d")).isEqualTo(1.5);
    assertThat(span.attribute("b")).isEqualTo(true);
  }

  @Test
  void arraysAndHomogeneousListsBecomeTypedArrays() {
    try (ActiveSpan span = tracer.startAsCurrentSpan("arrays")) {
      span.setAttribute("sa", new String[] {"a", "b"});
      span.setAttribute("sl", List.of("x", "y", "z"));
      span.setAttribute("ll", List.of(1, 2L, 3));
      span.setAttribute("dl", List.of(1.5, 2.5));
      span.setAttribute("bl", List.of(true, false));
      span.setAttribute("la", new long[] {4, 5});
      assertThat(raw(span, AttributeKey.stringArrayKey("sa"))).containsExactly("a", "b");
      assertThat(raw(span, AttributeKey.stringArrayKey("sl"))).containsExactly("x", "y", "z");
      assertThat(raw(span, AttributeKey.longArrayKey("ll"))).containsExactly(1L, 2L, 3L);
      assertThat(raw(span, AttributeKey.doubleArrayKey("dl"))).containsExactly(1.5, 2.5);
      assertThat(raw(span, AttributeKey.booleanArrayKey("bl"))).containsExactly(true, false);
      assertThat(raw(span, AttributeKey.longArrayKey("la"))).containsExactly(4L, 5L);
    }
    TraceSpanRecord span = exporter.span("arrays");
    assertThat(span.attribute("sa")).isEqualTo(List.of("a", "b"));
    assertThat(span.attribute("sl")).isEqualTo(List.of("x", "y", "z"));
    assertThat(span.attribute("ll")).isEqualTo(List.of(1L, 2L, 3L));
  }

  @Test
  void emptyListBecomesEmptyStringArray() {
    try (ActiveSpan span = tracer.startAsCurrentSpan("empty")) {
      span.setAttribute("e", List.of());
      assertThat(raw(span, AttributeKey.stringArrayKey("e"))).isEmpty();
      assertThat(raw(span, AttributeKey.stringArrayKey("e"))).isNotNull();
    }
    assertThat(exporter.span("empty").attribute("e")).isEqualTo(List.of());
  }

  @Test
  void mixedListBecomesStringArrayOfJson() {
    List<Object> mixed = new ArrayList<>(Arrays.asList(1, "a", true, Map.of("k", "v"), null));
    try (ActiveSpan span = tracer.startAsCurrentSpan("mixed")) {
      span.setAttribute("m", mixed);
      assertThat(raw(span, AttributeKey.stringArrayKey("m")))
          .containsExactly("1", "\"a\"", "true", "{\"k\":\"v\"}", "null");
    }
    assertThat(exporter.span("mixed").attribute("m")).isEqualTo(List.of("1", "\"a\"", "true", "{\"k\":\"v\"}",
        "null"));
  }

  @Test
  void mapBecomesSortedJsonStringAndNullBecomesNullString() throws Exception {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("zeta", 1);
    map.put("alpha", Map.of("nested", "yes"));
    try (ActiveSpan span = tracer.startAsCurrentSpan("map")) {
      span.setAttribute("map", map);
      span.setAttribute("nothing", null);
      assertThat(raw(span, AttributeKey.stringKey("map"))).isEqualTo("{\"alpha\":{\"nested\":\"yes\"},\"zeta\":1}");
      assertThat(raw(span, AttributeKey.stringKey("nothing"))).isEqualTo("null");
    }
    TraceSpanRecord span = exporter.span("map");
    assertThat(new ObjectMapper().readTree((String) span.attribute("map")).get("alpha").get("nested").asText())
        .isEqualTo("yes");
    assertThat(span.attribute("nothing")).isEqualTo("null");
  }

  @Test
  void attributesGivenAtStartAreConvertedTheSameWay() {
    try (ActiveSpan span = tracer.spanBuilder("start-attrs").attribute("n", 3).attribute("list", List.of("a"))
        .attribute("map", Map.of("k", 1)).startAsCurrent()) {
      assertThat(raw(span, AttributeKey.longKey("n"))).isEqualTo(3L);
    }
    TraceSpanRecord span = exporter.span("start-attrs");
    assertThat(span.attribute("n")).isEqualTo(3L);
    assertThat(span.attribute("list")).isEqualTo(List.of("a"));
    assertThat(span.attribute("map")).isEqualTo("{\"k\":1}");
  }

  // ---- tags ------------------------------------------------------------------------------------------------------

  @Test
  void setTagWritesPrefixedAttributeAndTagRowButNoBaggage() {
    String traceId;
    try (ActiveSpan span = tracer.startAsCurrentSpan("tagged")) {
      traceId = span.traceId();
      span.setTag("tier", "gold");
      span.setTag("count", 3);
      assertThat(raw(span, AttributeKey.stringKey(ScouterAttributes.TAG_PREFIX + "tier"))).isEqualTo("gold");
    }
    TraceSpanRecord span = exporter.span("tagged");
    assertThat(span.attribute("tier")).isEqualTo("gold");
    assertThat(span.attributes()).doesNotContainKey(ScouterAttributes.TAG_PREFIX + "tier");
    assertThat(exporter.tags()).containsExactlyInAnyOrder(new TagRecord("trace", traceId, "tier", "gold"),
        new TagRecord("trace", traceId, "count", "3"));
    assertThat(exporter.baggage()).isEmpty();
  }

  @Test
  void tagsAtStartPropagateToChildren() {
    String traceId;
    try (ActiveSpan parent = tracer.spanBuilder("parent").tag("env", "prod").startAsCurrent()) {
      traceId = parent.traceId();
      try (ActiveSpan child = tracer.startAsCurrentSpan("child")) {
        assertThat(raw(child, AttributeKey.stringKey(ScouterAttributes.BAGGAGE_TAG_PREFIX + "env")))
            .isEqualTo("prod");
      }
    }
    try (ActiveSpan unrelated = tracer.startAsCurrentSpan("unrelated")) {
      assertThat(raw(unrelated, AttributeKey.stringKey(ScouterAttributes.BAGGAGE_TAG_PREFIX + "env"))).isNull();
    }
    TraceSpanRecord child = exporter.span("child");
    assertThat(child.attribute("env")).isEqualTo("prod");
    assertThat(exporter.span("parent").attribute("env")).isEqualTo("prod");
    assertThat(exporter.span("unrelated").attributes()).doesNotContainKey("env");
    assertThat(exporter.baggage()).hasSize(2);
    assertThat(exporter.baggage()).allSatisfy(b -> {
      assertThat(b.traceId()).isEqualTo(traceId);
      assertThat(b.key()).isEqualTo("scouter.tracing.tag.env");
      assertThat(b.value()).isEqualTo("prod");
    });
    assertThat(exporter.baggage()).extracting(b -> b.createdAt()).contains(child.startTime());
    assertThat(exporter.tags()).contains(new TagRecord("trace", traceId, "env", "prod"));
  }

  // ---- label and start time --------------------------------------------------------------------------------------

  @Test
  void labelIsAnAttribute() {
    try (ActiveSpan ignored = tracer.spanBuilder("labelled").label("chat").startAsCurrent()) {
      // nothing
    }
    assertThat(exporter.span("labelled").attribute(ScouterAttributes.LABEL)).isEqualTo("chat");
    assertThat(exporter.span("labelled").attribute("scouter.tracing.label")).isEqualTo("chat");
  }

  @Test
  void everySpanHasTheTraceStartTime() {
    try (ActiveSpan parent = tracer.startAsCurrentSpan("parent")) {
      try (ActiveSpan child = tracer.startAsCurrentSpan("child")) {
        child.setAttribute("x", 1);
      }
    }
    TraceSpanRecord parent = exporter.span("parent");
    TraceSpanRecord child = exporter.span("child");
    String parentStart = (String) parent.attribute(ScouterAttributes.START_TIME);
    String childStart = (String) child.attribute(ScouterAttributes.START_TIME);
    assertThat(parentStart).matches(RFC3339);
    assertThat(childStart).isEqualTo(parentStart);
    OffsetDateTime parsed = OffsetDateTime.parse(parentStart);
    assertThat(parsed.toInstant()).isBetween(parent.startTime().minusSeconds(1), parent.startTime().plusSeconds(1));
  }

  @Test
  void separateTracesGetTheirOwnStartTime() throws Exception {
    try (ActiveSpan ignored = tracer.startAsCurrentSpan("first")) {
      Thread.sleep(2);
    }
    try (ActiveSpan ignored = tracer.startAsCurrentSpan("second")) {
      Thread.sleep(2);
    }
    String first = (String) exporter.span("first").attribute(ScouterAttributes.START_TIME);
    String second = (String) exporter.span("second").attribute(ScouterAttributes.START_TIME);
    assertThat(first).matches(RFC3339);
    assertThat(second).matches(RFC3339).isNotEqualTo(first);
    assertThat(OffsetDateTime.parse(second)).isAfter(OffsetDateTime.parse(first));
  }

  // ---- input / output --------------------------------------------------------------------------------------------

  record Request(String message, int userId) {}

  @Test
  void inputAndOutputAreJsonWithSortedKeys() {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("user_id", 1);
    input.put("message", "hi");
    try (ActiveSpan span = tracer.startAsCurrentSpan("io")) {
      span.setInput(input);
      span.setOutput(new Request("hello", 9));
    }
    TraceSpanRecord span = exporter.span("io");
    assertThat(span.attribute(ScouterAttributes.INPUT)).isEqualTo("{\"message\":\"hi\",\"user_id\":1}");
    assertThat(span.attribute(ScouterAttributes.OUTPUT)).isEqualTo("{\"message\":\"hello\",\"userId\":9}");
    JsonNode in = span.input();
    assertThat(in.get("user_id").asInt()).isEqualTo(1);
    assertThat(in.get("message").asText()).isEqualTo("hi");
    assertThat(span.output().get("userId").asInt()).isEqualTo(9);
  }

  @Test
  void scalarInputAndOutput() {
    try (ActiveSpan span = tracer.startAsCurrentSpan("scalar")) {
      span.setInput("plain");
      span.setOutput(42);
    }
    TraceSpanRecord span = exporter.span("scalar");
    assertThat(span.input().asText()).isEqualTo("plain");
    assertThat(span.output().asInt()).isEqualTo(42);
  }

  @Test
  void captureTruncatesWithCustomMaxLength() {
    try (ActiveSpan span = tracer.startAsCurrentSpan("cut")) {
      span.setInput(Map.of("text", "x".repeat(50), "n", 123_456_789), 10);
      span.setOutput("y".repeat(30), 5);
    }
    TraceSpanRecord span = exporter.span("cut");
    assertThat(span.input().get("text").asText()).isEqualTo("x".repeat(10) + SUFFIX);
    assertThat(span.input().get("n").asInt()).isEqualTo(123_456_789);
    assertThat(span.output().asText()).isEqualTo("yyyyy" + SUFFIX);
  }

  @Test
  void captureUsesTheDefaultMaxLength() {
    int max = TracerConfig.DEFAULT_CAPTURE_MAX_LENGTH;
    assertThat(tracer.captureMaxLength()).isEqualTo(max);
    try (ActiveSpan span = tracer.startAsCurrentSpan("default-cut")) {
      span.setInput(Map.of("long", "a".repeat(max + 100), "exact", "b".repeat(max)));
    }
    JsonNode in = exporter.span("default-cut").input();
    assertThat(in.get("long").asText()).isEqualTo("a".repeat(max) + SUFFIX);
    assertThat(in.get("exact").asText()).isEqualTo("b".repeat(max));
  }

  @Test
  void captureUsesTheConfiguredMaxLength() {
    init(b -> b.captureMaxLength(8));
    assertThat(tracer.captureMaxLength()).isEqualTo(8);
    try (ActiveSpan span = tracer.startAsCurrentSpan("configured-cut")) {
      span.setInput(List.of("0123456789"));
    }
    assertThat(exporter.span("configured-cut").input().get(0).asText()).isEqualTo("01234567" + SUFFIX);
  }

  @Test
  void invalidMaxLengthIsRejected() {
    try (ActiveSpan span = tracer.startAsCurrentSpan("bad")) {
      assertThatThrownBy(() -> span.setInput("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  // ---- events and exceptions -------------------------------------------------------------------------------------

  @Test
  void eventWithNestedMapIsFlattenedWithDots() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("checks", 5);
    attrs.put("detail", Map.of("a", 1, "b", Map.of("c", "deep")));
    attrs.put("ok", true);
    try (ActiveSpan span = tracer.startAsCurrentSpan("events")) {
      span.addEvent("validated", attrs);
      span.addEvent("plain");
    }
    TraceSpanRecord span = exporter.span("events");
    assertThat(span.events()).extracting(TraceSpanRecord.SpanEventRecord::name).containsExactly("validated", "plain");
    Map<String, Object> flat = span.event("validated").attributes();
    assertThat(flat).containsOnlyKeys("checks", "detail.a", "detail.b.c", "ok");
    assertThat(flat).containsEntry("checks", 5L).containsEntry("detail.a", 1L).containsEntry("detail.b.c", "deep")
        .containsEntry("ok", true);
    assertThat(span.event("plain").attributes()).isEmpty();
    assertThat(span.event("validated").time()).isBetween(span.startTime(), span.endTime());
  }

  @Test
  void recordExceptionAddsExceptionEvent() {
    try (ActiveSpan span = tracer.startAsCurrentSpan("exc")) {
      span.recordException(new IllegalArgumentException("bad input"));
    }
    TraceSpanRecord span = exporter.span("exc");
    TraceSpanRecord.SpanEventRecord event = span.event("exception");
    assertThat(event).isNotNull();
    assertThat((String) event.attributes().get("exception.type")).contains("IllegalArgumentException");
    assertThat(event.attributes().get("exception.message")).isEqualTo("bad input");
    assertThat((String) event.attributes().get("exception.stacktrace"))
        .contains("IllegalArgumentException: bad input").contains("recordExceptionAddsExceptionEvent");
    assertThat(span.statusCode()).as("recordException does not change the status").isZero();
  }

  // ---- the callable form: exceptions escaping the block are recorded ---------------------------------------------

  @Test
  void inSpanReturnsTheValueAndEndsTheSpanWithStatusUnset() {
    String parent;
    try (ActiveSpan outer = tracer.startAsCurrentSpan("outer")) {
      parent = outer.spanId();
      String value = tracer.inSpan("callable", span -> {
        assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId()).isEqualTo(span.spanId());
        span.setOutput("ok");
        return "ok";
      });
      assertThat(value).isEqualTo("ok");
      assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId()).isEqualTo(parent);
    }
    TraceSpanRecord span = exporter.span("callable");
    assertThat(span.parentSpanId()).isEqualTo(parent);
    assertThat(span.statusCode()).isZero();
    assertThat(span.events()).isEmpty();
    assertThat(span.output().asText()).isEqualTo("ok");
  }

  @Test
  void callRecordsAnEscapingExceptionAsTracedDoesAndRethrowsTheSameInstance() {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> tracer.spanBuilder("failing").label("jobs").call(span -> {
      throw boom;
    })).isSameAs(boom);
    TraceSpanRecord span = exporter.span("failing");
    assertThat(span.statusCode()).isEqualTo(2);
    assertThat(span.statusMessage()).isEqualTo("IllegalStateException: boom");
    assertThat(span.events()).extracting(TraceSpanRecord.SpanEventRecord::name).containsExactly("exception");
    assertThat(span.event("exception").attributes()).containsEntry("exception.type",
        "java.lang.IllegalStateException").containsEntry("exception.message", "boom");
    assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void runRethrowsACheckedExceptionUnchanged() {
    java.io.IOException io = new java.io.IOException("disk gone");
    assertThatThrownBy(() -> tracer.spanBuilder("checked").run(span -> {
      span.setAttribute("attempt", 1);
      throw io;
    })).isSameAs(io);
    TraceSpanRecord span = exporter.span("checked");
    assertThat(span.statusMessage()).isEqualTo("IOException: disk gone");
    assertThat(span.events()).hasSize(1);
    assertThat(span.attribute("attempt")).isEqualTo(1L);
  }

  @Test
  void tryWithResourcesCannotSeeTheExceptionSoTheSpanStaysUnset() {
    // why the README shows the callable form first: close() never learns about the exception
    assertThatThrownBy(() -> {
      try (ActiveSpan ignored = tracer.startAsCurrentSpan("twr")) {
        throw new IllegalStateException("unseen");
      }
    }).isInstanceOf(IllegalStateException.class);
    assertThat(exporter.span("twr").statusCode()).isZero();
    assertThat(exporter.span("twr").events()).isEmpty();
  }

  // ---- unsampled spans ---------------------------------------------------------------------------------------------

  /** Counts every access; a getter that throws too. */
  public static final class Spy {
    static final AtomicInteger CALLS = new AtomicInteger();

    public String getName() {
      CALLS.incrementAndGet();
      return "spy";
    }

    public String getBroken() {
      CALLS.incrementAndGet();
      throw new IllegalStateException("must not be called");
    }

    @Override
    public String toString() {
      CALLS.incrementAndGet();
      return "Spy";
    }

    @Override
    public int hashCode() {
      CALLS.incrementAndGet();
      return 1;
    }
  }

  @Test
  void unsampledSpansExportNothingAndNeverSerialize() {
    init(b -> b.sampleRatio(0.0));
    Spy.CALLS.set(0);
    try (ActiveSpan span = tracer.spanBuilder("unsampled").tag("t", "v").label("l").startAsCurrent()) {
      assertThat(span.isSampled()).isFalse();
      assertThat(span.isRecording()).isFalse();
      span.setInput(new Spy());
      span.setOutput(Map.of("spy", new Spy()));
      span.setInput(new Spy(), 10);
      span.setAttribute("spy", new Spy());
      span.setAttribute("spies", List.of(new Spy()));
      span.setTag("spy", new Spy());
      span.addEvent("e", Map.of("spy", new Spy()));
      span.recordException(new RuntimeException("ignored"));
      tracer.currentSpan().setInput(new Spy());
      try (ActiveSpan child = tracer.startAsCurrentSpan("unsampled-child")) {
        assertThat(child.isSampled()).isFalse();
        child.setOutput(new Spy());
      }
    }
    assertThat(Spy.CALLS.get()).isZero();
    assertThat(exporter.spans()).isEmpty();
    assertThat(exporter.tags()).isEmpty();
    assertThat(exporter.baggage()).isEmpty();
  }

  @Test
  void sampledSpansDoCallGetters() {
    // counterpart of the test above: proves the Spy is noticed when serialized
    Spy.CALLS.set(0);
    try (ActiveSpan span = tracer.startAsCurrentSpan("sampled")) {
      span.setInput(new Spy());
    }
    assertThat(Spy.CALLS.get()).isPositive();
    assertThat(exporter.span("sampled").input().asText()).isEqualTo("Spy");
  }
}
