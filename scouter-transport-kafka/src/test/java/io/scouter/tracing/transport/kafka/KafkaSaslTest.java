package io.scouter.tracing.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.common.test.JaasUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SASL/PLAIN against a real broker whose client listener requires it: the transport's JAAS configuration logs in,
 * and a wrong password fails without the password reaching a log line, the console or a message.
 */
class KafkaSaslTest {
  private static final String WRONG_PASSWORD = "wrong-Xq72-secret";
  private static TestBroker broker;
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final Handler logCapture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logLines.add(r.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

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
    Logger.getLogger("io.scouter").addHandler(logCapture);
    // the broker's listener is SASL_PLAINTEXT; the mechanism stays the default, PLAIN
    Env.override(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")::get);
  }

  @AfterEach
  void tearDown() {
    ScouterTracing.shutdown();
    Env.override(null);
    Logger.getLogger("io.scouter").removeHandler(logCapture);
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
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    System.setErr(new PrintStream(tee(console, originalErr), true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(tee(console, originalOut), true, StandardCharsets.UTF_8));
    KafkaTransport transport = new KafkaTransport(KafkaConfig.builder().brokers(broker.bootstrap())
        .topic("sasl_denied").username(JaasUtils.KAFKA_PLAIN_ADMIN).password(WRONG_PASSWORD)
        .config("delivery.timeout.ms", "3000").build());
    Outcome outcome;
    try {
      outcome = transport.deliver("{\"records\":[]}".getBytes(StandardCharsets.UTF_8));
    } finally {
      transport.close();
      System.setErr(originalErr);
      System.setOut(originalOut);
    }
    assertThat(outcome).as("credentials may be fixed while the spans wait").isEqualTo(Outcome.RETRYABLE);
    assertThat(logLines).anySatisfy(l -> assertThat(l).contains("topic 'sasl_denied'")
        .contains("SaslAuthenticationException"));
    String consoleText;
    synchronized (console) {
      consoleText = console.toString(StandardCharsets.UTF_8);
    }
    assertThat(consoleText).as("the producer's own config dump was captured").contains("sasl.jaas.config = [hidden]");
    assertThat(String.join("\n", logLines)).doesNotContain(WRONG_PASSWORD);
    assertThat(consoleText).doesNotContain(WRONG_PASSWORD);
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
    assertThat(String.join("\n", logLines)).doesNotContain(WRONG_PASSWORD);
  }

  /** Writes to the buffer and on to the original console stream. */
  private static OutputStream tee(ByteArrayOutputStream copy, PrintStream console) {
    return new OutputStream() {
      @Override
      public void write(int c) {
        synchronized (copy) {
          copy.write(c);
        }
        console.write(c);
      }

      @Override
      public void write(byte[] buf, int off, int len) {
        synchronized (copy) {
          copy.write(buf, off, len);
        }
        console.write(buf, off, len);
      }
    };
  }
}
