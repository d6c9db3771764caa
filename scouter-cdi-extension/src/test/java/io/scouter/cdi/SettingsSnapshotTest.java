package io.scouter.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.cdi.config.ConfigLookup;
import io.scouter.cdi.config.ScouterSettings;
import io.scouter.testkit.SystemConfig;
import io.scouter.tracing.GrpcConfig;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TracerConfig;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The settings are parsed once per application into one immutable snapshot: the extension's validation, the bootstrap
 * and every later reader share it (the transport, with its trust store, is built once); another application, or
 * changed values, get their own parse.
 */
class SettingsSnapshotTest {
  private final SystemConfig config = new SystemConfig();

  @BeforeEach
  @AfterEach
  void reset() {
    config.close();
    ScouterTracing.shutdown();
  }

  @Test
  void oneApplication_isParsedOnce_andSharesOneSnapshot() {
    ConfigLookup app = ConfigLookup.of(Map.of("scouter.transport", "grpc", "scouter.grpc.uri", "http://collector:50051",
        "scouter.service-name", "orders"));
    long before = ScouterSettings.parses();
    ScouterSettings first = ScouterSettings.current(app);
    for (int i = 0; i < 5; i++) {
      ScouterSettings again = ScouterSettings.current(app);
      assertThat(again).isSameAs(first);
      assertThat(again.tracerConfig().transport()).as("the transport is built once").isSameAs(
          first.tracerConfig().transport());
    }
    assertThat(ScouterSettings.parses() - before).isEqualTo(1);
    assertThat(first.tracerConfig().transport()).isInstanceOf(GrpcConfig.class);
    assertThat(first.tracerConfig().serviceName()).isEqualTo("orders");

    // another application with the same values: its own snapshot, nothing shared across deployments
    ConfigLookup other = ConfigLookup.of(Map.of("scouter.transport", "grpc", "scouter.grpc.uri",
        "http://collector:50051", "scouter.service-name", "orders"));
    assertThat(ScouterSettings.current(other)).isNotSameAs(first);
    assertThat(ScouterSettings.parses() - before).isEqualTo(2);
  }

  @Test
  void theSnapshotIsImmutable_eachBuilderIsACopy() {
    ScouterSettings s = ScouterSettings.current(ConfigLookup.of(Map.of("scouter.transport", "mock")));
    TracerConfig changed = s.builder().serviceName("changed").noTransport().build();
    assertThat(changed.serviceName()).isEqualTo("changed");
    assertThat(changed.transport()).isNull();
    assertThat(s.tracerConfig().serviceName()).isEqualTo(TracerConfig.DEFAULT_SERVICE_NAME);
    assertThat(s.tracerConfig().transport()).isNotNull();
    assertThat(s.builder().build().transport()).isSameAs(s.tracerConfig().transport());
  }

  @Test
  void anotherTransportType_isBuiltFromTheSameValues_once() {
    ScouterSettings s = ScouterSettings.current(ConfigLookup.of(Map.of("scouter.transport", "mock",
        "scouter.http.uri", "http://scouter:8000", "scouter.http.password", "s3cret")));
    HttpConfig http = (HttpConfig) s.transport("http").orElseThrow();
    assertThat(http.uri().toString()).isEqualTo("http://scouter:8000");
    assertThat(s.transport("HTTP").orElseThrow()).isSameAs(http);
    assertThat(s.transport("none")).isEmpty();
    assertThat(s.transport("mock").orElseThrow()).isSameAs(s.tracerConfig().transport());
    assertThatThrownBy(() -> s.transport("pigeon")).hasMessageContaining("pigeon");
  }

  @Test
  void changedValues_areParsedAgain_invalidOnesFailEveryTime_namingTheKey() {
    config.set("scouter.service-name", "one");
    ScouterSettings first = ScouterSettings.current();
    assertThat(ScouterSettings.current()).isSameAs(first);
    config.set("scouter.service-name", "two");
    ScouterSettings second = ScouterSettings.current();
    assertThat(second.tracerConfig().serviceName()).isEqualTo("two");
    config.set("scouter.sample-ratio", "often");
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(ScouterSettings::current).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("scouter.sample-ratio: invalid value 'often'");
    }
  }

  /** A real container: the extension validates, the bootstrap starts the tracer, all from one parse. */
  @Test
  void aContainerStart_parsesTheSettingsOnce() {
    config.set("scouter.transport", "mock");
    config.set("scouter.service-name", "snapshot-" + System.nanoTime()); // values no earlier test parsed
    long before = ScouterSettings.parses();
    try (WeldContainer c = new Weld("snapshot-test").disableDiscovery().addExtension(new ScouterExtension())
        .addBeanClasses(SyncService.class, SyncService.Inner.class).initialize()) {
      ScouterTracer tracer = c.select(ScouterTracer.class).get();
      assertThat(tracer).isNotNull();
      c.select(SyncService.class).get();
      assertThat(ScouterTracing.isInitialized()).isTrue();
      assertThat(ScouterSettings.current()).isSameAs(ScouterSettings.current());
    }
    assertThat(ScouterSettings.parses() - before).as("parses for one container start").isEqualTo(1);
  }
}
