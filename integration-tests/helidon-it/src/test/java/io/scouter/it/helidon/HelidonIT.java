package io.scouter.it.helidon;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.it.support.SampleAppContract;
import java.util.Map;

/**
 * The sample application on Helidon MP (Weld, Jersey), own SDK: the Scouter jars' portable extensions run on Helidon's
 * Weld, Jersey gets the server filters as CDI beans ({@code ScouterJaxrsExtension} adds them there: Helidon registers
 * only {@code @Provider} classes that are beans, and the Scouter jars are no bean archives), and the application passes
 * the whole contract except the hops through Jakarta Concurrency, which Helidon does not implement (pinned: they
 * answer 500).
 */
class HelidonIT extends SampleAppContract {

  @Override
  protected String serviceName() {
    return "it-helidon";
  }

  @Override
  protected Started start(Settings settings) throws Exception {
    return Helidon.start("helidon-own-sdk", Helidon.IT_DIR.resolve("sample.war"), settings, Map.of());
  }

  /** Helidon MP has no Jakarta Concurrency: no managed executor to inject, {@code @Asynchronous} not intercepted. */
  @Override
  public boolean hasJakartaConcurrency() {
    return false;
  }

  /**
   * One flat class path: the application's class loader is the JVM's, and the only OpenTelemetry on it is the
   * application's (1.62, its {@code WEB-INF/lib} jars); Helidon MP core brings none, and no {@code OpenTelemetry} bean.
   */
  @Override
  protected void checkOpenTelemetryVisibility(JsonNode diag) {
    assertOnlyTheApplicationsOpenTelemetry(diag);
  }
}
