package io.scouter.queue.cdi;

import io.scouter.testkit.SystemConfig;
import io.scouter.tracing.transport.kafka.TestBroker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.cdi.ScouterExtension;
import io.scouter.queue.Profiles;
import io.scouter.queue.ScouterQueue;
import io.scouter.queue.ServerRecordCheck;
import io.scouter.queue.ServerRecordCheck.Server;
import io.scouter.devserver.WireDecoder;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TraceSpanRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CDI (Weld SE) with a real in-process KRaft Kafka broker: a {@code @Traced} bean inserts an {@link
 * io.scouter.queue.EvalRecord}; the record reaches the topic (through the Scouter Kafka transport, and through the
 * SmallRye Reactive Messaging Kafka connector) with the span's trace id, and the span carries the queue event.
 */
class QueueKafkaCdiTest {
  private static TestBroker broker;
  private final SystemConfig config = new SystemConfig();

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
    broker.createTopics("scouter-transport", "scouter-channel");
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @AfterEach
  void reset() {
    config.close();
    ScouterTracing.shutdown();
    QueueTestExporter.EXPORTER.clear();
  }

  /** Messages of the topic decoded strictly, until one queue message and the span {@code answer} were read. */
  private static List<WireDecoder.Message> awaitQueueRecordAndSpan(String topic) {
    List<ConsumerRecord<byte[], byte[]>> read = broker.consume(topic, rs -> {
      boolean records = false;
      boolean span = false;
      for (ConsumerRecord<byte[], byte[]> r : rs) {
        WireDecoder.Message m = TestBroker.decode(r);
        records |= m.kind() == WireDecoder.Kind.RECORDS;
        span |= m.spans().stream().anyMatch(s -> s.spanName().equals("answer"));
      }
      return records && span;
    }, Duration.ofSeconds(30));
    List<WireDecoder.Message> out = new ArrayList<>();
    read.forEach(r -> out.add(TestBroker.decode(r)));
    return out;
  }

  private static void assertRecordAndSpan(List<WireDecoder.Message> messages, AgentService.Answer answer) {
    List<JsonNode> records = new ArrayList<>();
    List<TraceSpanRecord> spans = new ArrayList<>();
    for (WireDecoder.Message m : messages) {
      if (m.kind() == WireDecoder.Kind.RECORDS) {
        assertThat(ServerRecordCheck.check(m.records(), Server.AGENT)).containsOnly("AgentEval");
        m.records().forEach(records::add);
      }
      spans.addAll(m.spans());
    }
    assertThat(records).hasSize(1);
    JsonNode record = ServerRecordCheck.evalRecords(records).get(0);
    assertThat(record.get("uid").asText()).isEqualTo(answer.recordUid());
    assertThat(record.get("trace_id").asText()).isEqualTo(answer.traceId());
    assertThat(record.get("entity_uid").asText()).isEqualTo(Profiles.AGENT_UID);
    assertThat(record.get("session_id").asText()).isEqualTo("conversation-7");
    assertThat(record.get("context").get("input").asText()).isEqualTo("what is six times seven?");

    TraceSpanRecord span = spans.stream().filter(s -> s.spanName().equals("answer")).findFirst().orElseThrow();
    assertThat(span.traceId()).isEqualTo(answer.traceId());
    assertThat(span.event("scouter.queue.event").attributes())
        .containsEntry("scouter.queue.record", answer.recordUid())
        .containsEntry("entity", "Agent")
        .containsEntry("scouter.entity", Profiles.AGENT_UID);
  }

  @Test
  void tracedBean_recordReachesTheTopicOverTheScouterKafkaTransport_withTheSpanTraceId() {
    config.set("scouter.service-name", "agent-svc")
        .set("scouter.transport", "kafka")
        .set("scouter.kafka.brokers", broker.bootstrap())
        .set("scouter.kafka.topic", "scouter-transport")
        .set("scouter.batch.scheduled-delay-ms", "100")
        .set("scouter.queue.agent.profile", "classpath:profiles/agent_profile.json")
        .set("scouter.queue.publish-interval", "1h");
    AgentService.Answer answer;
    try (WeldContainer c = new Weld("queue-kafka").disableDiscovery()
        .addExtension(new ScouterExtension()).addExtension(new ScouterQueueExtension())
        .addBeanClasses(AgentService.class, QueueTestExporter.class).initialize()) {
      ScouterQueue queue = c.select(ScouterQueue.class).get();
      assertThat(queue.aliases()).containsExactly("agent");
      assertThat(queue.transportConfig().type()).as("the tracer's transport").isEqualTo("kafka");
      answer = c.select(AgentService.class).get().answer("agent", "what is six times seven?");
      assertThat(answer.record().traceId()).isEqualTo(answer.traceId());
    } // the container's shutdown publishes the queue's pending record
    TraceSpanRecord exported = QueueTestExporter.EXPORTER.span("answer");
    assertThat(exported.event("scouter.queue.event").attributes())
        .containsEntry("scouter.queue.record", answer.recordUid());
    assertRecordAndSpan(awaitQueueRecordAndSpan("scouter-transport"), answer);
  }

  @Test
  void tracedBean_recordAndSpanReachTheTopicThroughTheSmallRyeKafkaConnector() {
    config.set("scouter.service-name", "agent-svc")
        .set("scouter.transport", "mock")
        .set("scouter.batch.scheduled-delay-ms", "100")
        .set("scouter.queue.agent.profile", "classpath:profiles/agent_profile.json")
        .set("scouter.queue.publish-interval", "1h")
        .set("scouter.queue.transport", "channel")
        .set("scouter.queue.channel.spans", "true")
        .set("mp.messaging.outgoing.scouter-records.connector", "smallrye-kafka")
        .set("mp.messaging.outgoing.scouter-records.topic", "scouter-channel")
        .set("mp.messaging.outgoing.scouter-records.bootstrap.servers", broker.bootstrap())
        .set("mp.messaging.outgoing.scouter-records.value.serializer",
            "org.apache.kafka.common.serialization.ByteArraySerializer");
    AgentService.Answer answer;
    // discovery on: Weld finds SmallRye Reactive Messaging and its Kafka connector through their beans.xml
    try (WeldContainer c = new Weld("queue-channel").addBeanClasses(AgentService.class, QueueTestExporter.class)
        .initialize()) {
      ScouterQueue queue = c.select(ScouterQueue.class).get();
      assertThat(queue.transportConfig()).as("a channel transport, not a TransportConfig").isNull();
      answer = c.select(AgentService.class).get().answer("agent", "what is six times seven?");
    }
    assertRecordAndSpan(awaitQueueRecordAndSpan("scouter-channel"), answer);
  }
}
