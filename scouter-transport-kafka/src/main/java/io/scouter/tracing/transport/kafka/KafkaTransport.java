package io.scouter.tracing.transport.kafka;

import io.scouter.tracing.KafkaConfig;
import io.scouter.tracing.internal.EnvDefault;
import io.scouter.tracing.internal.RateLimitedLog;
import io.scouter.tracing.spi.MessageTransport;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends Scouter messages to a Kafka topic with an idempotent {@link KafkaProducer}: no key, no headers, the value is
 * the message's JSON bytes, exactly what the Scouter server's Kafka consumer reads. The producer is created on the
 * first send; each send waits for the broker's acknowledgement ({@code acks=all}). The producer retries transient
 * errors itself within {@code delivery.timeout.ms} without writing duplicates; on top of that a message that still
 * failed for a retriable reason is sent again, up to {@link KafkaConfig#maxRetries()} attempts in all (a re-sent
 * message may then arrive twice: at-least-once). Credentials never reach a log line, an exception message or
 * {@link #toString()}. Not a public API.
 */
final class KafkaTransport implements MessageTransport {
  private static final Logger LOG = Logger.getLogger(KafkaTransport.class.getName());

  /** Default per-attempt delivery timeout ({@code delivery.timeout.ms}), {@value} ms. */
  static final long DEFAULT_TIMEOUT_MS = 30_000;
  /** Default {@code linger.ms}: each send waits for its acknowledgement, so lingering only adds latency. */
  static final long DEFAULT_LINGER_MS = 0;
  /** Room above {@link KafkaConfig#messageMaxBytes()} in {@code max.request.size} for the record batch framing. */
  static final int RECORD_OVERHEAD_BYTES = 512;
  /** Extra wait on a send's future beyond {@code delivery.timeout.ms}, by when the producer must have answered. */
  static final long GRACE_MS = 2_000;
  /** Longest wait for queued records when closing, {@value} ms. */
  static final long CLOSE_TIMEOUT_MS = 5_000;
  /** Pause between two application-level attempts, {@value} ms. */
  static final long RETRY_BACKOFF_MS = 100;
  static final String DEFAULT_SECURITY_PROTOCOL = "SASL_SSL";
  static final String DEFAULT_SASL_MECHANISM = "PLAIN";
  private static final String PLAIN_LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
  private static final String SCRAM_LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";

  private final KafkaConfig config;
  private final Properties properties;
  private final long sendTimeoutMs;
  private final RateLimitedLog errors = new RateLimitedLog(LOG, 30_000);
  private final LongAdder retries = new LongAdder();
  private final Object lock = new Object();
  private volatile KafkaProducer<byte[], byte[]> producer;
  private volatile boolean closed;

  KafkaTransport(KafkaConfig config) {
    this.config = config;
    this.properties = buildProperties(config);
    this.sendTimeoutMs = longProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_TIMEOUT_MS)
        + longProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DEFAULT_TIMEOUT_MS) + GRACE_MS;
  }

  /**
   * The producer properties in effect. Password-typed values (such as {@code sasl.jaas.config}) are
   * {@link Password} objects, so {@code toString()} shows {@code [hidden]}. Never log their values.
   */
  Properties producerProperties() {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  /** Whether the producer has been created (it is, lazily, on the first send). */
  boolean producerCreated() {
    return producer != null;
  }

  static Properties buildProperties(KafkaConfig config) {
    Map<String, String> extra = config.config();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.brokers());
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    p.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(DEFAULT_LINGER_MS));
    // one timeout drives the others: the delivery timeout is a passthrough delivery.timeout.ms or 30 s; a request gets
    // a third of it, so the producer retries a request at least once before the delivery times out (kafka-clients
    // requires delivery.timeout.ms >= linger.ms + request.timeout.ms), and the wait for metadata (the time to notice
    // that no broker can be reached) a sixth
    long timeout = Math.max(1, parse(extra.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG), DEFAULT_TIMEOUT_MS));
    long linger = parse(extra.get(ProducerConfig.LINGER_MS_CONFIG), DEFAULT_LINGER_MS);
    long request = Math.max(1, Math.min(timeout / 3, timeout - linger));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeout));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(request));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Math.max(1, timeout / 6)));
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
        String.valueOf((long) config.messageMaxBytes() + RECORD_OVERHEAD_BYTES > Integer.MAX_VALUE
            ? Integer.MAX_VALUE : config.messageMaxBytes() + RECORD_OVERHEAD_BYTES));
    if (!isBlank(config.username()) && !isBlank(config.password())) {
      if (!extra.containsKey(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)) {
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
            EnvDefault.KAFKA_SECURITY_PROTOCOL.orElse(DEFAULT_SECURITY_PROTOCOL));
      }
      String mechanism = extra.containsKey(SaslConfigs.SASL_MECHANISM) ? extra.get(SaslConfigs.SASL_MECHANISM)
          : EnvDefault.KAFKA_SASL_MECHANISM.orElse(DEFAULT_SASL_MECHANISM);
      p.put(SaslConfigs.SASL_MECHANISM, mechanism);
      if (!extra.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
        String module = loginModule(mechanism);
        if (module != null) {
          p.put(SaslConfigs.SASL_JAAS_CONFIG, new Password(module + " required username=\""
              + jaasQuote(config.username()) + "\" password=\"" + jaasQuote(config.password()) + "\";"));
        } else {
          LOG.warning("Scouter Kafka transport: the username and password are not used with SASL mechanism '"
              + mechanism + "'; pass sasl.jaas.config through scouter.kafka.config.sasl.jaas.config");
        }
      }
    }
    ConfigDef def = ProducerConfig.configDef();
    extra.forEach((k, v) -> {
      if (v == null) {
        p.remove(k); // a null value unsets one of our defaults
        return;
      }
      ConfigDef.ConfigKey key = def.configKeys().get(k);
      p.put(k, key != null && key.type == ConfigDef.Type.PASSWORD ? new Password(v) : v);
    });
    return p;
  }

  /** The JAAS login module for a SASL mechanism that takes a username and password, else {@code null}. */
  static String loginModule(String mechanism) {
    String m = mechanism == null ? "" : mechanism.trim().toUpperCase(Locale.ROOT);
    if (m.equals("PLAIN")) {
      return PLAIN_LOGIN_MODULE;
    }
    if (m.startsWith("SCRAM-SHA-")) {
      return SCRAM_LOGIN_MODULE;
    }
    return null;
  }

  /** Escapes a value for a double-quoted JAAS option. */
  static String jaasQuote(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public int maxMessageBytes() {
    return config.messageMaxBytes();
  }

  @Override
  public long retries() {
    return retries.sum();
  }

  /**
   * Produces one record and waits for its acknowledgement: delivered; worth retrying later (broker unreachable, timed
   * out, authentication failed, closed); or refused for good (too large for the broker, topic invalid or not
   * authorised, invalid configuration).
   */
  @Override
  public Outcome deliver(byte[] message) {
    for (int attempt = 1;; attempt++) {
      if (closed) {
        return Outcome.RETRYABLE;
      }
      KafkaProducer<byte[], byte[]> p;
      try {
        p = producer();
      } catch (RuntimeException e) {
        if (closed) {
          return Outcome.RETRYABLE;
        }
        errors.warn("Scouter Kafka transport could not create its producer for topic '" + config.topic() + "': "
            + describe(e));
        return creationOutcome(e);
      }
      Throwable failure;
      try {
        p.send(new ProducerRecord<>(config.topic(), message)).get(sendTimeoutMs, TimeUnit.MILLISECONDS);
        return Outcome.DELIVERED;
      } catch (ExecutionException e) {
        failure = e.getCause() != null ? e.getCause() : e;
      } catch (java.util.concurrent.TimeoutException e) {
        // the producer did not answer within its own delivery timeout: the record may still go out, so don't
        // send it a second time
        errors.warn("Scouter Kafka transport got no answer for a message to topic '" + config.topic() + "' within "
            + sendTimeoutMs + " ms");
        return Outcome.RETRYABLE;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.RETRYABLE;
      } catch (RuntimeException e) {
        failure = e; // thrown by send(): producer closed or failed, record too large, ...
      }
      if (closed) {
        return Outcome.RETRYABLE;
      }
      if (failure instanceof RetriableException && attempt < config.maxRetries()) {
        retries.increment();
        if (!pause()) {
          return Outcome.RETRYABLE;
        }
        continue;
      }
      errors.warn("Scouter Kafka transport could not deliver a message to topic '" + config.topic() + "' at "
          + config.brokers() + (attempt > 1 ? " in " + attempt + " attempts" : "") + ": " + describe(failure));
      if (!(failure instanceof ApiException)) {
        reset(p); // the producer itself failed (fatal state, closed under us): start a new one next time
      }
      return outcome(failure);
    }
  }

  /** Whether a failure that survived the retries may pass by itself. */
  static Outcome outcome(Throwable failure) {
    if (failure instanceof RetriableException || failure instanceof AuthenticationException) {
      return Outcome.RETRYABLE; // down, slow, or credentials that may be fixed while the spans wait
    }
    if (failure instanceof ApiException || failure instanceof ConfigException) {
      return Outcome.REJECTED; // too large, invalid or unauthorised topic, ...: the same record fails again
    }
    return Outcome.RETRYABLE;
  }

  /**
   * An invalid configuration is refused for good; anything else (notably bootstrap host names that do not resolve
   * yet, which kafka-clients also reports as a {@link ConfigException}) may pass.
   */
  static Outcome creationOutcome(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConfigException) {
        String m = t.getMessage();
        return m != null && m.startsWith("No resolvable bootstrap urls") ? Outcome.RETRYABLE : Outcome.REJECTED;
      }
    }
    return Outcome.RETRYABLE;
  }

  private boolean pause() {
    try {
      Thread.sleep(RETRY_BACKOFF_MS);
      return !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    KafkaProducer<byte[], byte[]> p = producer;
    if (p != null) {
      return p;
    }
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      p = producer;
      if (p == null) {
        p = newProducer();
        producer = p;
      }
      return p;
    }
  }

  private KafkaProducer<byte[], byte[]> newProducer() {
    // login modules, serializers and other configured classes are looked up through the context class loader;
    // in an application server that is the application's, which may not see kafka-clients
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(KafkaProducer.class.getClassLoader());
    try {
      return new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  private void reset(KafkaProducer<byte[], byte[]> failed) {
    synchronized (lock) {
      if (producer != failed) {
        return;
      }
      producer = null;
    }
    closeQuietly(failed, Duration.ZERO);
  }

  /** The error class and its message (and its root cause's), without the password and on one line. */
  String describe(Throwable e) {
    Throwable root = e;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 10; depth++) {
      root = root.getCause();
    }
    return root == e ? describeOne(e) : describeOne(e) + "; caused by " + describeOne(root);
  }

  private String describeOne(Throwable e) {
    String text = e.getClass().getSimpleName();
    String message = e.getMessage();
    if (message != null && !message.isBlank()) {
      if (!isBlank(config.password())) {
        message = message.replace(jaasQuote(config.password()), "****").replace(config.password(), "****");
      }
      message = message.replaceAll("\\p{Cntrl}", " ");
      text += ": " + (message.length() > 300 ? message.substring(0, 300) + "..." : message);
    }
    return text;
  }

  @Override
  public void close() {
    KafkaProducer<byte[], byte[]> p;
    synchronized (lock) {
      closed = true;
      p = producer;
      producer = null;
    }
    if (p != null) {
      closeQuietly(p, Duration.ofMillis(CLOSE_TIMEOUT_MS));
    }
  }

  private void closeQuietly(KafkaProducer<byte[], byte[]> p, Duration timeout) {
    try {
      p.close(timeout);
    } catch (RuntimeException e) {
      errors.warn("Scouter Kafka transport: closing the producer failed: " + describe(e));
    }
  }

  private long longProperty(String key, long fallback) {
    Object v = properties.get(key);
    return v == null ? fallback : parse(v.toString(), fallback);
  }

  private static long parse(String value, long fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Math.max(0, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return fallback; // the producer reports the invalid value when it is created
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public String toString() {
    return "KafkaTransport{brokers=" + config.brokers() + ", topic=" + config.topic() + ", sasl="
        + properties.containsKey(SaslConfigs.SASL_JAAS_CONFIG) + "}";
  }
}
