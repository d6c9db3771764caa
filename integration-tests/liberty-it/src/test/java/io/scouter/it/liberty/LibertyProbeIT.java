package io.scouter.it.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.it.support.ProbeReport;
import io.scouter.it.support.RuntimeIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Probes (run with {@code -Dit.probes=true}; reports in {@code target/probes}) of Open Liberty with
 * {@code mpTelemetry-2.0}: the third-party OpenTelemetry API made visible to the WAR, and the runtime's SDK switched on
 * ({@code OTEL_SDK_DISABLED=false}) with the WAR's exporter provider ({@code OTEL_TRACES_EXPORTER=it-probe}).
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
}
