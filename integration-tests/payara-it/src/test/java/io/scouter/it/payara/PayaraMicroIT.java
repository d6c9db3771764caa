package io.scouter.it.payara;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.it.support.ExporterHealthContract;
import io.scouter.it.support.SampleAppContract;
import java.util.Map;

/**
 * The sample WAR as built on Payara Micro: with its {@code WEB-INF/glassfish-web.xml}
 * ({@code <class-loader delegate="false"/>}) the application runs on its own OpenTelemetry 1.62 from
 * {@code WEB-INF/lib}, apart from Payara's MicroProfile Telemetry, and passes the whole contract.
 */
class PayaraMicroIT extends SampleAppContract implements ExporterHealthContract {

  @Override
  protected String serviceName() {
    return "it-payara";
  }

  @Override
  protected Started start(Settings settings) throws Exception {
    return PayaraMicro.start("payara-child-first", PayaraMicro.IT_DIR.resolve("sample.war"), settings, Map.of());
  }

  /**
   * OpenTelemetry API, context, SDK and autoconfigure SPI come from WEB-INF/lib (1.62.0); classes the WAR does not
   * bundle (the autoconfigure SDK, {@code @WithSpan}) still resolve to Payara's 1.29; Payara's {@code OpenTelemetry}
   * bean exists but its type is Payara's, not the application's.
   */
  @Override
  protected void checkOpenTelemetryVisibility(JsonNode diag) {
    assertTheApplicationsOwnApiAndSdk(diag);
    assertThat(diag.get("sdkVersion").asText()).isEqualTo(BUNDLED_OPENTELEMETRY);
    assertThat(diag.at("/classes/io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk/source").asText())
        .as("Payara's own SDK").contains("opentelemetry-repackaged");
    assertThat(diag.get("openTelemetryBeans")).hasSize(1);
    assertThat(diag.at("/openTelemetryBeans/0/typeFromApplication").asBoolean()).isFalse();
    assertThat(diag.at("/openTelemetryBeans/0/typeVisibleToApplication").asBoolean()).isFalse();
    // child-first loads WEB-INF/lib's copy; Payara's stays reachable through the parent, shadowed
    diag.get("copies").fields().forEachRemaining(e -> assertThat(e.getValue()).as(e.getKey()).hasSize(2)
        .anySatisfy(url -> assertThat(url.asText()).contains("WEB-INF/lib/opentelemetry-"))
        .anySatisfy(url -> assertThat(url.asText()).contains("opentelemetry-repackaged.jar")));
  }
}
