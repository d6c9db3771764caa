package io.scouter.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.queue.ServerRecordCheck.Server;
import io.scouter.queue.internal.Uuid7;
import io.scouter.devserver.ScouterDevServer;
import io.scouter.tracing.HttpConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queue publishing over the HTTP transport to the testkit's Scouter dev server (real sockets, strict decoding):
 * record shapes as the server's serde reads them, batch-full and interval publishing, shutdown flush, outage and
 * recovery, and the SPC/PSI/custom computations of upstream's feature queues.
 */
class ScouterQueueHttpTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  private final ScouterDevServer server = ScouterDevServer.start();
  private ScouterQueue queue;

  @AfterEach
  void stop() {
    if (queue != null) {
      queue.shutdown();
    }
    server.close();
  }

  private ScouterQueue queue(String alias, Path profile, Duration interval) {
    queue = ScouterQueue.builder().profile(alias, profile)
        .transport(HttpConfig.builder().uri(server.httpUri().toString()).timeout(Duration.ofSeconds(3)).build())
        .publishInterval(interval).build();
    return queue;
  }

  private List<JsonNode> awaitRecords(Predicate<List<JsonNode>> done) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<JsonNode> r = server.records();
    while (!done.test(r) && System.nanoTime() < deadline) {
      sleep(50);
      r = server.records();
    }
    return r;
  }

  private static JsonNode asArray(List<JsonNode> records) {
    return io.scouter.queue.internal.QueueJson.MAPPER.valueToTree(records);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void evalRecords_arriveAsGenAIEval_inTheV025ServerShape() {
    ScouterQueue q = queue("genai", Profiles.path("genai_profile.json"), Duration.ofHours(1));
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    EvalRecord a = EvalRecord.builder().context(Map.of("input", "What is 2+2?", "response", "4")).id("rec-1")
        .sessionId("session-1").traceId(traceId).tag("model", "gpt-4o").build();
    a.updateContextField("latency_ms", 120).addTag("env", "test");
    EvalRecord b = EvalRecord.of(null);
    q.get("genai").insert(a);
    q.get("genai").insert(b);
    assertThat(q.flush(WAIT)).isTrue();

    List<JsonNode> records = server.records();
    assertThat(server.rejections()).isEmpty();
    assertThat(ServerRecordCheck.check(asArray(records), Server.V0_25)).containsExactly("GenAIEval", "GenAIEval");
    JsonNode ra = ServerRecordCheck.evalRecords(records).get(0);
    assertThat(ra.get("uid").asText()).isEqualTo(a.uid());
    assertThat(Uuid7.isUuid7(ra.get("uid").asText())).isTrue();
    assertThat(ra.get("record_id").asText()).isEqualTo("rec-1");
    assertThat(ra.get("session_id").asText()).isEqualTo("session-1");
    assertThat(ra.get("trace_id").asText()).isEqualTo(traceId);
    assertThat(ra.get("entity_uid").asText()).isEqualTo(Profiles.GENAI_UID);
    assertThat(ra.get("entity_type").asText()).isEqualTo("GenAI");
    assertThat(ra.get("status").asText()).isEqualTo("Pending");
    assertThat(ra.get("context").toString()).contains("\"input\":\"What is 2+2?\"").contains("\"latency_ms\":120");
    assertThat(ra.get("tags").toString()).isEqualTo("[\"model=gpt-4o\",\"env=test\"]");
    assertThat(Instant.parse(ra.get("created_at").asText())).isEqualTo(a.createdAt());
    assertThat(ra.has("record_source")).isFalse();
    // the Rust struct's field order
    List<String> fields = new ArrayList<>();
    ra.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("record_id", "session_id", "created_at", "uid", "context", "id", "updated_at",
        "processing_started_at", "processing_ended_at", "processing_duration", "entity_id", "entity_uid", "status",
        "entity_type", "retry_count", "trace_id", "tags");
    JsonNode rb = ServerRecordCheck.evalRecords(records).get(1);
    assertThat(rb.get("trace_id").isNull()).isTrue();
    assertThat(rb.get("context").toString()).isEqualTo("{}");
    assertThat(Uuid7.isUuid7(rb.get("session_id").asText())).isTrue();
    assertThat(q.stats().published()).isEqualTo(2);
  }

  @Test
  void agentProfile_recordsArriveAsAgentEval_withRecordSource() {
    ScouterQueue q = queue("agent", Profiles.path("agent_profile.json"), Duration.ofHours(1));
    q.get("agent").insert(EvalRecord.of(Map.of("q", "a")));
    assertThat(q.flush(WAIT)).isTrue();
    List<JsonNode> records = server.records();
    assertThat(ServerRecordCheck.check(asArray(records), Server.AGENT)).containsExactly("AgentEval");
    JsonNode r = ServerRecordCheck.evalRecords(records).get(0);
    assertThat(r.get("entity_type").asText()).isEqualTo("Agent");
    assertThat(r.get("record_source").asText()).isEqualTo("User");
    assertThat(r.get("entity_uid").asText()).isEqualTo(Profiles.AGENT_UID);
  }

  @Test
  void aFullBatch_isPublishedWithoutWaitingForTheInterval() {
    ScouterQueue q = queue("genai", Profiles.path("genai_profile.json"), Duration.ofHours(1));
    for (int i = 0; i < 25; i++) {
      q.get("genai").insert(EvalRecord.of(Map.of("i", i)));
    }
    List<JsonNode> records = awaitRecords(r -> r.size() >= 25);
    assertThat(records).hasSize(25);
    assertThat(server.messages()).isEqualTo(1);
  }

  @Test
  void thePublishInterval_sendsAPartialBatch() {
    ScouterQueue q = queue("genai", Profiles.path("genai_profile.json"), Duration.ofMillis(300));
    q.get("genai").insert(EvalRecord.of(Map.of("i", 1)));
    assertThat(awaitRecords(r -> !r.isEmpty())).hasSize(1);
  }

  @Test
  void shutdown_publishesEverythingPending_andLaterInsertsAreDroppedQuietly() {
    ScouterQueue q = queue("genai", Profiles.path("genai_profile.json"), Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      q.get("genai").insert(EvalRecord.of(Map.of("i", i)));
    }
    assertThat(server.records()).isEmpty();
    q.shutdown();
    assertThat(server.records()).hasSize(3);
    q.get("genai").insert(EvalRecord.of(Map.of("late", true)));
    assertThat(q.stats().dropped()).isEqualTo(1);
    assertThat(q.stats().published()).isEqualTo(3);
    assertThat(q.isShutdown()).isTrue();
  }

  @Test
  void anOutage_keepsTheRecords_andTheNextPublishDeliversThem() {
    ScouterQueue q = queue("genai", Profiles.path("genai_profile.json"), Duration.ofHours(1));
    server.failNext(100, 503);
    q.get("genai").insert(EvalRecord.of(Map.of("i", 1)));
    assertThat(q.flush(WAIT)).isFalse();
    assertThat(q.stats().pending()).isEqualTo(1);
    server.failNext(0, 503);
    q.get("genai").insert(EvalRecord.of(Map.of("i", 2)));
    assertThat(q.flush(WAIT)).isTrue();
    assertThat(server.records()).hasSize(2);
    assertThat(q.stats().pending()).isZero();
    assertThat(q.stats().failed()).isZero();
  }

  @Test
  void spc_sendsTheMeanOfEachSample_mappingStringsThroughTheFeatureMap() {
    ScouterQueue q = queue("credit", Profiles.path("spc_profile.json"), Duration.ofHours(1));
    String[] f1 = {"low", "high", "unseen", "high"};
    for (int i = 0; i < 4; i++) {
      q.get("credit").insert(Features.of(Feature.ofInt("feature_0", i + 1), Feature.ofString("feature_1", f1[i])));
    }
    List<JsonNode> records = awaitRecords(r -> r.size() >= 2);
    assertThat(ServerRecordCheck.check(asArray(records), Server.V0_25)).containsExactly("Spc", "Spc");
    assertThat(records.get(0).get("Spc").get("feature").asText()).isEqualTo("feature_0");
    assertThat(records.get(0).get("Spc").get("value").asDouble()).isEqualTo(2.5);
    assertThat(records.get(0).get("Spc").get("uid").asText()).isEqualTo(Profiles.SPC_UID);
    assertThat(records.get(1).get("Spc").get("feature").asText()).isEqualTo("feature_1");
    assertThat(records.get(1).get("Spc").get("value").asDouble()).isEqualTo(1.25); // (0 + 2 + missing=1 + 2) / 4
    // a partial sample waits for more values, and goes out at shutdown
    q.get("credit").insert(Features.of(Map.of("feature_0", 10.0)));
    assertThat(q.flush(WAIT)).isTrue();
    assertThat(server.records()).hasSize(3);
    assertThat(server.records().get(2).get("Spc").get("value").asDouble()).isEqualTo(10.0);
  }

  @Test
  void psi_sendsBinCounts_forEveryBinOfFeaturesSeen() {
    ScouterQueue q = queue("psi", Profiles.path("psi_profile.json"), Duration.ofHours(1));
    for (double age : new double[] {25, 35, 45, 70, Double.NaN}) {
      q.get("psi").insert(Features.of(Feature.ofFloat("age", age)));
    }
    for (String region : new String[] {"emea", "apac", "elsewhere"}) {
      q.get("psi").insert(Features.of(Feature.categorical("region", region), Feature.ofInt("unprofiled", 3)));
    }
    assertThat(q.flush(WAIT)).isTrue();
    List<JsonNode> records = server.records();
    assertThat(ServerRecordCheck.check(asArray(records), Server.V0_25)).hasSize(5).containsOnly("Psi");
    Map<String, Integer> counts = new java.util.TreeMap<>();
    records.forEach(r -> counts.put(r.get("Psi").get("feature").asText() + "#" + r.get("Psi").get("bin_id").asInt(),
        r.get("Psi").get("bin_count").asInt()));
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("age#1", 1, "age#2", 2, "age#3", 1,
        "region#0", 1, "region#1", 2));
  }

  @Test
  void custom_sendsTheAverageOfEachProfileMetric() {
    ScouterQueue q = queue("quality", Profiles.path("custom_profile.json"), Duration.ofHours(1));
    q.get("quality").insert(Metrics.of(Map.of("MAE", 1.0, "other", 5.0)));
    q.get("quality").insert(Metrics.of(new Metric("mae", 2.0), new Metric("mape", 4.0)));
    q.get("quality").insert(Metrics.of(new Metric("mae", 3.0)));
    List<JsonNode> records = awaitRecords(r -> r.size() >= 2); // sample_size 3: a full batch
    assertThat(ServerRecordCheck.check(asArray(records), Server.V0_25)).containsExactly("Custom", "Custom");
    assertThat(records.get(0).get("Custom").get("metric").asText()).isEqualTo("mae");
    assertThat(records.get(0).get("Custom").get("value").asDouble()).isEqualTo(2.0);
    assertThat(records.get(1).get("Custom").get("metric").asText()).isEqualTo("mape");
    assertThat(records.get(1).get("Custom").get("value").asDouble()).isEqualTo(4.0);
    assertThat(records.get(0).get("Custom").get("uid").asText()).isEqualTo(Profiles.CUSTOM_UID);
  }
}
