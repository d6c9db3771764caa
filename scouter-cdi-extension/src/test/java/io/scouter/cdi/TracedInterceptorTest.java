package io.scouter.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.scouter.testkit.TestSpanExporter;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.TagRecord;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Python decorator tests (test_tracing_sync, test_tracing_async) on the CDI interceptor, and the CDI specifics. */
@EnableAutoWeld
@AddExtensions(ScouterExtension.class)
@AddBeanClasses({SyncService.class, SyncService.Inner.class, ClassLevelService.class, TestExporter.class})
class TracedInterceptorTest {
  static final TestSpanExporter EXPORTER = TestExporter.EXPORTER;

  @Inject
  SyncService service;

  @Inject
  ClassLevelService classLevel;

  @Inject
  ScouterTracer tracer;

  @Inject
  @TracerName("billing")
  ScouterTracer billing;

  @BeforeEach
  void clear() {
    EXPORTER.clear();
  }

  @Test
  void basicFunctionality_oneSpanNamedAfterTheAnnotation() {
    assertThat(service.testFunction(2, 3)).isEqualTo(5);
    TraceSpanRecord span = EXPORTER.span("test_function");
    assertThat(EXPORTER.spans()).hasSize(1);
    assertThat(span.spanKind()).isEqualTo("INTERNAL");
    assertThat(span.parentSpanId()).isNull();
    assertThat(span.input().toString()).isEqualTo("{\"a\":2,\"b\":3}");
    assertThat(span.output().asInt()).isEqualTo(5);
    assertThat(span.statusCode()).isZero();
    assertThat(span.scope()).isEqualTo("test-service");
    assertThat(span.serviceName()).isEqualTo("test-service");
  }

  @Test
  void recordArgument_capturedAsSortedJson_andResultPassedThrough() {
    SyncService.Payload out = service.withRecord(new SyncService.Payload(1.0, "x"), 2);
    assertThat(out).isEqualTo(new SyncService.Payload(2.0, "x"));
    TraceSpanRecord span = EXPORTER.span("SyncService.withRecord");
    assertThat(span.input().get("payload").get("feature0").asDouble()).isEqualTo(1.0);
    assertThat(span.input().toString()).isEqualTo("{\"payload\":{\"feature0\":1.0,\"name\":\"x\"},\"times\":2}");
    assertThat(span.output().get("feature0").asDouble()).isEqualTo(2.0);
  }

  @Test
  void optionalParameters_twoCallsTwoSpans() {
    assertThat(service.withOptional("a", Optional.of("b"))).isEqualTo("ab");
    assertThat(service.withOptional("a", Optional.empty())).isEqualTo("a-");
    List<TraceSpanRecord> spans = EXPORTER.spans();
    assertThat(spans).hasSize(2);
    assertThat(spans.get(0).input().get("optional").asText()).isEqualTo("b");
    assertThat(spans.get(1).input().get("optional").isNull()).isTrue();
  }

  @Test
  void exception_propagatesUnchanged_andTheSpanIsStillExported() {
    assertThatThrownBy(() -> service.throwing("Test exception"))
        .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("Test exception");
    TraceSpanRecord span = EXPORTER.span("SyncService.throwing");
    assertThat(span.statusCode()).isEqualTo(2);
    assertThat(span.statusMessage()).isEqualTo("IllegalArgumentException: Test exception");
    assertThat(span.events()).extracting(TraceSpanRecord.SpanEventRecord::name).containsExactly("exception");
    assertThat(span.output()).isNull();
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void nested_innerExportedFirst_withParentLinks_kindLabelTagsAndEvents() {
    assertThat(service.outer("hi")).isEqualTo("HI!");
    List<TraceSpanRecord> spans = EXPORTER.spans();
    assertThat(spans).extracting(TraceSpanRecord::spanName).containsExactly("inner", "outer");
    TraceSpanRecord inner = spans.get(0);
    TraceSpanRecord outer = spans.get(1);
    assertThat(outer.parentSpanId()).isNull();
    assertThat(inner.parentSpanId()).isEqualTo(outer.spanId());
    assertThat(inner.traceId()).isEqualTo(outer.traceId());
    assertThat(outer.spanKind()).isEqualTo("SERVER");
    assertThat(outer.attribute("scouter.tracing.label")).isEqualTo("api");
    // tags at start: on the span and propagated to the child as baggage
    assertThat(outer.attribute("env")).isEqualTo("prod");
    assertThat(inner.attribute("env")).isEqualTo("prod");
    assertThat(outer.attribute("tier")).isEqualTo("gold");
    assertThat(inner.attribute("tier")).isNull();
    assertThat(EXPORTER.tags()).contains(new TagRecord("trace", outer.traceId(), "env", "prod"),
        new TagRecord("trace", outer.traceId(), "team", "ml"), new TagRecord("trace", outer.traceId(), "tier", "gold"));
    assertThat(EXPORTER.baggage()).extracting(b -> b.key() + "@" + b.scope())
        .contains("scouter.tracing.tag.env@test-service", "scouter.tracing.tag.team@test-service");
    assertThat(outer.event("validated").attributes()).containsEntry("checks.passed", 5L);
    assertThat(outer.attribute("scouter.tracing.start_time"))
        .isEqualTo(inner.attribute("scouter.tracing.start_time"));
  }

  @Test
  void classLevelBinding_everyMethodTraced_exceptTheOptedOutOne() {
    classLevel.first("a");
    classLevel.second("b");
    classLevel.optedOut("c");
    classLevel.overridden("d");
    assertThat(EXPORTER.spans()).extracting(TraceSpanRecord::spanName)
        .containsExactly("ClassLevelService.first", "ClassLevelService.second", "renamed");
    assertThat(EXPORTER.span("ClassLevelService.first").attribute("scouter.tracing.label")).isEqualTo("class-level");
    assertThat(EXPORTER.span("renamed").input()).isNull();
    assertThat(EXPORTER.span("renamed").output().asText()).isEqualTo("d");
  }

  @Test
  void untracedMethodOfABeanWithMethodLevelBindings_notTraced() {
    service.untraced("x");
    assertThat(EXPORTER.spans()).isEmpty();
  }

  @Test
  void secretsRedacted_noCaptureHidden_namesFromParameters() {
    service.secrets("alice", "hunter2", "k-123", "sess", "tok-9");
    TraceSpanRecord span = EXPORTER.span("SyncService.secrets");
    assertThat(span.input().toString()).isEqualTo(
        "{\"accessToken\":\"[redacted]\",\"apiKey\":\"[redacted]\",\"password\":\"[redacted]\",\"user\":\"alice\"}");
    assertThat(span.attributes().values().stream().map(String::valueOf).collect(Collectors.joining()))
        .doesNotContain("hunter2", "k-123", "sess", "tok-9");
  }

  @Test
  void maxLengthPerAnnotation_truncatesStringLeaves() {
    service.longText("abcdefghijklmnop");
    TraceSpanRecord span = EXPORTER.span("SyncService.longText");
    assertThat(span.input().get("text").asText()).isEqualTo("abcdefghij...[truncated]");
    assertThat(span.output().asText()).isEqualTo("abcdefghij...[truncated]");
  }

  @Test
  void threeConcurrentAsyncCalls_threeSpansEachWithItsOwnChild() throws Exception {
    CompletableFuture<?>[] calls = new CompletableFuture<?>[3];
    for (int i = 0; i < 3; i++) {
      calls[i] = service.asyncOuter("v" + i).toCompletableFuture();
    }
    CompletableFuture.allOf(calls).get();
    List<TraceSpanRecord> spans = EXPORTER.awaitSpans(6, Duration.ofSeconds(5));
    List<TraceSpanRecord> outers = spans.stream().filter(s -> s.spanName().equals("SyncService.asyncOuter"))
        .collect(Collectors.toList());
    assertThat(outers).hasSize(3);
    for (TraceSpanRecord outer : outers) {
      List<TraceSpanRecord> children = spans.stream().filter(s -> outer.spanId().equals(s.parentSpanId()))
          .collect(Collectors.toList());
      assertThat(children).hasSize(1);
      assertThat(children.get(0).spanName()).isEqualTo("inner");
      assertThat(children.get(0).input().get("x").asText()).isEqualTo(outer.input().get("x").asText());
      assertThat(outer.output().asText()).isEqualTo(children.get(0).output().asText());
    }
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void producers_defaultTracerNamedAfterService_namedTracerByQualifier() {
    assertThat(tracer.name()).isEqualTo("test-service");
    assertThat(billing.name()).isEqualTo("billing");
    try (var span = billing.startAsCurrentSpan("charge")) {
      service.testFunction(1, 1);
    }
    TraceSpanRecord charge = EXPORTER.span("charge");
    assertThat(charge.scope()).isEqualTo("billing");
    assertThat(EXPORTER.span("test_function").parentSpanId()).isEqualTo(charge.spanId());
  }

  @Test
  void interceptorFiresExactlyOnce_portableExtensionOnly() {
    service.testFunction(1, 2);
    assertThat(EXPORTER.spans()).hasSize(1);
    assertThat(ScouterTracing.isInitialized()).isTrue();
  }
}
