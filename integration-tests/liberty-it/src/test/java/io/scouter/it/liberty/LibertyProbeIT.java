package io.scouter.it.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.it.support.ProbeReport;
import io.scouter.it.support.RuntimeIT;
import io.scouter.it.support.RuntimeSdkWar;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Probes (run with {@code -Dit.probes=true}; reports in {@code target/probes}) of Open Liberty with
 * {@code mpTelemetry-2.0}: the third-party OpenTelemetry API made visible to the WAR, and the runtime's SDK switched on
 * ({@code OTEL_SDK_DISABLED=false}) with the WAR's exporter provider ({@code OTEL_TRACES_EXPORTER=it-probe}); the
 * runtime-wide SDK with the {@code scouter} exporter in the WAR and in a BELL library.
 */
@EnabledIfSystemProperty(named = "it.probes", matches = "true")
class LibertyProbeIT {
  static final Map<String, String> SDK_ON = Map.of("OTEL_SDK_DISABLED", "false", "OTEL_TRACES_EXPORTER", "it-probe",
      "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none", "OTEL_BSP_SCHEDULE_DELAY", "200");

  abstract static class Probe extends RuntimeIT {
    abstract String variant();

    abstract String config();

    abstract Map<String, String> env();

    @Override
    protected String serviceName() {
      return "probe-" + variant();
    }

    @Override
    protected Started start(Settings settings) throws Exception {
      return Liberty.start(variant(), config(), settings, env());
    }

    @Test
    void observe() throws Exception {
      var diag = ProbeReport.observe(this, variant(), List.of(started.process().log(),
          Liberty.messagesLog(variant())));
      assertThat(diag.has("probe")).isTrue();
    }
  }

  @Nested
  class ThirdPartyVisible extends Probe {
    @Override
    String variant() {
      return "probe-thirdparty";
    }

    @Override
    String config() {
      return "mptelemetry-thirdparty";
    }

    @Override
    Map<String, String> env() {
      return Map.of();
    }
  }

  @Nested
  class ThirdPartyVisibleSdkOn extends Probe {
    @Override
    String variant() {
      return "probe-thirdparty-sdk-on";
    }

    @Override
    String config() {
      return "mptelemetry-thirdparty";
    }

    @Override
    Map<String, String> env() {
      return SDK_ON;
    }
  }

  @Nested
  class HiddenSdkOn extends Probe {
    @Override
    String variant() {
      return "probe-hidden-sdk-on";
    }

    @Override
    String config() {
      return "mptelemetry";
    }

    @Override
    Map<String, String> env() {
      return SDK_ON;
    }
  }

  /** The runtime-mode WAR with its keys switched on server-wide instead (env): Liberty's runtime-wide SDK. */
  static final Map<String, String> RUNTIME_WIDE = Map.of("OTEL_SDK_DISABLED", "false",
      "OTEL_TRACES_EXPORTER", "scouter", "OTEL_PROPAGATORS", "tracecontext,baggage,scouter",
      "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none");

  /**
   * Runtime-wide SDK ({@code OTEL_SDK_DISABLED=false} in the environment) with the {@code scouter} exporter in the
   * WAR, and (BELL) also in a shared library registered with {@code bells-1.0}
   * ({@code src/test/liberty/servers/mptelemetry-bell}): Liberty 26.0.0.3 builds that SDK with its own bundle's class
   * loader, which sees neither, logs {@code CWMOT5002E ... Unrecognized value for otel.traces.exporter: scouter} and
   * hands out a no-op OpenTelemetry; the application then runs on our own SDK and says why (a WARNING).
   */
  abstract static class RuntimeWide extends Probe {
    @Override
    Map<String, String> env() {
      return RUNTIME_WIDE;
    }

    @Override
    protected Started start(Settings settings) throws Exception {
      Path war = RuntimeSdkWar.make(Liberty.IT_DIR.resolve("sample.war"),
          Liberty.IT_DIR.resolve("sample-runtime-sdk.war"));
      return Liberty.start(variant(), config(), war, settings, env(), dir -> bellLibrary(war, dir.resolve("scouter")));
    }

    @Test
    void libertyCannotLoadTheScouterExporter() throws Exception {
      String log = Files.readString(Liberty.messagesLog(variant()));
      assertThat(log).contains("CWMOT5002E").contains("Unrecognized value for otel.traces.exporter: scouter")
          .contains("sdk=own (auto: the runtime's OpenTelemetry is a no-op although otel.sdk.disabled=false");
    }
  }

  @Nested
  class RuntimeWideWarOnly extends RuntimeWide {
    @Override
    String variant() {
      return "probe-runtime-wide";
    }

    @Override
    String config() {
      return "mptelemetry-runtime";
    }
  }

  @Nested
  class RuntimeWideWithBell extends RuntimeWide {
    @Override
    String variant() {
      return "probe-runtime-wide-bell";
    }

    @Override
    String config() {
      return "mptelemetry-bell";
    }
  }

  /** The Scouter jars and Jackson from the WAR's WEB-INF/lib, as a BELL library would hold them. */
  static void bellLibrary(Path war, Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, byte[]> jars = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null;) {
        if (e.getName().matches("WEB-INF/lib/(scouter-tracing|scouter-cdi-extension|jackson-)[^/]*\\.jar")) {
          jars.put(e.getName().substring("WEB-INF/lib/".length()), in.readAllBytes());
        }
      }
    }
    for (Map.Entry<String, byte[]> j : jars.entrySet()) {
      Files.copy(new ByteArrayInputStream(j.getValue()), dir.resolve(j.getKey()));
    }
  }
}
