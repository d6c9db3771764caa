package io.scouter.it.wildfly;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.it.support.SampleAppContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sample WAR as built on WildFly's {@code standalone-microprofile.xml} (MicroProfile Config, and MicroProfile
 * Telemetry with its SDK off): its {@code WEB-INF/jboss-deployment-structure.xml} excludes the {@code opentelemetry} and
 * {@code microprofile-telemetry} subsystems, so the application runs on its own OpenTelemetry 1.62 from
 * {@code WEB-INF/lib}, alone, and passes the whole contract.
 */
class WildFlyIT extends SampleAppContract {

  @Override
  protected String serviceName() {
    return "it-wildfly";
  }

  @Override
  protected Started start(Settings settings) throws Exception {
    return WildFly.start("wildfly-own-sdk", WildFly.MICROPROFILE, WildFly.IT_DIR.resolve("sample.war"), settings,
        Map.of());
  }

  @Override
  protected List<String> logProblems() {
    List<String> all = new ArrayList<>(super.logProblems());
    all.addAll(WildFly.problems(started.process()));
    return all;
  }

  /**
   * Only the application's copy: API, context, SDK and autoconfigure SPI 1.62 from WEB-INF/lib; WildFly's modules
   * (the autoconfigure SDK, {@code @WithSpan}, its {@code OpenTelemetry} bean) are not visible at all.
   */
  @Override
  protected void checkOpenTelemetryVisibility(JsonNode diag) {
    assertOnlyTheApplicationsOpenTelemetry(diag);
  }
}
