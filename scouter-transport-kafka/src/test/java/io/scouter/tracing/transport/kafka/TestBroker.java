package io.scouter.tracing.transport.kafka;

import io.scouter.devserver.WireDecoder;
import io.scouter.devserver.WireFormatException;
import io.scouter.tracing.TraceSpanRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import kafka.server.BrokerServer;

/**
 * A real single-node KRaft Kafka (broker and controller in one process, inside this JVM) on an ephemeral port, with
 * helpers to create topics and read a topic back as a Scouter server consumer would (a consumer group, earliest).
 */
public final class TestBroker implements AutoCloseable {
  private final KafkaClusterTestKit kit;
  private final boolean sasl;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TestBroker(KafkaClusterTestKit kit, boolean sasl) {
    this.kit = kit;
    this.sasl = sasl;
  }

  /** Starts a PLAINTEXT broker. */
  public static TestBroker start() throws Exception {
    return start(false);
  }

  /**
   * Starts a broker; with {@code sasl} its client listener is SASL_PLAINTEXT with mechanism PLAIN and the users
   * {@value JaasUtils#KAFKA_PLAIN_ADMIN} (super user) and {@value JaasUtils#KAFKA_PLAIN_USER1} (no ACLs).
   */
  public static TestBroker start(boolean sasl) throws Exception {
    TestKitNodes.Builder nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
        .setNumControllerNodes(1);
    if (sasl) {
      // the controller listener too, so the broker reaches the controller as the super user
      nodes.setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
          .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT);
    }
    KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes.build())
        // without these the single broker cannot create __consumer_offsets and consumer groups hang
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    TestBroker broker = new TestBroker(kit, sasl);
    try {
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      return broker;
    } catch (Exception | Error e) {
      broker.close();
      throw e;
    }
  }

  public String bootstrap() {
    return kit.bootstrapServers();
  }

  /** Client properties to reach the broker as the super user. */
  public Properties clientProperties() {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    if (sasl) {
      p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
      p.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
      p.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required "
          + "username=\"" + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD
          + "\";");
    }
    return p;
  }

  /** Creates single-partition topics. */
  public void createTopics(String... topics) throws Exception {
    createTopics(Map.of(), topics);
  }

  /** Creates single-partition topics with topic configs. */
  public void createTopics(Map<String, String> configs, String... topics) throws Exception {
    try (Admin admin = Admin.create(clientProperties())) {
      admin.createTopics(Arrays.stream(topics).map(t -> new NewTopic(t, 1, (short) 1).configs(configs))
          .collect(Collectors.toList())).all().get();
    }
  }

  /**
   * Reads the topic from the start in a new consumer group until {@code done} holds for everything read so far, or
   * the timeout passes; returns what was read.
   */
  public List<ConsumerRecord<byte[], byte[]>> consume(String topic,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
      Duration timeout) {
    Properties p = clientProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "scouter-test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(records) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /**
   * Reads the whole topic from its first to its current last offset (every partition, no consumer group): every record
   * on it, duplicates included. @throws AssertionError if the end is not reached within the timeout
   */
  public List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(clientProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("topic " + topic + " not read to its end " + end + " within " + timeout);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /**
   * Shuts the broker down as an operator would (controlled shutdown; the KRaft controller keeps running): its
   * listener closes and clients see the connection refused until {@link #restartBroker()}.
   */
  public void stopBroker() {
    for (BrokerServer b : kit.brokers().values()) {
      b.shutdown();
      b.awaitShutdown();
    }
  }

  /**
   * Starts the stopped broker again, on the same port and log directories (the test kit re-binds the listener's
   * port), and waits until it has registered with the controller.
   */
  public void restartBroker() throws Exception {
    for (BrokerServer b : kit.brokers().values()) {
      b.startup();
    }
    kit.waitForReadyBrokers();
  }

  /** Reads until the records hold {@code spans} spans (or 20 s pass). */
  public List<ConsumerRecord<byte[], byte[]>> consumeSpans(String topic, int spans) {
    return consume(topic, r -> decodeSpans(r).size() >= spans, Duration.ofSeconds(20));
  }

  /** Every record decoded strictly as a Scouter trace message; the spans of all records in order. */
  public static List<TraceSpanRecord> decodeSpans(List<ConsumerRecord<byte[], byte[]>> records) {
    List<TraceSpanRecord> spans = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      spans.addAll(decode(r).spans());
    }
    return spans;
  }

  public static WireDecoder.Message decode(ConsumerRecord<byte[], byte[]> record) {
    try {
      return WireDecoder.decode(record.value());
    } catch (WireFormatException e) {
      throw new AssertionError("the Scouter server would reject this record: " + e.getMessage(), e);
    }
  }

  /** Stops the broker; safe to call twice (KafkaClusterTestKit.close() is not). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        kit.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        throw new IllegalStateException("stopping the broker failed", e);
      }
    }
  }
}
