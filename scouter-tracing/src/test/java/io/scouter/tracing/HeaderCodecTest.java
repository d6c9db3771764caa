package io.scouter.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code internal.HeaderCodec} through {@link ScouterTracing#extractRemoteParent(Map)}. */
class HeaderCodecTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";
  private static final String LEGACY_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String LEGACY_SPAN = "b7ad6b7169203331";

  private static Optional<RemoteParent> extract(Map<String, ?> headers) {
    return ScouterTracing.extractRemoteParent(headers);
  }

  private static String traceparent(String flags) {
    return "00-" + TRACE + "-" + SPAN + "-" + flags;
  }

  @Test
  void sampledTraceparent() {
    RemoteParent p = extract(Map.of("traceparent", traceparent("01"))).orElseThrow();
    assertThat(p.traceId()).isEqualTo(TRACE);
    assertThat(p.spanId()).isEqualTo(SPAN);
    assertThat(p.sampled()).isTrue();
    assertThat(p.isSampledHeader()).isEqualTo("true");
    assertThat(p.traceState()).isEmpty();
  }

  @Test
  void unsampledTraceparent() {
    RemoteParent p = extract(Map.of("traceparent", traceparent("00"))).orElseThrow();
    assertThat(p.sampled()).isFalse();
    assertThat(p.isSampledHeader()).isEqualTo("false");
  }

  @Test
  void sampledBitIsReadFromOtherFlags() {
    assertThat(extract(Map.of("traceparent", traceparent("03"))).orElseThrow().sampled()).isTrue();
    assertThat(extract(Map.of("traceparent", traceparent("02"))).orElseThrow().sampled()).isFalse();
  }

  @Test
  void tracestateIsCarried() {
    RemoteParent p = extract(Map.of("traceparent", traceparent("01"), "tracestate", "vendor=value")).orElseThrow();
    assertThat(p.traceState()).isEqualTo("vendor=value");
  }

  @Test
  void multiMemberTracestateKeepsOrder() {
    RemoteParent p = extract(Map.of("traceparent", traceparent("01"), "tracestate", "a=1,b=2")).orElseThrow();
    assertThat(p.traceState()).isEqualTo("a=1,b=2");
  }

  @Test
  void invalidTracestateIsDroppedButParentKept() {
    RemoteParent p = extract(Map.of("traceparent", traceparent("01"), "tracestate", "no-equals-sign")).orElseThrow();
    assertThat(p.traceId()).isEqualTo(TRACE);
    assertThat(p.traceState()).isEmpty();
  }

  @Test
  void legacyHeaders() {
    RemoteParent p = extract(Map.of("trace_id", LEGACY_TRACE, "span_id", LEGACY_SPAN, "is_sampled", "true"))
        .orElseThrow();
    assertThat(p.traceId()).isEqualTo(LEGACY_TRACE);
    assertThat(p.spanId()).isEqualTo(LEGACY_SPAN);
    assertThat(p.sampled()).isTrue();
    assertThat(p.traceState()).isEmpty();
  }

  @Test
  void legacyWithoutIsSampledIsNoDecision() {
    RemoteParent p = extract(Map.of("trace_id", LEGACY_TRACE, "span_id", LEGACY_SPAN)).orElseThrow();
    assertThat(p.samplingDecided()).isFalse();
    assertThat(p.sampled()).isFalse();
    assertThat(p.isSampledHeader()).isEqualTo("false");
    assertThat(extract(Map.of("trace_id", LEGACY_TRACE, "span_id", LEGACY_SPAN, "is_sampled", " "))
        .orElseThrow().samplingDecided()).as("a blank is_sampled decides nothing either").isFalse();
  }

  @Test
  void legacyIsSampledFalse() {
    RemoteParent p = extract(Map.of("trace_id", LEGACY_TRACE, "span_id", LEGACY_SPAN, "is_sampled", "false"))
        .orElseThrow();
    assertThat(p.sampled()).isFalse();
    assertThat(p.samplingDecided()).isTrue();
  }

  @Test
  void w3cWinsOverLegacy() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("trace_id", LEGACY_TRACE);
    h.put("span_id", LEGACY_SPAN);
    h.put("is_sampled", "false");
    h.put("traceparent", traceparent("01"));
    RemoteParent p = extract(h).orElseThrow();
    assertThat(p.traceId()).isEqualTo(TRACE);
    assertThat(p.spanId()).isEqualTo(SPAN);
    assertThat(p.sampled()).isTrue();
  }

  @Test
  void mixedCaseKeysAreAccepted() {
    RemoteParent w3c = extract(Map.of("Traceparent", traceparent("01"), "TraceState", "vendor=value"))
        .orElseThrow();
    assertThat(w3c.traceId()).isEqualTo(TRACE);
    assertThat(w3c.traceState()).isEqualTo("vendor=value");

    RemoteParent legacy = extract(Map.of("TRACE_ID", LEGACY_TRACE, "Span_Id", LEGACY_SPAN, "IS_SAMPLED", "true"))
        .orElseThrow();
    assertThat(legacy.traceId()).isEqualTo(LEGACY_TRACE);
    assertThat(legacy.spanId()).isEqualTo(LEGACY_SPAN);
    assertThat(legacy.sampled()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01", // uppercase hex
      "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", // trace id too short
      "00-4bf92f3577b34da6a3ce929d0e0e47360-00f067aa0ba902b7-01", // trace id too long
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01", // span id too short
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b70-01", // span id too long
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero span id
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // forbidden version
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // version 00 must have 4 fields
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g", // bad flags
      "0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // bad version
      "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01", // wrong separators
      "garbage",
      "",
      "   "})
  void invalidTraceparentGivesEmpty(String value) {
    assertThat(extract(Map.of("traceparent", value))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "garbage"})
  void invalidTraceparentFallsBackToLegacy(String value) {
    RemoteParent p = extract(Map.of("traceparent", value, "trace_id", LEGACY_TRACE, "span_id", LEGACY_SPAN,
        "is_sampled", "true")).orElseThrow();
    assertThat(p.traceId()).isEqualTo(LEGACY_TRACE);
    assertThat(p.spanId()).isEqualTo(LEGACY_SPAN);
    assertThat(p.sampled()).isTrue();
  }

  @Test
  void hugeTraceparentGivesEmptyWithoutException() {
    String huge = traceparent("01") + "-" + "a".repeat(1_000_000);
    assertThat(extract(Map.of("traceparent", huge))).isEmpty();
    assertThat(extract(Map.of("traceparent", "x".repeat(1_000_000)))).isEmpty();
  }

  @Test
  void futureVersionWithExtraFieldsIsAccepted() {
    RemoteParent p = extract(Map.of("traceparent", "cc-" + TRACE + "-" + SPAN + "-01-what-the-future-holds"))
        .orElseThrow();
    assertThat(p.traceId()).isEqualTo(TRACE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-hex-not-hex-not-hex-not-hex!", "0af7651916cd43dd", "00000000000000000000000000000000"})
  void legacyInvalidTraceIdGivesEmpty(String traceId) {
    assertThat(extract(Map.of("trace_id", traceId, "span_id", LEGACY_SPAN))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"zzzzzzzzzzzzzzzz", "b7ad6b71", "0000000000000000"})
  void legacyInvalidSpanIdGivesEmpty(String spanId) {
    assertThat(extract(Map.of("trace_id", LEGACY_TRACE, "span_id", spanId))).isEmpty();
  }

  @Test
  void legacyNeedsBothIds() {
    assertThat(extract(Map.of("trace_id", LEGACY_TRACE))).isEmpty();
    assertThat(extract(Map.of("span_id", LEGACY_SPAN))).isEmpty();
  }

  @Test
  void emptyOrNullHeadersGiveEmpty() {
    assertThat(extract(Map.of())).isEmpty();
    assertThat(extract(null)).isEmpty();
    Map<String, String> nullValues = new HashMap<>();
    nullValues.put("traceparent", null);
    nullValues.put("trace_id", null);
    assertThat(extract(nullValues)).isEmpty();
  }

  @Test
  void unrelatedHeadersGiveEmpty() {
    assertThat(extract(Map.of("authorization", "Bearer x", "cookie", "a=b"))).isEmpty();
  }

  @Test
  void listValuedHeadersAsJaxRsGivesThem() {
    Map<String, List<String>> jaxrs = new HashMap<>();
    jaxrs.put("Traceparent", List.of(traceparent("01")));
    jaxrs.put("Tracestate", List.of("vendor=value"));
    RemoteParent p = extract(jaxrs).orElseThrow();
    assertThat(p.traceId()).isEqualTo(TRACE);
    assertThat(p.spanId()).isEqualTo(SPAN);
    assertThat(p.sampled()).isTrue();
    assertThat(p.traceState()).isEqualTo("vendor=value");

    Map<String, List<String>> legacy = Map.of("trace_id", List.of(LEGACY_TRACE), "span_id", List.of(LEGACY_SPAN),
        "is_sampled", List.of("true"));
    assertThat(extract(legacy).orElseThrow().spanId()).isEqualTo(LEGACY_SPAN);
  }

  @Test
  void emptyListValueIsIgnored() {
    Map<String, List<String>> h = Map.of("traceparent", List.of(), "trace_id", List.of(LEGACY_TRACE),
        "span_id", List.of(LEGACY_SPAN));
    assertThat(extract(h).orElseThrow().traceId()).isEqualTo(LEGACY_TRACE);
  }
}
