package io.scouter.tracing.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.scouter.testkit.LogCapture;
import io.scouter.devserver.WireDecoder;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.KafkaConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.SpanKind;
import io.scouter.tracing.TagRecord;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.TracerConfig;
import io.scouter.tracing.internal.Env;
import io.scouter.tracing.spi.MessageTransport.Outcome;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kafka transport end to end against a real in-process KRaft broker: spans go through the Scouter exporter and
 * the idempotent producer to a topic, and come back through a consumer group as records that the Scouter server's
 * strict decoder accepts.
 */
class KafkaTransportTest {
  private static TestBroker broker;
  private LogCapture logs;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
    broker.createTopics("scouter_monitoring", "t1", "split", "limit", "closed");
    broker.createTopics(Map.of("max.message.bytes", "1000"), "tiny");
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @BeforeEach
  void captureLogs() {
    logs = LogCapture.start();
  }

  @AfterEach
  void tearDown() {
    ScouterTracing.shutdown();
    Env.override(null);
    logs.close();
  }

  private static ScouterTracer init(KafkaConfig kafka) {
    return ScouterTracing.initTracer(TracerConfig.builder().serviceName("kafka-svc").transport(kafka)
        .batchConfig(BatchConfig.builder().scheduledDelayMs(200).build()).build());
  }

  @Test
  void nestedSpans_arriveOnTheTopic_asTraceMessagesTheServerDecodes() {
    ScouterTracer tracer = init(KafkaConfig.builder().brokers(broker.bootstrap()).topic("scouter_monitoring").build());
    String traceId;
    String rootId;
    String childId;
    String leafId;
    try (ActiveSpan root = tracer.spanBuilder("handle_order").kind(SpanKind.SERVER).tag("env", "prod")
        .startAsCurrent()) {
      root.setInput(Map.of("order_id", 42, "items", List.of("a", "b")));
      root.setTag("tier", "gold");
      traceId = root.traceId();
      rootId = root.spanId();
      try (ActiveSpan child = tracer.spanBuilder("load_customer").kind(SpanKind.CLIENT).startAsCurrent()) {
        childId = child.spanId();
        try (ActiveSpan leaf = tracer.startAsCurrentSpan("parse")) {
          leafId = leaf.spanId();
          leaf.setOutput(Map.of("ok", true));
        }
      }
      root.setOutput(Map.of("status", "shipped"));
    }
    assertThat(ScouterTracing.flush()).isTrue();

    List<ConsumerRecord<byte[], byte[]>> records = broker.consumeSpans("scouter_monitoring", 3);
    assertThat(records).isNotEmpty().allSatisfy(r -> {
      assertThat(r.key()).as("no key").isNull();
      assertThat(r.headers().toArray()).as("no headers").isEmpty();
      assertThat(TestBroker.decode(r).kind()).isEqualTo(WireDecoder.Kind.TRACE);
    });
    List<TraceSpanRecord> spans = TestBroker.decodeSpans(records);
    assertThat(spans).extracting(TraceSpanRecord::spanId).as("each span exactly once")
        .containsExactlyInAnyOrder(rootId, childId, leafId);
    Map<String, TraceSpanRecord> byId = spans.stream().collect(Collectors.toMap(TraceSpanRecord::spanId, s -> s));
    assertThat(spans).allSatisfy(s -> {
      assertThat(s.traceId()).isEqualTo(traceId);
      assertThat(s.serviceName()).isEqualTo("kafka-svc");
      assertThat(s.scope()).isEqualTo("kafka-svc");
    });
    TraceSpanRecord root = byId.get(rootId);
    TraceSpanRecord child = byId.get(childId);
    TraceSpanRecord leaf = byId.get(leafId);
    assertThat(root.parentSpanId()).isNull();
    assertThat(child.parentSpanId()).isEqualTo(rootId);
    assertThat(leaf.parentSpanId()).isEqualTo(childId);
    assertThat(root.spanName()).isEqualTo("handle_order");
    assertThat(root.spanKind()).isEqualTo("SERVER");
    assertThat(child.spanKind()).isEqualTo("CLIENT");
    assertThat(leaf.spanKind()).isEqualTo("INTERNAL");
    assertThat(root.attributes()).containsEntry("tier", "gold").containsEntry("env", "prod");
    assertThat(root.input().get("order_id").asInt()).isEqualTo(42);
    assertThat(root.input().get("items").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(root.output().get("status").asText()).isEqualTo("shipped");
    assertThat(leaf.output().get("ok").asBoolean()).isTrue();
    List<TagRecord> tags = records.stream().flatMap(r -> TestBroker.decode(r).tags().stream())
        .collect(Collectors.toList());
    assertThat(tags).contains(new TagRecord("trace", traceId, "tier", "gold"),
        new TagRecord("trace", traceId, "env", "prod"));

    ExporterStats stats = ScouterTracing.stats().get("scouter");
    assertThat(stats.exported()).isEqualTo(3);
    assertThat(stats.failed()).isZero();
    assertThat(stats.retried()).isZero();
  }

  @Test
  void topicComesFromScouterKafkaTopic_whenNotConfigured() {
    Function<String, String> env = Map.of("SCOUTER_KAFKA_TOPIC", "t1", "KAFKA_TOPIC", "not-this-one")::get;
    Env.override(env);
    KafkaConfig kafka = KafkaConfig.builder().brokers(broker.bootstrap()).build();
    assertThat(kafka.topic()).isEqualTo("t1");
    ScouterTracer tracer = init(kafka);
    String spanId;
    try (ActiveSpan span = tracer.startAsCurrentSpan("from_env_topic")) {
      spanId = span.spanId();
    }
    assertThat(ScouterTracing.flush()).isTrue();
    assertThat(TestBroker.decodeSpans(broker.consumeSpans("t1", 1))).extracting(TraceSpanRecord::spanId)
        .containsExactly(spanId);
  }

  @Test
  void aBatchOverMessageMaxBytes_isSplitIntoSeveralRecords_andEverySpanArrivesWhole() {
    ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("kafka-svc")
        .transport(KafkaConfig.builder().brokers(broker.bootstrap()).topic("split").messageMaxBytes(20_000).build())
        .captureMaxLength(10_000)
        .batchConfig(BatchConfig.builder().scheduledDelayMs(60_000).build()).build());
    String input = "x".repeat(8 * 1024);
    for (int i = 0; i < 5; i++) {
      try (ActiveSpan span = tracer.startAsCurrentSpan("big-" + i)) {
        span.setInput(input);
      }
    }
    assertThat(ScouterTracing.flush()).isTrue();

    List<ConsumerRecord<byte[], byte[]>> records = broker.consumeSpans("split", 5);
    assertThat(records.size()).as("records").isGreaterThan(1);
    assertThat(records).allSatisfy(r -> assertThat(r.value().length).isLessThanOrEqualTo(20_000));
    List<TraceSpanRecord> spans = TestBroker.decodeSpans(records);
    assertThat(spans).extracting(TraceSpanRecord::spanName)
        .containsExactlyInAnyOrder("big-0", "big-1", "big-2", "big-3", "big-4");
    assertThat(spans).allSatisfy(s -> assertThat(s.input().asText()).isEqualTo(input));
    ExporterStats stats = ScouterTracing.stats().get("scouter");
    assertThat(stats.exported()).isEqualTo(5);
    assertThat(stats.shrunk()).isZero();
  }

  @Test
  void aMessageOfExactlyMessageMaxBytes_isAccepted() {
    KafkaTransport transport = new KafkaTransport(KafkaConfig.builder().brokers(broker.bootstrap()).topic("limit")
        .messageMaxBytes(20_000).compression("none").build());
    try {
      assertThat(transport.maxMessageBytes()).isEqualTo(20_000);
      byte[] message = new byte[20_000];
      Arrays.fill(message, (byte) 'a');
      assertThat(transport.deliver(message)).isEqualTo(Outcome.DELIVERED);
      List<ConsumerRecord<byte[], byte[]>> records = broker.consume("limit", r -> !r.isEmpty(), Duration.ofSeconds(20));
      assertThat(records).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(message));
    } finally {
      transport.close();
    }
  }

  @Test
  void brokerDownAtStartup_nothingIsThrown_andTheSpansAreHeldForRetry() throws Exception {
    KafkaConfig kafka = KafkaConfig.builder().brokers("127.0.0.1:" + closedPort()).topic("nowhere")
        .config("delivery.timeout.ms", "600").build();
    ScouterTracer tracer = init(kafka);
    assertThatCode(() -> runTwoSpans(tracer)).doesNotThrowAnyException();
    long start = System.nanoTime();
    assertThat(ScouterTracing.flush()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    ExporterStats stats = ScouterTracing.stats().get("scouter");
    assertThat(stats.exported()).isZero();
    assertThat(stats.queued()).as("held for a later retry").isEqualTo(2);
    assertThat(stats.failed()).isZero();
    assertThat(stats.retried()).as("application-level attempts after the first").isGreaterThanOrEqualTo(2);
    assertThat(logs.records()).anySatisfy(l -> assertThat(l).contains("topic 'nowhere'").contains("TimeoutException"));
  }

  @Test
  void brokerDownAtStartup_spanBySpanExport_countsTheSpansFailed() throws Exception {
    ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("kafka-svc")
        .transport(KafkaConfig.builder().brokers("127.0.0.1:" + closedPort()).topic("nowhere")
            .config("delivery.timeout.ms", "600").maxRetries(1).build())
        .batchExport(false).build());
    assertThatCode(() -> runTwoSpans(tracer)).doesNotThrowAnyException();
    ExporterStats stats = ScouterTracing.stats().get("scouter");
    assertThat(stats.failed()).isEqualTo(2);
    assertThat(stats.exported()).isZero();
    assertThat(stats.retried()).as("maxRetries(1): one attempt per message").isZero();
  }

  @Test
  void aRecordTheBrokerRefuses_isCountedFailed_notRetried() {
    ScouterTracer tracer = init(KafkaConfig.builder().brokers(broker.bootstrap()).topic("tiny").compression("none")
        .build());
    try (ActiveSpan span = tracer.startAsCurrentSpan("too_big_for_the_topic")) {
      span.setInput("y".repeat(3000));
    }
    ScouterTracing.flush();
    ExporterStats stats = ScouterTracing.stats().get("scouter");
    assertThat(stats.failed()).isEqualTo(1);
    assertThat(stats.queued()).isZero();
    assertThat(stats.retried()).isZero();
    assertThat(logs.records())
        .anySatisfy(l -> assertThat(l).contains("topic 'tiny'").contains("RecordTooLargeException"));
  }

  @Test
  void theProducerIsCreatedOnTheFirstSend_andClosedSendsFail() {
    KafkaTransport transport = new KafkaTransport(KafkaConfig.builder().brokers(broker.bootstrap()).topic("closed")
        .build());
    assertThat(transport.producerCreated()).isFalse();
    assertThat(transport.deliver("{\"records\":[]}".getBytes(StandardCharsets.UTF_8))).isEqualTo(Outcome.DELIVERED);
    assertThat(transport.producerCreated()).isTrue();
    transport.close();
    assertThat(transport.producerCreated()).isFalse();
    assertThatCode(transport::close).as("close twice").doesNotThrowAnyException();
    assertThat(transport.deliver(new byte[] {'{', '}'})).isEqualTo(Outcome.RETRYABLE);
    assertThat(transport.deliver(new byte[] {'{', '}'})).as("a second call after close")
        .isNotEqualTo(Outcome.DELIVERED);
    assertThat(transport.producerCreated()).as("not re-created after close").isFalse();
  }

  private static void runTwoSpans(ScouterTracer tracer) {
    try (ActiveSpan root = tracer.spanBuilder("root").kind(SpanKind.SERVER).startAsCurrent()) {
      root.setInput(Map.of("q", 1));
      try (ActiveSpan child = tracer.startAsCurrentSpan("child")) {
        child.setOutput("ok");
      }
    }
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
