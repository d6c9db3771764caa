package io.scouter.tracing.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.testkit.LogCapture;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.KafkaConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TraceSpanRecord;
import io.scouter.tracing.TracerConfig;
import io.scouter.tracing.internal.Env;
import io.scouter.tracing.spi.MessageTransport.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.test.JaasUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SASL/PLAIN against a real broker whose client listener requires it: the transport's JAAS configuration logs in,
 * and a wrong password fails without the password reaching a log line, the console or a message. Every test runs
 * with all logging and console output captured ({@link LogCapture}) and checked for both passwords.
 */
class KafkaSaslTest {
  private static final String WRONG_PASSWORD = "wrong-Xq72-secret";
  private static TestBroker broker;
  private LogCapture logs;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start(true);
    broker.createTopics("sasl_monitoring", "sasl_denied");
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @BeforeEach
  void setUp() {
    logs = LogCapture.start();
    // the broker's listener is SASL_PLAINTEXT; the mechanism stays the default, PLAIN
    Env.override(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")::get);
  }

  @AfterEach
  void tearDown() {
    ScouterTracing.shutdown();
    Env.override(null);
    logs.close();
    logs.assertNoneContain(WRONG_PASSWORD, JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD);
  }

  @Test
  void rightCredentials_logInWithPlain_andTheSpansArrive() {
    ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("kafka-svc")
        .transport(KafkaConfig.builder().brokers(broker.bootstrap()).topic("sasl_monitoring")
            .username(JaasUtils.KAFKA_PLAIN_ADMIN).password(JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD).build())
        .batchConfig(BatchConfig.builder().scheduledDelayMs(200).build()).build());
    String spanId;
    try (ActiveSpan span = tracer.startAsCurrentSpan("authenticated")) {
      span.setTag("auth", "sasl-plain");
      spanId = span.spanId();
    }
    assertThat(ScouterTracing.flush()).isTrue();
    List<TraceSpanRecord> spans = TestBroker.decodeSpans(broker.consumeSpans("sasl_monitoring", 1));
    assertThat(spans).singleElement().satisfies(s -> {
      assertThat(s.spanId()).isEqualTo(spanId);
      assertThat(s.attributes()).containsEntry("auth", "sasl-plain");
    });
    assertThat(ScouterTracing.stats().get("scouter").exported()).isEqualTo(1);
  }

  @Test
  void wrongPassword_failsRetryably_andThePasswordIsNeverShown() {
    KafkaTransport transport = new KafkaTransport(KafkaConfig.builder().brokers(broker.bootstrap())
        .topic("sasl_denied").username(JaasUtils.KAFKA_PLAIN_ADMIN).password(WRONG_PASSWORD)
        .config("delivery.timeout.ms", "3000").build());
    Outcome outcome;
    try {
      outcome = transport.deliver("{\"records\":[]}".getBytes(StandardCharsets.UTF_8));
    } finally {
      transport.close();
    }
    assertThat(outcome).as("credentials may be fixed while the spans wait").isEqualTo(Outcome.RETRYABLE);
    assertThat(logs.records()).anySatisfy(l -> assertThat(l).contains("topic 'sasl_denied'")
        .contains("SaslAuthenticationException"));
    assertThat(logs.console()).as("the producer's own config dump was captured")
        .contains("sasl.jaas.config = [hidden]");
    logs.assertNoneContain(WRONG_PASSWORD);
    assertThat(transport.producerProperties().toString()).doesNotContain(WRONG_PASSWORD);
  }

  @Test
  void wrongPassword_throughTheExporter_keepsTheSpansForRetry() {
    ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("kafka-svc")
        .transport(KafkaConfig.builder().brokers(broker.bootstrap()).topic("sasl_denied")
            .username(JaasUtils.KAFKA_PLAIN_ADMIN).password(WRONG_PASSWORD).config("delivery.timeout.ms", "3000")
            .build())
        .batchConfig(BatchConfig.builder().scheduledDelayMs(60_000).build()).build());
    try (ActiveSpan span = tracer.startAsCurrentSpan("rejected_login")) {
      span.setInput("x");
    }
    assertThat(ScouterTracing.flush()).isFalse();
    ExporterStats stats = ScouterTracing.stats().get("scouter");
    assertThat(stats.exported()).isZero();
    assertThat(stats.queued()).isEqualTo(1);
    logs.assertNoneContain(WRONG_PASSWORD);
  }
}
