package io.scouter.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.tracing.internal.Env;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfigTest {
  private static final String SECRET = "s3cr3t-Pa55w0rd-7f1c9e";
  private static final String TOKEN = "tok3n-eyJhbGciOi-2b8d41";

  @AfterEach
  void tearDown() {
    Env.override(null);
    ScouterTracing.shutdown();
  }

  // ---- TracerConfig ---------------------------------------------------------------------------------------------

  @Test
  void sampleRatioNaNIsRejectedNamingTheSetting() {
    assertThatThrownBy(() -> TracerConfig.builder().sampleRatio(Double.NaN).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sampleRatio");
  }

  @Test
  void sampleRatioInfinityIsRejected() {
    assertThatThrownBy(() -> TracerConfig.builder().sampleRatio(Double.POSITIVE_INFINITY).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sampleRatio");
  }

  @Test
  void sampleRatioIsClampedToUnitInterval() {
    assertThat(TracerConfig.builder().transport(new MockConfig()).sampleRatio(1.7).build().sampleRatio())
        .isEqualTo(1.0);
    assertThat(TracerConfig.builder().transport(new MockConfig()).sampleRatio(-0.3).build().sampleRatio())
        .isEqualTo(0.0);
    assertThat(TracerConfig.builder().transport(new MockConfig()).sampleRatio(0.25).build().sampleRatio())
        .isEqualTo(0.25);
  }

  @Test
  void sampleRatioDefaultsToUnset() {
    assertThat(TracerConfig.builder().transport(new MockConfig()).build().sampleRatio()).isNull();
  }

  @Test
  void tracerConfigDefaults() {
    TracerConfig c = TracerConfig.builder().transport(new MockConfig()).build();
    assertThat(c.serviceName()).isEqualTo(TracerConfig.DEFAULT_SERVICE_NAME).isEqualTo("scouter_service");
    assertThat(c.batchExport()).isTrue();
    assertThat(c.captureMaxLength()).isEqualTo(TracerConfig.DEFAULT_CAPTURE_MAX_LENGTH);
    assertThat(c.batchConfig().maxQueueSize()).isEqualTo(BatchConfig.DEFAULT_MAX_QUEUE_SIZE);
    assertThat(c.exporter()).isNull();
  }

  @Test
  void blankServiceNameFallsBackToDefault() {
    assertThat(TracerConfig.builder().serviceName("  ").transport(new MockConfig()).build().serviceName())
        .isEqualTo(TracerConfig.DEFAULT_SERVICE_NAME);
  }

  @Test
  void captureMaxLengthMustBePositive() {
    assertThatThrownBy(() -> TracerConfig.builder().captureMaxLength(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("captureMaxLength");
  }

  @Test
  void noTransportRemovesTheScouterExport() {
    assertThat(TracerConfig.builder().noTransport().build().transport()).isNull();
    assertThat(TracerConfig.builder().noTransport().transport(new MockConfig()).build().transport())
        .isInstanceOf(MockConfig.class);
  }

  // ---- BatchConfig ----------------------------------------------------------------------------------------------

  @Test
  void batchDefaults() {
    assertThat(BatchConfig.DEFAULT_MAX_QUEUE_SIZE).isEqualTo(2048);
    assertThat(BatchConfig.DEFAULT_SCHEDULED_DELAY_MS).isEqualTo(5000);
    assertThat(BatchConfig.DEFAULT_MAX_EXPORT_BATCH_SIZE).isEqualTo(512);
    BatchConfig d = BatchConfig.defaults();
    assertThat(d.maxQueueSize()).isEqualTo(2048);
    assertThat(d.scheduledDelayMs()).isEqualTo(5000);
    assertThat(d.maxExportBatchSize()).isEqualTo(512);
    BatchConfig built = BatchConfig.builder().build();
    assertThat(built.maxQueueSize()).isEqualTo(2048);
    assertThat(built.scheduledDelayMs()).isEqualTo(5000);
    assertThat(built.maxExportBatchSize()).isEqualTo(512);
  }

  @Test
  void batchSizeLargerThanQueueIsRejected() {
    assertThatThrownBy(() -> BatchConfig.builder().maxQueueSize(10).maxExportBatchSize(11).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxExportBatchSize");
    assertThat(BatchConfig.builder().maxQueueSize(10).maxExportBatchSize(10).build().maxExportBatchSize())
        .isEqualTo(10);
  }

  @Test
  void batchRejectsNonPositiveSizesAndNegativeDelay() {
    assertThatThrownBy(() -> BatchConfig.builder().maxQueueSize(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxQueueSize");
    assertThatThrownBy(() -> BatchConfig.builder().maxExportBatchSize(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxExportBatchSize");
    assertThatThrownBy(() -> BatchConfig.builder().scheduledDelayMs(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheduledDelayMs");
    assertThatThrownBy(() -> BatchConfig.builder().exportTimeoutMs(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exportTimeoutMs");
  }

  // ---- HttpConfig -----------------------------------------------------------------------------------------------

  @Test
  void httpToStringHidesPasswordAndToken() {
    HttpConfig c = HttpConfig.builder().uri("http://scouter:8000").username("svc").password(SECRET)
        .authToken(TOKEN).build();
    assertThat(c.password()).isEqualTo(SECRET);
    assertThat(c.authToken()).isEqualTo(TOKEN);
    assertThat(c.toString()).doesNotContain(SECRET).doesNotContain(TOKEN).contains("svc");
    TracerConfig tc = TracerConfig.builder().transport(c).build();
    assertThat(tc.toString()).doesNotContain(SECRET).doesNotContain(TOKEN);
  }

  @Test
  void httpToStringHidesSecretsFromEnvironment() {
    Map<String, String> env = Map.of("SCOUTER_PASSWORD", SECRET, "SCOUTER_AUTH_TOKEN", TOKEN);
    Env.override(env::get);
    try {
      HttpConfig c = HttpConfig.builder().uri("http://scouter:8000").build();
      assertThat(c.password()).isEqualTo(SECRET);
      assertThat(c.authToken()).isEqualTo(TOKEN);
      assertThat(c.toString()).doesNotContain(SECRET).doesNotContain(TOKEN);
    } finally {
      Env.override(null);
    }
  }

  @Test
  void httpEnvironmentFallbacksAndDefaults() {
    Map<String, String> env = new HashMap<>();
    Env.override(env::get);
    try {
      HttpConfig d = HttpConfig.builder().build();
      assertThat(d.uri().toString()).isEqualTo(HttpConfig.DEFAULT_URI);
      assertThat(d.username()).isEqualTo("admin");
      assertThat(d.password()).isEqualTo("admin");
      assertThat(d.authToken()).isNull();
      env.put("SCOUTER_SERVER_URI", "https://scouter.example.com:9443/");
      env.put("SCOUTER_USERNAME", "alice");
      HttpConfig e = HttpConfig.builder().build();
      assertThat(e.uri().toString()).isEqualTo("https://scouter.example.com:9443");
      assertThat(e.username()).isEqualTo("alice");
    } finally {
      Env.override(null);
    }
  }

  /**
   * Java SE honours the MicroProfile Config keys with MicroProfile Config's precedence: the system property, then the
   * environment variable named after the key, then the Python API's variable, then the default; code beats them all.
   */
  @Test
  void systemPropertiesThenMicroProfileNamedVariablesThenScouterVariables_likeMicroProfileConfig() {
    Map<String, String> env = new HashMap<>();
    Env.override(env::get);
    List<String> keys = List.of("scouter.http.uri", "scouter.http.password", "scouter.grpc.uri", "scouter.kafka.topic",
        "scouter.exporter.endpoint", "scouter.exporter.headers");
    try {
      env.put("SCOUTER_SERVER_URI", "http://python-name:1");
      assertThat(HttpConfig.builder().build().uri().toString()).isEqualTo("http://python-name:1");
      env.put("SCOUTER_HTTP_URI", "http://mp-name:2");
      assertThat(HttpConfig.builder().build().uri().toString()).isEqualTo("http://mp-name:2");
      System.setProperty("scouter.http.uri", "http://system-property:3");
      assertThat(HttpConfig.builder().build().uri().toString()).isEqualTo("http://system-property:3");
      assertThat(HttpConfig.builder().uri("http://code:4").build().uri().toString()).isEqualTo("http://code:4");
      System.setProperty("scouter.http.uri", "  ");
      assertThat(HttpConfig.builder().build().uri().toString()).as("blank is unset").isEqualTo("http://mp-name:2");

      env.put("SCOUTER_PASSWORD", "from-env");
      System.setProperty("scouter.http.password", SECRET);
      HttpConfig http = HttpConfig.builder().build();
      assertThat(http.password()).isEqualTo(SECRET);
      assertThat(http.toString()).doesNotContain(SECRET);

      System.setProperty("scouter.grpc.uri", "https://grpc.example.com:50051");
      assertThat(GrpcConfig.builder().build().uri().toString()).isEqualTo("https://grpc.example.com:50051");
      env.put("KAFKA_TOPIC", "from_env");
      System.setProperty("scouter.kafka.topic", "from_property");
      assertThat(KafkaConfig.builder().build().topic()).isEqualTo("from_property");

      env.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://otel-var:4318/v1/traces");
      env.put("OTEL_EXPORTER_OTLP_HEADERS", "a=env");
      System.setProperty("scouter.exporter.endpoint", "http://collector:4318/v1/traces");
      System.setProperty("scouter.exporter.headers", "a=property,b=2");
      OtelExportConfig otel = OtelExportConfig.builder().build();
      assertThat(otel.endpoint()).isEqualTo("http://collector:4318/v1/traces");
      assertThat(otel.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "property", "b", "2"));
    } finally {
      keys.forEach(System::clearProperty);
      Env.override(null);
    }
  }

  @Test
  void invalidHttpUriIsRejectedWithMessage() {
    for (String bad : new String[] {"not a uri", "ftp://scouter:21", "scouter:8000", "http://"}) {
      assertThatThrownBy(() -> HttpConfig.builder().uri(bad).build())
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Invalid Scouter server URI")
          .hasMessageContaining(bad);
    }
  }

  @Test
  void httpTimeoutMustBePositive() {
    assertThatThrownBy(() -> HttpConfig.builder().uri("http://h").timeout(java.time.Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
  }

  /** GrpcConfig shares HttpConfig's checks (one ServerEndpoint): a bad value fails the build naming the key. */
  @Test
  void invalidGrpcUriAndTimeout_areRejected_namingTheKey() {
    for (String bad : new String[] {"not a uri", "ftp://scouter:21", "scouter:50051", "http://"}) {
      assertThatThrownBy(() -> GrpcConfig.builder().uri(bad).build())
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Invalid Scouter server URI")
          .hasMessageContaining(bad)
          .hasMessageContaining("scouter.grpc.uri")
          .hasMessageContaining("GrpcConfig.uri");
    }
    for (java.time.Duration bad : new java.time.Duration[] {java.time.Duration.ZERO,
        java.time.Duration.ofSeconds(-1)}) {
      assertThatThrownBy(() -> GrpcConfig.builder().uri("http://h:50051").timeout(bad).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("GrpcConfig.timeout must be positive");
    }
    assertThat(GrpcConfig.builder().uri("https://h:50051/").timeout(java.time.Duration.ofMillis(1)).build().uri())
        .hasToString("https://h:50051");
    assertThatThrownBy(() -> HttpConfig.builder().uri("gopher://h").build())
        .hasMessageContaining("scouter.http.uri").hasMessageContaining("HttpConfig.uri");
  }

  @Test
  void unreadableTrustStore_failsTheBuild_namingFileAndKey_neverThePassword(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path notAStore = java.nio.file.Files.writeString(dir.resolve("store.p12"), "not a key store");
    assertThatThrownBy(() -> GrpcConfig.builder().uri("https://h:50051").trustStore(notAStore, SECRET, "PKCS12")
        .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(notAStore.toString())
        .hasMessageContaining("scouter.grpc.truststore")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    assertThatThrownBy(() -> HttpConfig.builder().uri("https://h").trustStore(notAStore, SECRET, "PKCS12").build())
        .hasMessageContaining(notAStore.toString())
        .hasMessageContaining("scouter.http.truststore")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  // ---- KafkaConfig ----------------------------------------------------------------------------------------------

  @Test
  void kafkaToStringHidesPassword() {
    KafkaConfig c = KafkaConfig.builder().brokers("kafka:9092").username("svc").password(SECRET)
        .config("sasl.jaas.config", "irrelevant").build();
    assertThat(c.password()).isEqualTo(SECRET);
    assertThat(c.toString()).doesNotContain(SECRET).contains("kafka:9092");
  }

  @Test
  void kafkaToStringHidesPasswordFromEnvironment() {
    Map<String, String> env = Map.of("KAFKA_SECRET", SECRET, "KAFKA_KEY", "key-user");
    Env.override(env::get);
    try {
      KafkaConfig c = KafkaConfig.builder().build();
      assertThat(c.password()).isEqualTo(SECRET);
      assertThat(c.username()).isEqualTo("key-user");
      assertThat(c.toString()).doesNotContain(SECRET);
    } finally {
      Env.override(null);
    }
  }

  @Test
  void kafkaTopicPrefersScouterKafkaTopicThenKafkaTopic() {
    Map<String, String> env = new HashMap<>();
    Env.override(env::get);
    try {
      assertThat(KafkaConfig.builder().build().topic()).isEqualTo(KafkaConfig.DEFAULT_TOPIC)
          .isEqualTo("scouter_monitoring");

      env.put("KAFKA_TOPIC", "from-kafka-topic");
      assertThat(KafkaConfig.builder().build().topic()).isEqualTo("from-kafka-topic");

      env.put("SCOUTER_KAFKA_TOPIC", "from-scouter-kafka-topic");
      assertThat(KafkaConfig.builder().build().topic()).isEqualTo("from-scouter-kafka-topic");

      assertThat(KafkaConfig.builder().topic("explicit").build().topic()).isEqualTo("explicit");

      env.put("SCOUTER_KAFKA_TOPIC", "  ");
      assertThat(KafkaConfig.builder().build().topic()).isEqualTo("from-kafka-topic");
    } finally {
      Env.override(null);
    }
  }

  @Test
  void kafkaBrokersFromEnvironment() {
    Map<String, String> env = Map.of("KAFKA_BROKERS", "b1:9092,b2:9092");
    Env.override(env::get);
    try {
      assertThat(KafkaConfig.builder().build().brokers()).isEqualTo("b1:9092,b2:9092");
    } finally {
      Env.override(null);
    }
  }

  @Test
  void kafkaRejectsUnknownCompression() {
    assertThatThrownBy(() -> KafkaConfig.builder().compression("brotli").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("brotli");
  }

  // ---- transports that are not on the classpath ----------------------------------------------------------------

  @Test
  void missingGrpcTransportNamesTheArtifactAndLeavesTracingUninitialised() {
    TracerConfig config = TracerConfig.builder().serviceName("svc")
        .transport(GrpcConfig.builder().uri("http://localhost:50051").build()).shutdownHook(false).build();
    assertThatThrownBy(() -> ScouterTracing.initTracer(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("io.scouter:scouter-transport-grpc");
    assertThat(ScouterTracing.isInitialized()).isFalse();
    assertThatThrownBy(() -> ScouterTracing.getTracer("svc")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void missingKafkaTransportNamesTheArtifact() {
    TracerConfig config = TracerConfig.builder().transport(KafkaConfig.builder().build()).shutdownHook(false)
        .build();
    assertThatThrownBy(() -> ScouterTracing.initTracer(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("io.scouter:scouter-transport-kafka");
    assertThat(ScouterTracing.isInitialized()).isFalse();
  }

  @Test
  void initWorksAfterAFailedInit() {
    assertThatThrownBy(() -> ScouterTracing.initTracer(TracerConfig.builder()
        .transport(GrpcConfig.builder().build()).shutdownHook(false).build()))
        .isInstanceOf(IllegalStateException.class);
    ScouterTracer t = ScouterTracing.initTracer(TracerConfig.builder().serviceName("after")
        .transport(new MockConfig()).shutdownHook(false).build());
    assertThat(ScouterTracing.isInitialized()).isTrue();
    assertThat(t.name()).isEqualTo("after");
  }
}
