package io.scouter.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Scope;
import io.scouter.devserver.ScouterDevServer;
import io.scouter.testkit.TestSpanExporter;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.TracerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code ActiveSpan.insertQueueItem}: upstream's {@code add_queue_item} semantics, with the dev server as backend. */
class QueueSpanTest {
  private final ScouterDevServer server = ScouterDevServer.start();
  private final TestSpanExporter exporter = new TestSpanExporter();
  private ScouterQueue queue;

  @AfterEach
  void stop() {
    ScouterTracing.shutdown();
    if (queue != null) {
      queue.shutdown();
    }
    server.close();
  }

  private ScouterTracer tracer(Double sampleRatio) {
    TracerConfig.Builder b = TracerConfig.builder().serviceName("queue-svc").transport(new MockConfig())
        .exporter(exporter);
    if (sampleRatio != null) {
      b.sampleRatio(sampleRatio);
    }
    return ScouterTracing.initTracer(b.build());
  }

  private ScouterQueue queue(java.nio.file.Path genaiProfile) {
    queue = ScouterQueue.builder().profile("genai", genaiProfile)
        .profile("credit", Profiles.path("spc_profile.json"))
        .transport(HttpConfig.builder().uri(server.httpUri().toString()).build())
        .publishInterval(Duration.ofHours(1)).build();
    return queue;
  }

  @Test
  void insertQueueItem_stampsTheSpanTraceId_andAddsTheQueueEvent() {
    ScouterTracer tracer = tracer(null);
    tracer.setScouterQueue(queue(Profiles.path("genai_profile.json")));
    EvalRecord record = EvalRecord.of(Map.of("input", "hi", "response", "hello"));
    String traceId;
    try (ActiveSpan span = tracer.startAsCurrentSpan("chat")) {
      traceId = span.traceId();
      span.insertQueueItem("genai", record);
    }
    assertThat(record.traceId()).isEqualTo(traceId);
    TraceSpanRecord span = exporter.span("chat");
    TraceSpanRecord.SpanEventRecord event = span.event("scouter.queue.event");
    assertThat(event).isNotNull();
    assertThat(event.attributes()).containsEntry("scouter.queue.record", record.uid())
        .containsEntry("entity", "GenAI")
        .containsEntry("scouter.entity", Profiles.GENAI_UID);
    assertThat(queue.flush(Duration.ofSeconds(10))).isTrue();
    JsonNode sent = ServerRecordCheck.evalRecords(server.records()).get(0);
    assertThat(sent.get("trace_id").asText()).isEqualTo(traceId);
    assertThat(sent.get("uid").asText()).isEqualTo(record.uid());
  }

  @Test
  void aRecordWithItsOwnTraceId_keepsIt_andAddQueueItemIsTheSameCall() {
    ScouterTracer tracer = tracer(null);
    tracer.setScouterQueue(queue(Profiles.path("genai_profile.json")));
    EvalRecord record = EvalRecord.builder().traceId("4bf92f3577b34da6a3ce929d0e0e4736").build();
    try (ActiveSpan span = tracer.startAsCurrentSpan("chat")) {
      span.addQueueItem("genai", record);
    }
    assertThat(record.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(exporter.span("chat").event("scouter.queue.event")).isNotNull();
  }

  @Test
  void aSpanStartedWithoutBeingCurrent_stampsItsOwnTraceId() {
    ScouterTracer tracer = tracer(null);
    tracer.setScouterQueue(queue(Profiles.path("genai_profile.json")));
    EvalRecord record = EvalRecord.of(Map.of());
    try (ActiveSpan current = tracer.startAsCurrentSpan("current")) {
      ActiveSpan detached = tracer.spanBuilder("detached").parent(io.opentelemetry.context.Context.root()).start();
      detached.insertQueueItem("genai", record);
      detached.end();
      assertThat(record.traceId()).isEqualTo(detached.traceId()).isNotEqualTo(current.traceId());
    }
  }

  @Test
  void anUnsampledSpan_insertsNothing() {
    ScouterTracer tracer = tracer(0.0);
    tracer.setScouterQueue(queue(Profiles.path("genai_profile.json")));
    EvalRecord record = EvalRecord.of(Map.of());
    try (ActiveSpan span = tracer.startAsCurrentSpan("unsampled")) {
      assertThat(span.isSampled()).isFalse();
      span.insertQueueItem("genai", record);
      span.insertQueueItem("no-such-alias", record); // not even looked up, as upstream
    }
    assertThat(record.traceId()).isNull();
    assertThat(queue.stats().inserted()).isZero();
    assertThat(queue.get("genai").pending()).isZero();
  }

  @Test
  void withoutAQueue_aClearWarningIsLogged_andNothingThrows() {
    ScouterTracer tracer = tracer(null);
    tracer.setScouterQueue(null);
    List<LogRecord> logs = new ArrayList<>();
    Handler h = new Handler() {
      @Override
      public void publish(LogRecord r) {
        logs.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger logger = Logger.getLogger("io.scouter.tracing.internal.AbstractActiveSpan");
    java.util.logging.Level level = logger.getLevel();
    logger.setLevel(java.util.logging.Level.FINE); // repeats within a minute are logged at FINE
    h.setLevel(java.util.logging.Level.ALL);
    logger.addHandler(h);
    try (ActiveSpan span = tracer.startAsCurrentSpan("no-queue")) {
      span.insertQueueItem("genai", EvalRecord.of(Map.of()));
    } finally {
      logger.removeHandler(h);
      logger.setLevel(level);
    }
    assertThat(logs).anySatisfy(r -> assertThat(r.getMessage())
        .contains("insertQueueItem(\"genai\", ...) skipped")
        .contains("no ScouterQueue is attached to the tracer")
        .contains("setScouterQueue"));
    assertThat(exporter.span("no-queue").event("scouter.queue.event")).isNull();
  }

  @Test
  void anUnknownAlias_throwsListingTheKnownAliases() {
    ScouterTracer tracer = tracer(null);
    tracer.setScouterQueue(queue(Profiles.path("genai_profile.json")));
    try (ActiveSpan span = tracer.startAsCurrentSpan("typo")) {
      assertThatThrownBy(() -> span.insertQueueItem("genia", EvalRecord.of(Map.of())))
          .isInstanceOf(MissingQueueException.class)
          .hasMessage("No Scouter queue with alias 'genia'; known aliases: [genai, credit]");
    }
    assertThatThrownBy(() -> queue.get("nope")).isInstanceOf(MissingQueueException.class)
        .hasMessageContaining("known aliases: [genai, credit]");
    assertThatThrownBy(() -> queue.drainRecords("nope")).isInstanceOf(MissingQueueException.class);
  }

  @Test
  void theWrongRecordTypeForTheProfile_isRejectedAtInsert() {
    ScouterTracer tracer = tracer(null);
    tracer.setScouterQueue(queue(Profiles.path("genai_profile.json")));
    EvalRecord record = EvalRecord.of(Map.of());
    try (ActiveSpan span = tracer.startAsCurrentSpan("wrong")) {
      assertThatThrownBy(() -> span.insertQueueItem("credit", record))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Scouter queue 'credit' (Spc profile scouter/credit_model/v1.0.0/spc) takes Features, not "
              + "EvalRecord");
      assertThatThrownBy(() -> span.insertQueueItem("genai", Metrics.of(new Metric("mae", 1))))
          .hasMessageContaining("takes EvalRecord, not Metrics");
    }
    assertThat(record.traceId()).as("a rejected record is left untouched").isNull();
    assertThat(exporter.span("wrong").event("scouter.queue.event")).isNull();
    assertThat(queue.stats().inserted()).isZero();
  }

  @Test
  void setScouterQueue_setsTheEvalSampleRatioTo1_soTheTracerAloneDecides() {
    ScouterTracer tracer = tracer(null);
    ScouterQueue q = queue(Profiles.variant("genai_profile.json", "\"sample_ratio\": 1.0", "\"sample_ratio\": 0.0"));
    for (int i = 0; i < 5; i++) {
      q.get("genai").insert(EvalRecord.of(Map.of("i", i)));
    }
    assertThat(q.stats().sampledOut()).isEqualTo(5);
    tracer.setScouterQueue(q);
    assertThat(tracer.scouterQueue()).containsSame(q);
    try (ActiveSpan span = tracer.startAsCurrentSpan("kept")) {
      span.insertQueueItem("genai", EvalRecord.of(Map.of()));
    }
    assertThat(q.stats().inserted()).isEqualTo(1);
    q.shutdown();
    assertThat(tracer.scouterQueue()).as("a queue that shuts down detaches itself").isEmpty();
  }

  @Test
  void directInsertInsideASpan_stampsTheCurrentTraceId_andTheScenarioBaggageTag() {
    ScouterTracer tracer = tracer(null);
    ScouterQueue q = queue(Profiles.path("genai_profile.json"));
    EvalRecord record = EvalRecord.of(Map.of());
    try (ActiveSpan span = tracer.startAsCurrentSpan("direct");
        Scope s = Baggage.current().toBuilder().put(QueueBus.SCENARIO_BAGGAGE_KEY, "scenario_42").build()
            .makeCurrent()) {
      q.get("genai").insert(record);
      assertThat(record.traceId()).isEqualTo(span.traceId());
    }
    assertThat(record.tags()).containsExactly("scouter.eval.scenario_id=scenario_42");
  }
}
