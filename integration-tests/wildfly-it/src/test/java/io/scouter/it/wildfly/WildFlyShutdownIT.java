package io.scouter.it.wildfly;

import io.scouter.it.support.RuntimeIT;
import io.scouter.it.support.ShutdownContract;
import java.util.Map;

/** WildFly ({@code standalone-microprofile.xml}, own SDK) stopped with the Scouter server down: see {@link ShutdownContract}. */
class WildFlyShutdownIT extends ShutdownContract {

  @Override
  protected RuntimeIT.Started start(RuntimeIT.Settings settings) throws Exception {
    return WildFly.start("wildfly-shutdown", WildFly.MICROPROFILE, WildFly.IT_DIR.resolve("sample.war"), settings,
        Map.of("scouter.batch.scheduled-delay-ms", "600000"));
  }

  /** The console, which has every line of {@code log/server.log}. */

  @Override
  protected String runtime() {
    return "wildfly";
  }
}
