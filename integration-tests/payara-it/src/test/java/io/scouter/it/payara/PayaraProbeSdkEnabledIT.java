package io.scouter.it.payara;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.it.support.ProbeReport;
import io.scouter.it.support.RuntimeIT;
import io.scouter.it.support.Wars;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Probes (run with {@code -Dit.probes=true}; reports in {@code target/probes}): Payara's MicroProfile Telemetry SDK
 * switched on ({@code otel.sdk.disabled=false}) and told to use the WAR's exporter provider
 * ({@code otel.traces.exporter=it-probe}, the sample's {@code ProbeSpanExporterProvider} in
 * {@code META-INF/services}), with the WAR parent-first and child-first.
 */
@EnabledIfSystemProperty(named = "it.probes", matches = "true")
class PayaraProbeSdkEnabledIT {
  static final Map<String, String> SDK_ON = Map.of("otel.sdk.disabled", "false", "otel.traces.exporter", "it-probe",
      "otel.metrics.exporter", "none", "otel.logs.exporter", "none", "otel.bsp.schedule.delay", "200");

  abstract static class Probe extends RuntimeIT {
    abstract String variant();

    abstract Path war() throws Exception;

    @Override
    protected String serviceName() {
      return "probe-" + variant();
    }

    @Override
    protected Started start(Settings settings) throws Exception {
      return PayaraMicro.start(variant(), war(), settings, SDK_ON);
    }

    @Test
    void observe() throws Exception {
      var diag = ProbeReport.observe(this, variant(), List.of(started.process().log()));
      assertThat(diag.has("probe")).isTrue();
    }
  }

  @Nested
  class ParentFirst extends Probe {
    @Override
    String variant() {
      return "probe-payara-parent-first-sdk-on";
    }

    /** Parent-first, Payara's SDK loads the WAR's provider through the application's class loader and exports to it. */
    @Test
    void payarasSdkUsesTheWarsExporterProvider() throws Exception {
      assertThat(get("api/orders/sdk?items=plum").statusCode()).isEqualTo(200);
      long deadline = System.nanoTime() + 20_000_000_000L;
      var diag = diagnostics();
      while (diag.at("/probe/exportedSpans").asInt() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        diag = diagnostics();
      }
      assertThat(diag.at("/probe/created").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(diag.at("/probe/exportedSpans").asInt()).as(diag.toString()).isGreaterThan(0);
    }

    @Override
    Path war() throws Exception {
      return Wars.withEntries(PayaraMicro.IT_DIR.resolve("sample.war"),
          PayaraMicro.IT_DIR.resolve("sample-parent-first.war"), Map.of("WEB-INF/glassfish-web.xml",
              "<glassfish-web-app><class-loader delegate=\"true\"/></glassfish-web-app>"));
    }
  }

  /**
   * The WAR as shipped (child-first) with Payara's SDK switched on JVM-wide: the application's deployment fails in
   * AfterDeploymentValidation ("CDI deployment failure:null -- null"). The cause is not logged; with
   * {@code -Xlog:exceptions=info} the JVM shows it: {@code java.util.ServiceConfigurationError:
   * io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider: ... not a subtype}. Payara's 1.29
   * autoconfigure loads the WAR's providers through the child-first class loader, which defines them against the WAR's
   * own copy of the SPI; the Error escapes Payara's {@code catch (Exception)} around the SDK's creation. Any WAR that
   * bundles an OpenTelemetry SPI provider (the OTLP exporter jar, {@code scouter-cdi-extension}) fails this way, also
   * with the keys in its own microprofile-config.properties (see integration-tests/README.md).
   */
  @Nested
  class ChildFirst extends Probe {
    @Override
    String variant() {
      return "probe-payara-child-first-sdk-on";
    }

    @Override
    Path war() {
      return PayaraMicro.IT_DIR.resolve("sample.war");
    }

    @Override
    protected boolean awaitReadiness() {
      return false;
    }

    @Override
    @Test
    void observe() throws Exception {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (!started.process().logText().contains("Deployed 1 archive") && System.nanoTime() < deadline) {
        Thread.sleep(250);
      }
      ProbeReport.observeLog(variant(), List.of(started.process().log()));
      assertThat(started.process().logText()).contains("CDI deployment failure");
      assertThat(get("api/diag/otel").statusCode()).isEqualTo(404);
    }
  }
}
