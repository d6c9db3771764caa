package io.scouter.tracing.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.testkit.Await;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.KafkaConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.TracerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker is shut down and started again (a real restart of the in-process KRaft broker on the same port and log
 * directory, not a proxy) while spans are exported continuously: nothing is lost within the producer's delivery
 * timeout, and the idempotent producer writes every span to the topic exactly once.
 */
class KafkaBrokerRestartTest {
  /** How long the broker stays down; well within the producer's default 30 s delivery timeout. */
  static final Duration OUTAGE = Duration.ofSeconds(2);
  static final String TOPIC = "restart";
  private TestBroker broker;

  @AfterEach
  void tearDown() {
    ScouterTracing.shutdown();
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void brokerStoppedAndRestartedWhileExporting_everySpanIsOnTheTopicExactlyOnce() throws Exception {
    broker = TestBroker.start();
    broker.createTopics(TOPIC);
    ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("kafka-restart")
        .transport(KafkaConfig.builder().brokers(broker.bootstrap()).topic(TOPIC).build())
        .batchConfig(BatchConfig.builder().maxQueueSize(16_384).maxExportBatchSize(50).scheduledDelayMs(50).build())
        .shutdownHook(false).build());

    Set<String> created = ConcurrentHashMap.newKeySet();
    AtomicBoolean producing = new AtomicBoolean(true);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread application = new Thread(() -> {
      try {
        for (int i = 0; producing.get(); i++) {
          try (ActiveSpan span = tracer.startAsCurrentSpan("work-" + i)) {
            span.setAttribute("i", i);
            created.add(span.spanId());
          }
          Thread.sleep(2); // ~400 spans/s
        }
      } catch (Throwable t) {
        thrown.set(t);
      }
    }, "application");
    application.start();

    await("the export is flowing", Duration.ofSeconds(30), () -> stats().exported() >= 200);
    long stoppedAt = System.nanoTime();
    broker.stopBroker();
    int createdAtStop = created.size();
    long exportedAtStop = stats().exported();
    Thread.sleep(OUTAGE.toMillis());
    long exportedDuringOutage = stats().exported() - exportedAtStop;
    broker.restartBroker();
    long restartedAt = System.nanoTime();
    int createdWhileDown = created.size() - createdAtStop;
    await("the export resumes", Duration.ofSeconds(30), () -> stats().exported() > exportedAtStop + createdWhileDown);
    long resumedAfterMs = (System.nanoTime() - restartedAt) / 1_000_000;
    Thread.sleep(500);
    producing.set(false);
    application.join(10_000);
    assertThat(thrown.get()).as("nothing is thrown into the application").isNull();
    assertThat(ScouterTracing.flush()).isTrue();

    List<TraceSpanRecord> onTopic = TestBroker.decodeSpans(broker.consumeAll(TOPIC, Duration.ofSeconds(30)));
    Map<String, Long> copies = onTopic.stream()
        .collect(Collectors.groupingBy(TraceSpanRecord::spanId, Collectors.counting()));
    ExporterStats s = stats();
    System.out.printf("FIGURE kafka-restart: broker down %d ms (stop + %d ms + start); %d spans created while it was "
        + "down, %d exported meanwhile; export resumed %d ms after the restart; %d spans created, %d on the "
        + "topic, %d distinct; stats %s%n", (restartedAt - stoppedAt) / 1_000_000, OUTAGE.toMillis(),
        createdWhileDown, exportedDuringOutage, resumedAfterMs, created.size(), onTopic.size(), copies.size(), s);

    assertThat(createdWhileDown).as("spans were created while the broker was down").isPositive();
    assertThat(copies.keySet()).as("every span created is on the topic").isEqualTo(created);
    assertThat(copies.values()).as("each exactly once").allMatch(n -> n == 1);
    assertThat(s.exported()).as("exported == created == on the topic").isEqualTo(created.size());
    assertThat(s.dropped()).isZero();
    assertThat(s.failed()).isZero();
    assertThat(s.queued()).isZero();
    assertThat(s.retried()).as("the producer's own retries sufficed: no application-level re-send").isZero();
  }

  private static ExporterStats stats() {
    return ScouterTracing.stats().get("scouter");
  }

  private static void await(String what, Duration max, BooleanSupplier condition) {
    Await.until(what, max, condition, () -> "stats " + ScouterTracing.stats());
  }
}
