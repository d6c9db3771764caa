package io.scouter.tracing.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.tracing.KafkaConfig;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.internal.Env;
import io.scouter.tracing.spi.MessageTransport;
import io.scouter.tracing.spi.TransportProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The producer configuration the transport builds, and that kafka-clients accepts it. No broker needed. */
class KafkaProducerPropertiesTest {
  private static final String SECRET = "pw-Kf93-\"quoted\\secret";

  @AfterEach
  void restoreEnv() {
    Env.override(null);
  }

  private static Properties props(KafkaConfig.Builder b) {
    return new KafkaTransport(b.build()).producerProperties();
  }

  private static KafkaConfig.Builder base() {
    return KafkaConfig.builder().brokers("127.0.0.1:19092,localhost:19093").topic("scouter_monitoring");
  }

  @Test
  void defaults_gzipIdempotentAcksAll_timeoutsDerived_noSasl() {
    Env.override(Map.<String, String>of()::get);
    Properties p = props(base());
    assertThat(p).containsEntry("bootstrap.servers", "127.0.0.1:19092,localhost:19093")
        .containsEntry("compression.type", "gzip")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("acks", "all")
        .containsEntry("max.in.flight.requests.per.connection", "5")
        .containsEntry("linger.ms", "0")
        .containsEntry("delivery.timeout.ms", "30000")
        .containsEntry("request.timeout.ms", "10000")
        .containsEntry("max.block.ms", "5000")
        .containsEntry("max.request.size", String.valueOf(KafkaConfig.DEFAULT_MESSAGE_MAX_BYTES + 512));
    assertThat(p).doesNotContainKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
    assertThat(new KafkaTransport(base().build()).maxMessageBytes()).isEqualTo(KafkaConfig.DEFAULT_MESSAGE_MAX_BYTES);
    assertAcceptedByKafkaClients(p);
  }

  @Test
  void passthroughConfig_isAppliedLast_andWins() {
    Properties p = props(base().compression("lz4").messageMaxBytes(100_000)
        .config("linger.ms", "5").config("compression.type", "zstd").config("delivery.timeout.ms", "3000")
        .config("client.id", "scouter-orders"));
    assertThat(p).containsEntry("linger.ms", "5")
        .containsEntry("compression.type", "zstd")
        .containsEntry("client.id", "scouter-orders")
        .containsEntry("delivery.timeout.ms", "3000")
        .containsEntry("request.timeout.ms", "1000")
        .containsEntry("max.block.ms", "500")
        .containsEntry("max.request.size", "100512");
    assertAcceptedByKafkaClients(p);
  }

  @Test
  void usernameAndPassword_setSaslPlainOverSaslSsl_andThePasswordIsHidden() {
    Env.override(Map.<String, String>of()::get);
    KafkaConfig config = base().username("svc-user").password(SECRET).build();
    KafkaTransport transport = new KafkaTransport(config);
    Properties p = transport.producerProperties();
    assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN");
    assertThat(p.get("sasl.jaas.config")).isInstanceOf(Password.class);
    String jaas = ((Password) p.get("sasl.jaas.config")).value();
    assertThat(jaas).startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required");
    assertThat(jaasOptions(jaas)).containsEntry("username", "svc-user").containsEntry("password", SECRET);

    assertThat(p.toString()).doesNotContain(SECRET).contains("sasl.jaas.config=[hidden]");
    assertThat(config.toString()).doesNotContain(SECRET);
    assertThat(transport.toString()).doesNotContain(SECRET);
    assertThat(transport.describe(new IllegalStateException("login failed for password " + SECRET)))
        .doesNotContain(SECRET).contains("IllegalStateException");
    assertAcceptedByKafkaClients(p); // SASL_SSL with the JVM's trust store: logs in (PLAIN) without a broker
  }

  @Test
  void securityProtocolAndMechanism_comeFromTheEnvironment_scramUsesScramLoginModule() {
    Env.override(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")::get);
    Properties p = props(base().username("svc-user").password(SECRET));
    assertThat(p).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    String jaas = ((Password) p.get("sasl.jaas.config")).value();
    assertThat(jaas).startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required");
    assertThat(jaasOptions(jaas)).containsEntry("password", SECRET);
    assertThat(p.toString()).doesNotContain(SECRET);
    assertAcceptedByKafkaClients(p);
  }

  @Test
  void credentialsFromTheEnvironment_KafkaUsernameAndPassword() {
    Env.override(Map.of("KAFKA_USERNAME", "env-user", "KAFKA_SECRET", SECRET)::get);
    Properties p = props(base());
    assertThat(p).containsEntry("security.protocol", "SASL_SSL");
    assertThat(jaasOptions(((Password) p.get("sasl.jaas.config")).value()))
        .containsEntry("username", "env-user").containsEntry("password", SECRET);
  }

  @Test
  void saslSettingsAlreadyInConfig_areKept_andPasswordTypedPassthroughIsHidden() {
    Env.override(Map.<String, String>of()::get);
    String ownJaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"own\" "
        + "password=\"" + "own-" + "secret-77" + "\";";
    Properties p = props(base().username("svc-user").password(SECRET)
        .config("security.protocol", "SASL_PLAINTEXT").config("sasl.mechanism", "SCRAM-SHA-256")
        .config("sasl.jaas.config", ownJaas).config("ssl.truststore.password", "trust-secret-55"));
    assertThat(p).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-256");
    assertThat(((Password) p.get("sasl.jaas.config")).value()).isEqualTo(ownJaas);
    assertThat(p.get("ssl.truststore.password")).isInstanceOf(Password.class);
    assertThat(p.toString()).doesNotContain("own-secret-77").doesNotContain("trust-secret-55").doesNotContain(SECRET);
  }

  @Test
  void mechanismFromConfig_choosesTheLoginModule() {
    Env.override(Map.<String, String>of()::get);
    Properties p = props(base().username("u").password(SECRET).config("sasl.mechanism", "SCRAM-SHA-256"));
    assertThat(p).containsEntry("sasl.mechanism", "SCRAM-SHA-256").containsEntry("security.protocol", "SASL_SSL");
    assertThat(((Password) p.get("sasl.jaas.config")).value()).contains("ScramLoginModule");
  }

  @Test
  void noSasl_withoutBothUsernameAndPassword_orForAMechanismWithoutPasswords() {
    Env.override(Map.<String, String>of()::get);
    assertThat(props(base().username("only-user"))).doesNotContainKeys("security.protocol", "sasl.jaas.config");
    assertThat(props(base().password(SECRET))).doesNotContainKeys("security.protocol", "sasl.jaas.config");
    Env.override(Map.of("KAFKA_SASL_MECHANISM", "OAUTHBEARER")::get);
    Properties oauth = props(base().username("u").password(SECRET));
    assertThat(oauth).containsEntry("sasl.mechanism", "OAUTHBEARER").doesNotContainKey("sasl.jaas.config");
  }

  @Test
  void providerIsFoundByServiceLoader_andCreatesTheTransportLazily() {
    Map<String, TransportProvider> providers = StreamSupport
        .stream(ServiceLoader.load(TransportProvider.class).spliterator(), false)
        .collect(Collectors.toMap(TransportProvider::type, p -> p, (a, b) -> a));
    TransportProvider kafka = providers.get("kafka");
    assertThat(kafka).isInstanceOf(KafkaTransportProvider.class);
    assertThat(kafka.artifact()).isEqualTo("io.scouter:scouter-transport-kafka");
    MessageTransport transport = kafka.create(KafkaConfig.builder().brokers("127.0.0.1:1").topic("t").build());
    assertThat(transport).isInstanceOf(KafkaTransport.class);
    assertThat(((KafkaTransport) transport).producerCreated()).isFalse();
    transport.close();
    assertThatThrownBy(() -> kafka.create(new MockConfig())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anInvalidPassthroughValue_isRefusedWhenTheProducerIsCreated_notThrown() {
    KafkaTransport transport = new KafkaTransport(base().config("acks", "1").build());
    try {
      // idempotence with acks=1 is a configuration error: the message is refused for good, nothing is thrown
      assertThat(transport.deliver(new byte[] {'{', '}'})).isEqualTo(MessageTransport.Outcome.REJECTED);
      assertThat(transport.producerCreated()).isFalse();
    } finally {
      transport.close();
    }
  }

  @Test
  void bootstrapHostsThatDoNotResolve_areRetryable_theProducerIsTriedAgainLater() {
    KafkaTransport transport = new KafkaTransport(KafkaConfig.builder().brokers("no-such-host.invalid:9092")
        .topic("t").build());
    try {
      assertThat(transport.deliver(new byte[] {'{', '}'})).isEqualTo(MessageTransport.Outcome.RETRYABLE);
      assertThat(transport.producerCreated()).isFalse();
    } finally {
      transport.close();
    }
  }

  /** The options of the login module, parsed by kafka-clients' own JAAS parser. */
  private static Map<String, Object> jaasOptions(String jaas) {
    AppConfigurationEntry entry = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(jaas)))
        .configurationEntries().get(0);
    return new HashMap<>(entry.getOptions());
  }

  /** kafka-clients validates the configuration when a producer is built (no broker is contacted). */
  private static void assertAcceptedByKafkaClients(Properties p) {
    new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer()).close();
  }
}
