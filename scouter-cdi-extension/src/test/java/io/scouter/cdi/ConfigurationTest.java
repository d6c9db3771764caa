package io.scouter.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.cdi.config.ConfigKey;
import io.scouter.cdi.config.ScouterSettings;
import io.scouter.testkit.SystemConfig;
import io.scouter.tracing.ScouterTracing;
import java.util.List;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MicroProfile Config mapping: invalid values fail deployment naming the key; disabled tracing; extension lifecycle. */
class ConfigurationTest {
  private final SystemConfig config = new SystemConfig();

  @BeforeEach
  @AfterEach
  void reset() {
    config.close();
    ScouterTracing.shutdown();
    TestExporter.EXPORTER.clear();
  }

  private void set(String key, String value) {
    config.set(key, value);
  }

  private static Weld weld() {
    return new Weld("config-test").disableDiscovery().addExtension(new ScouterExtension())
        .addBeanClasses(SyncService.class, SyncService.Inner.class, TestExporter.class);
  }

  @Test
  void invalidValues_failDeployment_namingEveryKeyAndTheAllowedValues() {
    set("scouter.sample-ratio", "often");
    set("scouter.transport", "carrier-pigeon");
    set("scouter.batch.max-queue-size", "-1");
    set("scouter.capture.max-length", "0");
    set("scouter.enabled", "yes");
    assertThatThrownBy(() -> weld().initialize().close())
        .hasMessageContaining("scouter.sample-ratio: invalid value 'often', expected a number between 0.0 and 1.0")
        .hasMessageContaining("scouter.transport: invalid value 'carrier-pigeon', expected one of grpc, http, kafka, "
            + "mock, none")
        .hasMessageContaining("scouter.batch.max-queue-size")
        .hasMessageContaining(
            "scouter.capture.max-length: invalid value '0', expected an integer between 1 and 2147483647 (characters)")
        .hasMessageContaining("scouter.enabled: invalid value 'yes', expected true or false");
    assertThat(ScouterTracing.isInitialized()).isFalse();
  }

  @Test
  void anInvalidValueForEveryConstrainedKey_failsDeployment_namingEachKey() {
    List<ConfigKey> keys = ScouterSettings.KEYS.stream().filter(ConfigKey::constrained).toList();
    keys.forEach(k -> set(k.name(), EveryConfigKeyTest.INVALID.get(k.kind()).get(0)));
    assertThatThrownBy(() -> weld().initialize().close())
        .satisfies(e -> assertThat(stackText(e)).contains(keys.stream().map(k -> "\n  " + k.name() + ": ").toList()));
    assertThat(ScouterTracing.isInitialized()).isFalse();
  }

  @Test
  void outOfRangeSampleRatio_isRejected() {
    set("scouter.sample-ratio", "1.5");
    assertThatThrownBy(() -> weld().initialize().close()).hasMessageContaining("scouter.sample-ratio");
  }

  @Test
  void secretsAreNotEchoedInConfigurationErrors() {
    set("scouter.transport", "http");
    set("scouter.http.password", "s3cr3t-pw");
    set("scouter.http.uri", "not a uri");
    assertThatThrownBy(() -> weld().initialize().close())
        .hasMessageContaining("scouter.http.uri")
        .satisfies(e -> assertThat(stackText(e)).doesNotContain("s3cr3t-pw"));
  }

  private static String stackText(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }

  @Test
  void validConfiguration_startsTheTracerAtStartup_andStopsItWithTheContainer() {
    set("scouter.sample-ratio", "1.0");
    set("scouter.capture.max-length", "4");
    try (WeldContainer c = weld().initialize()) {
      assertThat(ScouterTracing.isInitialized()).as("started by the Startup event, before any call").isTrue();
      c.select(SyncService.class).get().withOptional("abcdefgh", java.util.Optional.empty());
      assertThat(TestExporter.EXPORTER.span("SyncService.withOptional").input().get("required").asText())
          .isEqualTo("abcd...[truncated]");
    }
    assertThat(ScouterTracing.isInitialized()).as("shut down with the container").isFalse();
  }

  @Test
  void sampleRatioZero_noSpansAndNoCapture() {
    set("scouter.sample-ratio", "0");
    try (WeldContainer c = weld().initialize()) {
      assertThat(c.select(SyncService.class).get().testFunction(1, 2)).isEqualTo(3);
    }
    assertThat(TestExporter.EXPORTER.spans()).isEmpty();
  }

  @Test
  void sampleRatioZero_newTracesStillCarryAFreshTraceIdUnsampled_andTheirTags() {
    set("scouter.sample-ratio", "0");
    try (WeldContainer c = weld().initialize()) {
      SyncService service = c.select(SyncService.class).get();
      String[] first = service.probe().split(" ");
      String[] second = service.probe().split(" ");
      for (String[] seen : List.of(first, second)) {
        assertThat(io.opentelemetry.api.trace.TraceId.isValid(seen[0])).as("trace id %s", seen[0]).isTrue();
        assertThat(io.opentelemetry.api.trace.SpanId.isValid(seen[1])).as("span id %s", seen[1]).isTrue();
        assertThat(seen[2]).isEqualTo("false");
        assertThat(seen[3]).isEqualTo("scouter.tracing.tag.env=prod;");
      }
      assertThat(second[0]).as("every call a new trace").isNotEqualTo(first[0]);
      assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()).as("scope closed").isFalse();
    }
    assertThat(TestExporter.EXPORTER.spans()).isEmpty();
  }

  @Test
  void disabled_methodsRunUntraced_andTheTracerIsNotStarted() {
    set("scouter.enabled", "false");
    try (WeldContainer c = weld().initialize()) {
      assertThat(c.select(SyncService.class).get().outer("x")).isEqualTo("X!");
      assertThat(ScouterTracing.isInitialized()).isFalse();
    }
    assertThat(TestExporter.EXPORTER.spans()).isEmpty();
  }

  @Test
  void httpTransport_tracedBeansReachTheScouterDevServer_andShutdownFlushes() {
    try (io.scouter.devserver.ScouterDevServer server = io.scouter.devserver.ScouterDevServer.start()) {
      set("scouter.transport", "http");
      set("scouter.http.uri", server.httpUri().toString());
      set("scouter.batch.scheduled-delay-ms", "60000");
      try (WeldContainer c = weld().initialize()) {
        assertThat(c.select(SyncService.class).get().outer("x")).isEqualTo("X!");
      }
      // the container's shutdown exported the queued spans long before the scheduled delay
      var spans = server.awaitSpans(2, java.time.Duration.ofSeconds(5));
      assertThat(spans).extracting(io.scouter.tracing.TraceSpanRecord::spanName).containsExactlyInAnyOrder("inner",
          "outer");
      assertThat(server.tags()).extracting(io.scouter.tracing.TagRecord::key).contains("env", "team", "tier");
      assertThat(server.rejections()).isEmpty();
    }
  }

  @Test
  void missingTransportArtifact_failsStartupNamingTheArtifact() {
    set("scouter.transport", "kafka");
    assertThatThrownBy(() -> weld().initialize().close())
        .hasStackTraceContaining("io.scouter:scouter-transport-kafka");
  }
}
