package io.scouter.queue.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.cdi.ScouterExtension;
import io.scouter.cdi.config.ConfigKey;
import io.scouter.queue.EvalRecord;
import io.scouter.queue.MissingQueueException;
import io.scouter.queue.Profiles;
import io.scouter.queue.QueueBus;
import io.scouter.queue.ScouterQueue;
import io.scouter.queue.cdi.internal.QueueSettings;
import io.scouter.queue.ServerRecordCheck;
import io.scouter.queue.ServerRecordCheck.Server;
import io.scouter.devserver.ScouterDevServer;
import io.scouter.testkit.SystemConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TraceSpanRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CDI module with Weld SE and the HTTP transport to the testkit's Scouter dev server: producer, tracer attachment,
 * transport choice, shutdown with the container, and configuration errors failing deployment.
 */
class QueueCdiTest {
  private final ScouterDevServer server = ScouterDevServer.start();
  private final SystemConfig config = new SystemConfig();

  @AfterEach
  void reset() {
    config.close();
    ScouterTracing.shutdown();
    QueueTestExporter.EXPORTER.clear();
    server.close();
  }

  private static Weld weld() {
    return new Weld("queue-cdi").disableDiscovery().addExtension(new ScouterExtension())
        .addExtension(new ScouterQueueExtension()).addBeanClasses(AgentService.class, QueueTestExporter.class,
            BusUser.class);
  }

  /** Injects a queue alias. */
  @jakarta.enterprise.context.ApplicationScoped
  public static class BusUser {
    @jakarta.inject.Inject
    @QueueAlias("genai")
    QueueBus genai;

    QueueBus genai() {
      return genai;
    }
  }

  private SystemConfig httpTracer() {
    return config.set("scouter.service-name", "chat-svc")
        .set("scouter.transport", "http")
        .set("scouter.http.uri", server.httpUri().toString())
        .set("scouter.queue.genai.profile", Profiles.path("genai_profile.json").toString())
        .set("scouter.queue.credit.profile", "classpath:profiles/spc_profile.json");
  }

  @Test
  void httpTransport_tracedInsert_reachesTheDevServer_withTraceIdAndQueueEvent_whenTheContainerStops() {
    httpTracer();
    AgentService.Answer answer;
    try (WeldContainer c = weld().initialize()) {
      ScouterQueue queue = c.select(ScouterQueue.class).get();
      assertThat(queue.aliases()).containsExactlyInAnyOrder("genai", "credit");
      assertThat(queue.publishInterval()).isEqualTo(ScouterQueue.DEFAULT_PUBLISH_INTERVAL);
      assertThat(c.select(ScouterTracer.class).get().scouterQueue()).as("attached at startup").containsSame(queue);
      assertThat(c.select(BusUser.class).get().genai().entityUid()).isEqualTo(Profiles.GENAI_UID);
      answer = c.select(AgentService.class).get().answer("genai", "hello?");
      assertThat(server.records()).as("nothing before the interval or a full batch").isEmpty();
    }
    List<JsonNode> records = server.records();
    assertThat(ServerRecordCheck.check(ServerRecordCheckArray.of(records), Server.V0_25)).containsExactly("GenAIEval");
    JsonNode r = ServerRecordCheck.evalRecords(records).get(0);
    assertThat(r.get("trace_id").asText()).isEqualTo(answer.traceId());
    assertThat(r.get("uid").asText()).isEqualTo(answer.recordUid());
    assertThat(r.get("entity_type").asText()).isEqualTo("GenAI");
    TraceSpanRecord span = server.awaitSpans(1, Duration.ofSeconds(10)).stream()
        .filter(s -> s.spanName().equals("answer")).findFirst().orElseThrow();
    assertThat(span.traceId()).isEqualTo(answer.traceId());
    assertThat(span.event("scouter.queue.event").attributes())
        .containsEntry("scouter.queue.record", answer.recordUid())
        .containsEntry("entity", "GenAI")
        .containsEntry("scouter.entity", Profiles.GENAI_UID);
    assertThat(server.rejections()).isEmpty();
  }

  @Test
  void scouterQueueTransport_overridesTheTracersTransport() {
    config.set("scouter.transport", "mock")
        .set("scouter.queue.transport", "http")
        .set("scouter.http.uri", server.httpUri().toString())
        .set("scouter.queue.genai.profile", "classpath:profiles/genai_profile.json")
        .set("scouter.queue.publish-interval", "200ms");
    try (WeldContainer c = weld().initialize()) {
      assertThat(c.select(ScouterQueue.class).get().transportConfig().type()).isEqualTo("http");
      assertThat(c.select(ScouterQueue.class).get().publishInterval()).isEqualTo(Duration.ofMillis(200));
      c.select(AgentService.class).get().answer("genai", "hi");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (server.records().isEmpty() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(server.records()).as("published by the 200 ms interval, container still up").hasSize(1);
    }
    assertThat(server.spans()).as("spans went to the mock transport").isEmpty();
  }

  @Test
  void unsampledTraces_insertNothing() {
    httpTracer().set("scouter.sample-ratio", "0.0");
    try (WeldContainer c = weld().initialize()) {
      AgentService.Answer a = c.select(AgentService.class).get().answer("genai", "hi");
      assertThat(a.record().traceId()).isNull();
      assertThat(c.select(ScouterQueue.class).get().stats().inserted()).isZero();
    }
    assertThat(server.records()).isEmpty();
  }

  @Test
  void unknownAlias_andWrongRecordType_propagateFromTheTracedMethod() {
    httpTracer();
    try (WeldContainer c = weld().initialize()) {
      AgentService service = c.select(AgentService.class).get();
      assertThatThrownBy(() -> service.answer("genia", "hi"))
          .isInstanceOf(MissingQueueException.class)
          .hasMessageContaining("'genia'").hasMessageContaining("genai").hasMessageContaining("credit");
      assertThatThrownBy(() -> service.features("genai"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes EvalRecord, not Features");
      assertThatThrownBy(() -> service.answer("credit", "hi"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes Features, not EvalRecord");
      assertThat(c.select(ScouterQueue.class).get().stats().inserted()).isZero();
    }
  }

  @Test
  void captureMode_throughTheInjectedQueue() {
    httpTracer();
    try (WeldContainer c = weld().initialize()) {
      ScouterQueue queue = c.select(ScouterQueue.class).get();
      assertThat(queue.drainAllRecords()).isEmpty();
      queue.enableCapture();
      AgentService.Answer a = c.select(AgentService.class).get().answer("genai", "hi");
      Map<String, List<EvalRecord>> all = queue.drainAllRecords();
      assertThat(all.get("genai")).singleElement().satisfies(r -> {
        assertThat(r.uid()).isEqualTo(a.recordUid());
        assertThat(r.traceId()).isEqualTo(a.traceId());
      });
      assertThat(queue.drainRecords("genai")).isEmpty();
      queue.disableCapture();
    }
    assertThat(server.records()).as("captured records are still published").hasSize(1);
  }

  @Test
  void withoutProfiles_theContainerStarts_andInjectingTheQueueSaysWhatToConfigure() {
    config.set("scouter.transport", "mock");
    try (WeldContainer c = weld().addBeanClasses().initialize()) {
      assertThatThrownBy(() -> c.select(ScouterQueue.class).get().aliases())
          .hasMessageContaining("No Scouter queue is configured: set scouter.queue.<alias>.profile=<path or "
              + "classpath:resource> (a profile JSON written by Scouter) for each queue alias");
      AgentService.Answer a = c.select(AgentService.class).get().answer("genai", "hi"); // logs, does not throw
      assertThat(a.record().traceId()).isNull();
    }
  }

  @Test
  void anUnreadableProfile_failsDeployment_namingTheKeyAndTheFile() {
    config.set("scouter.transport", "mock")
        .set("scouter.queue.genai.profile", "/no/such/genai_profile.json");
    assertThatThrownBy(() -> weld().initialize().close())
        .hasMessageContaining("Scouter profile /no/such/genai_profile.json: cannot read the file")
        .hasMessageContaining("configured by scouter.queue.genai.profile");
    config.set("scouter.queue.genai.profile", "classpath:profiles/legacy_llm_profile.json");
    assertThatThrownBy(() -> weld().initialize().close())
        .hasMessageContaining("classpath:profiles/legacy_llm_profile.json")
        .hasMessageContaining("unknown config.drift_type 'LLM'");
  }

  @Test
  void invalidQueueSettings_failDeployment_namingEveryKey() {
    config.set("scouter.transport", "mock")
        .set("scouter.queue.genai.profile", "classpath:profiles/genai_profile.json")
        .set("scouter.queue.transport", "pigeon")
        .set("scouter.queue.publish-interval", "soon")
        .set("scouter.queue.attach-to-tracer", "maybe");
    assertThatThrownBy(() -> weld().initialize().close())
        .hasMessageContaining("scouter.queue.transport: invalid value 'pigeon', expected one of channel, grpc, http, "
            + "kafka, mock, none")
        .hasMessageContaining("scouter.queue.publish-interval: invalid value 'soon'")
        .hasMessageContaining("scouter.queue.attach-to-tracer: invalid value 'maybe', expected true or false");
  }

  @Test
  void anInvalidValueForEveryQueueKey_failsDeployment_namingTheKeyAndTheAllowedValues() throws Exception {
    Map<ConfigKey.Kind, String> invalid = Map.of(ConfigKey.Kind.CHOICE, "pigeon", ConfigKey.Kind.DURATION, "-5s",
        ConfigKey.Kind.BOOLEAN, "maybe", ConfigKey.Kind.INTEGER, "0");
    config.set("scouter.transport", "mock").set("scouter.queue.genai.profile", "classpath:profiles/genai_profile.json");
    for (ConfigKey k : QueueSettings.KEYS) {
      assertThat(invalid).as("an invalid sample for %s", k).containsKey(k.kind());
      config.set(k.name(), invalid.get(k.kind()));
    }
    assertThatThrownBy(() -> weld().initialize().close()).satisfies(e -> {
      for (ConfigKey k : QueueSettings.KEYS) {
        assertThat(e.getMessage()).contains(k.name() + ": invalid value '" + invalid.get(k.kind()) + "', expected "
            + k.allowed());
      }
    });
    // and each is documented in the module README's configuration table
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
    assertThat(QueueSettings.KEYS).allSatisfy(k -> assertThat(readme).contains("| `" + k.name() + "` |"));
  }

  /** Jackson array of records, for {@link ServerRecordCheck}. */
  static final class ServerRecordCheckArray {
    static JsonNode of(List<JsonNode> records) {
      return io.scouter.queue.internal.QueueJson.MAPPER.valueToTree(records);
    }
  }
}
