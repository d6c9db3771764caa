package io.scouter.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.testkit.TestSpanExporter;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TracerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Port of upstream's {@code py-scouter/tests/test_drift/test_queue_capture.py} (offline record capture), plus the
 * capture part of {@code test_eval_runner.py::test_mock_adk_agent_e2e}.
 */
class QueueCaptureTest {
  private ScouterQueue genaiQueue;
  private EvalRecord evalRecord;

  @BeforeEach
  void setUp() {
    // the fixture: a minimal GenAI profile with alias "test", MockConfig transport
    genaiQueue = ScouterQueue.fromProfiles(Map.of("test", QueueProfile.read(Profiles.path("genai_profile.json"))),
        new MockConfig());
    evalRecord = EvalRecord.of(Map.of("input", "What is 2+2?", "response", "4"));
  }

  @AfterEach
  void tearDown() {
    genaiQueue.shutdown();
    ScouterTracing.shutdown();
  }

  @Test
  void test_capture_disabled_by_default() {
    assertThat(genaiQueue.drainAllRecords()).isEqualTo(Map.of());
  }

  @Test
  void test_enable_capture_and_drain() {
    genaiQueue.enableCapture();
    genaiQueue.get("test").insert(evalRecord);
    List<EvalRecord> records = genaiQueue.drainRecords("test");
    assertThat(records).hasSize(1);
    assertThat(records.get(0)).isInstanceOf(EvalRecord.class).isSameAs(evalRecord);
  }

  @Test
  void test_drain_clears_buffer() {
    genaiQueue.enableCapture();
    genaiQueue.get("test").insert(evalRecord);
    genaiQueue.drainRecords("test");
    assertThat(genaiQueue.drainRecords("test")).isEqualTo(List.of());
  }

  @Test
  void test_disable_capture_frees_buffer() {
    genaiQueue.enableCapture();
    genaiQueue.get("test").insert(evalRecord);
    genaiQueue.disableCapture();
    assertThat(genaiQueue.drainAllRecords()).isEqualTo(Map.of());
  }

  @Test
  void capturedRecords_carryTheSpanTraceId_andAreStillPublished() {
    ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("capture")
        .transport(new MockConfig()).exporter(new TestSpanExporter()).build());
    tracer.setScouterQueue(genaiQueue);
    genaiQueue.enableCapture();
    String traceId;
    try (ActiveSpan span = tracer.startAsCurrentSpan("retriever")) {
      traceId = span.traceId();
      span.insertQueueItem("test", EvalRecord.of(Map.of("docs", List.of("a", "b"))));
    }
    Map<String, List<EvalRecord>> all = genaiQueue.drainAllRecords();
    assertThat(all).containsOnlyKeys("test");
    assertThat(all.get("test")).singleElement().satisfies(r -> assertThat(r.traceId()).isEqualTo(traceId));
    assertThat(genaiQueue.flush()).isTrue();
    assertThat(genaiQueue.stats().published()).isEqualTo(1);
  }
}
