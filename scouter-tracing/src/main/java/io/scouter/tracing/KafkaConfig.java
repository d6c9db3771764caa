package io.scouter.tracing;

import io.scouter.tracing.internal.EnvDefault;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The configuration of the Kafka transport to the Scouter server (a value passed to
 * {@link TracerConfig.Builder#transport}): messages go to a Kafka topic (no key, JSON value); needs the
 * {@code io.scouter:scouter-transport-kafka} artifact.
 *
 * <p>Unset values fall back to the system properties {@code scouter.kafka.brokers}, {@code scouter.kafka.topic},
 * {@code scouter.kafka.username}, {@code scouter.kafka.password}, then the environment variables named after them
 * ({@code SCOUTER_KAFKA_BROKERS}, ...), then to {@code KAFKA_BROKERS} (default {@value #DEFAULT_BROKERS}), {@code SCOUTER_KAFKA_TOPIC}
 * then {@code KAFKA_TOPIC} (default {@value #DEFAULT_TOPIC}), {@code KAFKA_USERNAME}/{@code KAFKA_KEY} and
 * {@code KAFKA_PASSWORD}/{@code KAFKA_SECRET}. Any producer property can be passed through {@link Builder#config}.
 *
 * <pre>{@code
 * KafkaConfig kafka = KafkaConfig.builder().brokers("kafka:9092").topic("scouter_monitoring").build();
 * }</pre>
 */
public final class KafkaConfig implements TransportConfig {
  /** The transport name, {@value}. */
  public static final String TYPE = "kafka";
  /** Default bootstrap servers, {@value}. */
  public static final String DEFAULT_BROKERS = "localhost:9092";
  /** Default topic, {@value}. */
  public static final String DEFAULT_TOPIC = "scouter_monitoring";
  /** Default compression, {@value}. */
  public static final String DEFAULT_COMPRESSION = "gzip";
  /** Default attempts per message, {@value}. */
  public static final int DEFAULT_MAX_RETRIES = 3;
  /** Default largest message, {@value} bytes (as upstream). */
  public static final int DEFAULT_MESSAGE_MAX_BYTES = 2097164;
  private static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");

  private final String brokers;
  private final String topic;
  private final String username;
  private final String password;
  private final String compression;
  private final int maxRetries;
  private final int messageMaxBytes;
  private final Map<String, String> config;

  private KafkaConfig(Builder b) {
    this.brokers = EnvDefault.KAFKA_BROKERS.or(b.brokers);
    this.topic = EnvDefault.KAFKA_TOPIC.or(b.topic);
    this.username = EnvDefault.KAFKA_USERNAME.or(b.username);
    this.password = EnvDefault.KAFKA_PASSWORD.or(b.password);
    this.compression = b.compression != null ? b.compression : DEFAULT_COMPRESSION;
    if (!COMPRESSIONS.contains(compression)) {
      throw new IllegalArgumentException("Invalid Kafka compression '" + compression + "': allowed " + COMPRESSIONS);
    }
    this.maxRetries = b.maxRetries != null ? b.maxRetries : DEFAULT_MAX_RETRIES;
    if (maxRetries < 1) {
      throw new IllegalArgumentException("Kafka maxRetries must be at least 1, was " + maxRetries);
    }
    this.messageMaxBytes = b.messageMaxBytes != null ? b.messageMaxBytes : DEFAULT_MESSAGE_MAX_BYTES;
    this.config = Collections.unmodifiableMap(new LinkedHashMap<>(b.config));
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return TYPE;
  }

  public String brokers() {
    return brokers;
  }

  public String topic() {
    return topic;
  }

  public String username() {
    return username;
  }

  /** The SASL password; never logged. */
  public String password() {
    return password;
  }

  public String compression() {
    return compression;
  }

  public int maxRetries() {
    return maxRetries;
  }

  public int messageMaxBytes() {
    return messageMaxBytes;
  }

  /** Extra producer properties, passed through unchanged. */
  public Map<String, String> config() {
    return config;
  }

  @Override
  public String toString() {
    return "KafkaConfig{brokers=" + brokers + ", topic=" + topic + ", username=" + username
        + ", password=" + (password == null ? "null" : "****") + ", compression=" + compression
        + ", maxRetries=" + maxRetries + ", config keys=" + config.keySet() + "}";
  }

  /** Builder for {@link KafkaConfig}. */
  public static final class Builder {
    private String brokers;
    private String topic;
    private String username;
    private String password;
    private String compression;
    private Integer maxRetries;
    private Integer messageMaxBytes;
    private final Map<String, String> config = new LinkedHashMap<>();

    private Builder() {}

    public Builder brokers(String brokers) {
      this.brokers = brokers;
      return this;
    }

    public Builder topic(String topic) {
      this.topic = topic;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder compression(String compression) {
      this.compression = compression;
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    public Builder messageMaxBytes(int messageMaxBytes) {
      this.messageMaxBytes = messageMaxBytes;
      return this;
    }

    /** Adds a producer property passed through to kafka-clients. */
    public Builder config(String key, String value) {
      this.config.put(key, value);
      return this;
    }

    public KafkaConfig build() {
      return new KafkaConfig(this);
    }
  }
}
