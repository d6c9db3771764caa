package io.scouter.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.RemoteParent;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.SpanKind;
import io.scouter.tracing.TraceSpanRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Port of {@code test_w3c_propagation.py}, {@code test_distributed_tracing.py} and parent-based sampling. */
class PropagationTest extends TracingTestBase {
  private static final String TRACEPARENT = "^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$";
  private static final String REMOTE_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String REMOTE_SPAN = "00f067aa0ba902b7";

  /** Runs a span on "service A" and returns the headers it would send. */
  private Map<String, String> upstreamHeaders(String[] ids) {
    try (ActiveSpan upstream = tracer.spanBuilder("service_a").kind(SpanKind.CLIENT).startAsCurrent()) {
      ids[0] = upstream.traceId();
      ids[1] = upstream.spanId();
      return ScouterTracing.tracingHeadersFromCurrentSpan();
    }
  }

  // ---- outgoing headers ------------------------------------------------------------------------------------------

  @Test
  void headersWithoutSpanThrow() {
    assertThatThrownBy(ScouterTracing::tracingHeadersFromCurrentSpan)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No active span");
  }

  @Test
  void headersAfterTheSpanClosedThrow() {
    try (ActiveSpan ignored = tracer.startAsCurrentSpan("closed")) {
      ScouterTracing.tracingHeadersFromCurrentSpan();
    }
    assertThatThrownBy(ScouterTracing::tracingHeadersFromCurrentSpan).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void headersOfTheCurrentSpan() {
    try (ActiveSpan span = tracer.startAsCurrentSpan("current")) {
      Map<String, String> h = ScouterTracing.tracingHeadersFromCurrentSpan();
      assertThat(h).containsOnlyKeys("trace_id", "span_id", "is_sampled", "traceparent", "tracestate");
      assertThat(h.get("trace_id")).matches("^[0-9a-f]{32}$").isEqualTo(span.traceId());
      assertThat(h.get("span_id")).matches("^[0-9a-f]{16}$").isEqualTo(span.spanId());
      assertThat(h.get("is_sampled")).isEqualTo("true");
      assertThat(h.get("traceparent")).matches(TRACEPARENT)
          .isEqualTo("00-" + span.traceId() + "-" + span.spanId() + "-01");
      assertThat(h.get("tracestate")).isEmpty();
    }
  }

  @Test
  void headersFollowTheInnermostSpan() {
    try (ActiveSpan outer = tracer.startAsCurrentSpan("outer")) {
      try (ActiveSpan inner = tracer.startAsCurrentSpan("inner")) {
        assertThat(ScouterTracing.tracingHeadersFromCurrentSpan().get("span_id")).isEqualTo(inner.spanId());
      }
      assertThat(ScouterTracing.tracingHeadersFromCurrentSpan().get("span_id")).isEqualTo(outer.spanId());
    }
  }

  @Test
  void headersRoundTripThroughExtract() {
    try (ActiveSpan span = tracer.startAsCurrentSpan("round")) {
      RemoteParent p = ScouterTracing.extractRemoteParent(ScouterTracing.tracingHeadersFromCurrentSpan())
          .orElseThrow();
      assertThat(p.traceId()).isEqualTo(span.traceId());
      assertThat(p.spanId()).isEqualTo(span.spanId());
      assertThat(p.isSampledHeader()).isEqualTo("true");
    }
  }

  // ---- incoming headers ------------------------------------------------------------------------------------------

  @Test
  void childFromOutgoingHeadersJoinsTheTrace() {
    String[] up = new String[2];
    Map<String, String> outgoing = upstreamHeaders(up);
    String childSpanId;
    try (ActiveSpan child = tracer.spanBuilder("service_b").kind(SpanKind.SERVER).headers(outgoing)
        .startAsCurrent()) {
      assertThat(child.traceId()).isEqualTo(up[0]);
      childSpanId = child.spanId();
    }
    TraceSpanRecord child = exporter.span("service_b");
    assertThat(child.traceId()).isEqualTo(up[0]);
    assertThat(child.parentSpanId()).isEqualTo(up[1]);
    assertThat(child.spanId()).isEqualTo(childSpanId).isNotEqualTo(up[1]);
    assertThat(child.spanKind()).isEqualTo("SERVER");
  }

  @Test
  void onlyTraceparentIsEnough() {
    String[] up = new String[2];
    Map<String, String> outgoing = upstreamHeaders(up);
    try (ActiveSpan ignored = tracer.spanBuilder("w3c_only")
        .headers(Map.of("traceparent", outgoing.get("traceparent"))).startAsCurrent()) {
      // nothing
    }
    TraceSpanRecord child = exporter.span("w3c_only");
    assertThat(child.traceId()).isEqualTo(up[0]);
    assertThat(child.parentSpanId()).isEqualTo(up[1]);
  }

  @Test
  void legacyHeadersLinkToo() {
    String[] up = new String[2];
    Map<String, String> outgoing = upstreamHeaders(up);
    Map<String, String> legacy = Map.of("trace_id", outgoing.get("trace_id"), "span_id", outgoing.get("span_id"),
        "is_sampled", outgoing.get("is_sampled"));
    try (ActiveSpan ignored = tracer.spanBuilder("legacy_child").headers(legacy).startAsCurrent()) {
      // nothing
    }
    TraceSpanRecord child = exporter.span("legacy_child");
    assertThat(child.traceId()).isEqualTo(up[0]);
    assertThat(child.parentSpanId()).isEqualTo(up[1]);
    assertThat(child.spanId()).isNotEqualTo(up[1]);
  }

  @Test
  void legacyHeadersWithoutIsSampledStillJoinTheTrace() {
    try (ActiveSpan child = tracer.spanBuilder("legacy_unflagged")
        .headers(Map.of("trace_id", REMOTE_TRACE, "span_id", REMOTE_SPAN)).startAsCurrent()) {
      assertThat(child.traceId()).isEqualTo(REMOTE_TRACE);
      assertThat(child.spanId()).isNotEqualTo(REMOTE_SPAN);
    }
  }

  @Test
  void jaxRsStyleListHeadersLink() {
    String[] up = new String[2];
    Map<String, String> outgoing = upstreamHeaders(up);
    Map<String, List<String>> jaxrs = new HashMap<>();
    jaxrs.put("Traceparent", List.of(outgoing.get("traceparent")));
    try (ActiveSpan ignored = tracer.spanBuilder("jaxrs").headers(jaxrs).startAsCurrent()) {
      // nothing
    }
    assertThat(exporter.span("jaxrs").parentSpanId()).isEqualTo(up[1]);
  }

  @Test
  void headersWinOverExplicitRemoteParent() {
    String[] up = new String[2];
    Map<String, String> outgoing = upstreamHeaders(up);
    try (ActiveSpan ignored = tracer.spanBuilder("both").remoteParent(REMOTE_TRACE, REMOTE_SPAN, true)
        .headers(outgoing).startAsCurrent()) {
      // nothing
    }
    TraceSpanRecord child = exporter.span("both");
    assertThat(child.traceId()).isEqualTo(up[0]).isNotEqualTo(REMOTE_TRACE);
    assertThat(child.parentSpanId()).isEqualTo(up[1]);
  }

  @Test
  void invalidHeadersFallBackToExplicitRemoteParent() {
    try (ActiveSpan ignored = tracer.spanBuilder("fallback").headers(Map.of("traceparent", "garbage"))
        .remoteParent(REMOTE_TRACE, REMOTE_SPAN, true).startAsCurrent()) {
      // nothing
    }
    TraceSpanRecord child = exporter.span("fallback");
    assertThat(child.traceId()).isEqualTo(REMOTE_TRACE);
    assertThat(child.parentSpanId()).isEqualTo(REMOTE_SPAN);
  }

  @Test
  void headersWinOverTheCurrentSpan() {
    try (ActiveSpan local = tracer.startAsCurrentSpan("local")) {
      String localTrace = local.traceId();
      try (ActiveSpan remote = tracer.spanBuilder("remote_child")
          .headers(Map.of("traceparent", "00-" + REMOTE_TRACE + "-" + REMOTE_SPAN + "-01")).startAsCurrent()) {
        assertThat(remote.traceId()).isEqualTo(REMOTE_TRACE).isNotEqualTo(localTrace);
      }
    }
    assertThat(exporter.span("remote_child").parentSpanId()).isEqualTo(REMOTE_SPAN);
  }

  @Test
  void invalidHeadersStartANewTrace() {
    String[] up = new String[2];
    upstreamHeaders(up);
    List<Map<String, String>> invalid = List.of(
        Map.of("traceparent", "garbage"),
        Map.of("traceparent", "00-" + "0".repeat(32) + "-" + REMOTE_SPAN + "-01"),
        Map.of("trace_id", "not-hex", "span_id", "also-not-hex"),
        Map.of());
    for (int i = 0; i < invalid.size(); i++) {
      try (ActiveSpan ignored = tracer.spanBuilder("root-" + i).headers(invalid.get(i)).startAsCurrent()) {
        // nothing
      }
      TraceSpanRecord root = exporter.span("root-" + i);
      assertThat(root.parentSpanId()).as("invalid headers %s", invalid.get(i)).isNull();
      assertThat(root.traceId()).matches("^[0-9a-f]{32}$").isNotEqualTo(up[0]).isNotEqualTo("0".repeat(32));
    }
    assertThat(exporter.spans().stream().map(TraceSpanRecord::traceId).distinct().count())
        .isEqualTo(invalid.size() + 1);
  }

  @Test
  void tracestateIsPropagatedToTheChildHeaders() {
    Map<String, String> incoming = Map.of("traceparent", "00-" + REMOTE_TRACE + "-" + REMOTE_SPAN + "-01",
        "tracestate", "vendor=value");
    try (ActiveSpan child = tracer.spanBuilder("with_state").headers(incoming).startAsCurrent()) {
      Map<String, String> h = ScouterTracing.tracingHeadersFromCurrentSpan();
      assertThat(h.get("tracestate")).isEqualTo("vendor=value");
      assertThat(h.get("trace_id")).isEqualTo(REMOTE_TRACE);
      assertThat(h.get("span_id")).isEqualTo(child.spanId()).isNotEqualTo(REMOTE_SPAN);
      try (ActiveSpan grandchild = tracer.startAsCurrentSpan("grandchild")) {
        assertThat(ScouterTracing.tracingHeadersFromCurrentSpan().get("tracestate")).isEqualTo("vendor=value");
      }
    }
  }

  @Test
  void fullRoundTripAcrossTwoServices() {
    String[] up = new String[2];
    Map<String, String> toB = upstreamHeaders(up);
    Map<String, String> toC;
    try (ActiveSpan b = tracer.spanBuilder("service_b").headers(toB).startAsCurrent()) {
      toC = ScouterTracing.tracingHeadersFromCurrentSpan();
    }
    try (ActiveSpan ignored = tracer.spanBuilder("service_c").headers(toC).startAsCurrent()) {
      // nothing
    }
    TraceSpanRecord a = exporter.span("service_a");
    TraceSpanRecord b = exporter.span("service_b");
    TraceSpanRecord c = exporter.span("service_c");
    assertThat(List.of(a.traceId(), b.traceId(), c.traceId())).containsOnly(up[0]);
    assertThat(a.parentSpanId()).isNull();
    assertThat(b.parentSpanId()).isEqualTo(a.spanId());
    assertThat(c.parentSpanId()).isEqualTo(b.spanId());
  }

  @Test
  void explicitRemoteParentRecordIsUsed() {
    try (ActiveSpan ignored = tracer.spanBuilder("explicit")
        .remoteParent(new RemoteParent(REMOTE_TRACE, REMOTE_SPAN, true, "")).startAsCurrent()) {
      // nothing
    }
    assertThat(exporter.span("explicit").parentSpanId()).isEqualTo(REMOTE_SPAN);
  }

  @Test
  void invalidExplicitRemoteIdsStartANewTrace() {
    try (ActiveSpan span = tracer.spanBuilder("bad-ids").remoteParent("xyz", "123", true).startAsCurrent()) {
      assertThat(span.traceId()).matches("^[0-9a-f]{32}$");
    }
    assertThat(exporter.span("bad-ids").parentSpanId()).isNull();
  }

  @Test
  void invalidRemoteParentIsIgnoredAndTheCurrentSpanStaysTheParent() {
    String localTrace;
    String localSpan;
    try (ActiveSpan local = tracer.startAsCurrentSpan("local")) {
      localTrace = local.traceId();
      localSpan = local.spanId();
      try (ActiveSpan a = tracer.spanBuilder("bad-strings").remoteParent("xyz", "123", true).startAsCurrent()) {
        assertThat(a.traceId()).isEqualTo(localTrace);
      }
      try (ActiveSpan b = tracer.spanBuilder("bad-record").remoteParent(new RemoteParent("xyz", "123", true, ""))
          .startAsCurrent()) {
        assertThat(b.traceId()).isEqualTo(localTrace);
      }
    }
    assertThat(exporter.span("bad-strings").parentSpanId()).isEqualTo(localSpan);
    assertThat(exporter.span("bad-record").parentSpanId()).isEqualTo(localSpan);
  }

  @Test
  void uppercaseExplicitRemoteIdsAreNormalised() {
    try (ActiveSpan span = tracer.spanBuilder("upper")
        .remoteParent(REMOTE_TRACE.toUpperCase(), REMOTE_SPAN.toUpperCase(), true).startAsCurrent()) {
      assertThat(span.traceId()).isEqualTo(REMOTE_TRACE);
    }
    assertThat(exporter.span("upper").parentSpanId()).isEqualTo(REMOTE_SPAN);
  }

  // ---- parent-based sampling -------------------------------------------------------------------------------------

  @Test
  void sampledRemoteParentIsExportedEvenWithRatioZero() {
    init(b -> b.sampleRatio(0.0));
    try (ActiveSpan root = tracer.startAsCurrentSpan("local_root")) {
      assertThat(root.isSampled()).isFalse();
      Map<String, String> h = ScouterTracing.tracingHeadersFromCurrentSpan();
      assertThat(h.get("is_sampled")).isEqualTo("false");
      assertThat(h.get("traceparent")).matches(TRACEPARENT).endsWith("-00");
    }
    try (ActiveSpan span = tracer.spanBuilder("remote_sampled").remoteParent(REMOTE_TRACE, REMOTE_SPAN, true)
        .startAsCurrent()) {
      assertThat(span.isSampled()).isTrue();
      try (ActiveSpan child = tracer.startAsCurrentSpan("remote_sampled_child")) {
        assertThat(child.isSampled()).isTrue();
      }
    }
    assertThat(exporter.spans()).extracting(TraceSpanRecord::spanName)
        .containsExactly("remote_sampled_child", "remote_sampled");
    TraceSpanRecord span = exporter.span("remote_sampled");
    assertThat(span.traceId()).isEqualTo(REMOTE_TRACE);
    assertThat(span.parentSpanId()).isEqualTo(REMOTE_SPAN);
    assertThat(exporter.span("remote_sampled_child").parentSpanId()).isEqualTo(span.spanId());
  }

  @Test
  void unsampledRemoteParentIsNotExportedEvenWithRatioOne() {
    init(b -> b.sampleRatio(1.0));
    try (ActiveSpan span = tracer.spanBuilder("remote_unsampled").remoteParent(REMOTE_TRACE, REMOTE_SPAN, false)
        .startAsCurrent()) {
      assertThat(span.isSampled()).isFalse();
      assertThat(span.traceId()).isEqualTo(REMOTE_TRACE);
      assertThat(ScouterTracing.tracingHeadersFromCurrentSpan().get("traceparent"))
          .isEqualTo("00-" + REMOTE_TRACE + "-" + span.spanId() + "-00");
      try (ActiveSpan child = tracer.startAsCurrentSpan("remote_unsampled_child")) {
        assertThat(child.isSampled()).isFalse();
      }
    }
    try (ActiveSpan ignored = tracer.startAsCurrentSpan("fresh_root")) {
      // sampled: ratio 1.0
    }
    assertThat(exporter.spans()).extracting(TraceSpanRecord::spanName).containsExactly("fresh_root");
  }

  @Test
  void unsampledTraceparentHeaderIsRespected() {
    try (ActiveSpan span = tracer.spanBuilder("w3c_unsampled")
        .headers(Map.of("traceparent", "00-" + REMOTE_TRACE + "-" + REMOTE_SPAN + "-00")).startAsCurrent()) {
      assertThat(span.isSampled()).isFalse();
      assertThat(span.traceId()).isEqualTo(REMOTE_TRACE);
    }
    assertThat(exporter.spans()).isEmpty();
  }

  @Test
  void legacyHeadersWithoutIsSampledAreExportedWhenTheLocalSamplerKeepsAll() {
    // no is_sampled: the caller did not decide, so the local sampler (every new trace) decides, not "unsampled"
    try (ActiveSpan span = tracer.spanBuilder("legacy_undecided")
        .headers(Map.of("trace_id", REMOTE_TRACE, "span_id", REMOTE_SPAN)).startAsCurrent()) {
      assertThat(span.isSampled()).isTrue();
      assertThat(ScouterTracing.tracingHeadersFromCurrentSpan()).containsEntry("is_sampled", "true");
      try (ActiveSpan child = tracer.startAsCurrentSpan("legacy_undecided_child")) {
        assertThat(child.isSampled()).isTrue();
      }
    }
    assertThat(exporter.spans()).extracting(TraceSpanRecord::spanName)
        .containsExactly("legacy_undecided_child", "legacy_undecided");
    assertThat(exporter.span("legacy_undecided").traceId()).isEqualTo(REMOTE_TRACE);
    assertThat(exporter.span("legacy_undecided").parentSpanId()).isEqualTo(REMOTE_SPAN);
  }

  @Test
  void legacyHeadersWithoutIsSampledLetTheRatioDecideOnTheTraceId() {
    init(b -> b.sampleRatio(0.5));
    io.opentelemetry.sdk.trace.samplers.Sampler ratio =
        io.opentelemetry.sdk.trace.samplers.Sampler.traceIdRatioBased(0.5);
    java.util.Random random = new java.util.Random(42);
    int sampled = 0;
    for (int i = 0; i < 200; i++) {
      String traceId = String.format("%016x%016x", random.nextLong(), random.nextLong());
      boolean expected = ratio.shouldSample(io.opentelemetry.context.Context.root(), traceId, "x",
          io.opentelemetry.api.trace.SpanKind.SERVER, io.opentelemetry.api.common.Attributes.empty(), List.of())
          .getDecision() == io.opentelemetry.sdk.trace.samplers.SamplingDecision.RECORD_AND_SAMPLE;
      try (ActiveSpan span = tracer.spanBuilder("undecided_" + i)
          .headers(Map.of("trace_id", traceId, "span_id", REMOTE_SPAN)).startAsCurrent()) {
        assertThat(span.traceId()).isEqualTo(traceId);
        assertThat(span.isSampled()).as("trace %s decided by the ratio on its id, as every service would", traceId)
            .isEqualTo(expected);
        sampled += span.isSampled() ? 1 : 0;
      }
    }
    assertThat(sampled).as("about half of 200").isBetween(60, 140);
    assertThat(exporter.spans()).hasSize(sampled);
  }

  @Test
  void legacyIsSampledFalseStaysUnsampled() {
    try (ActiveSpan span = tracer.spanBuilder("legacy_false")
        .headers(Map.of("trace_id", REMOTE_TRACE, "span_id", REMOTE_SPAN, "is_sampled", "false")).startAsCurrent()) {
      assertThat(span.isSampled()).isFalse();
      assertThat(span.traceId()).isEqualTo(REMOTE_TRACE);
    }
    assertThat(exporter.spans()).isEmpty();
  }
}
