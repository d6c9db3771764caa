package io.scouter.it.helidon;

import io.scouter.it.support.RuntimeIT;
import io.scouter.it.support.ShutdownContract;
import java.util.Map;

/** Helidon MP stopped with the Scouter server down: see {@link ShutdownContract}. */
class HelidonShutdownIT extends ShutdownContract {

  @Override
  protected RuntimeIT.Started start(RuntimeIT.Settings settings) throws Exception {
    return Helidon.start("helidon-shutdown", Helidon.IT_DIR.resolve("sample.war"), settings,
        Map.of("scouter.batch.scheduled-delay-ms", "600000"));
  }

  @Override
  protected String runtime() {
    return "helidon";
  }
}
