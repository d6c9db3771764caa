package io.scouter.it.payara;

import io.scouter.it.support.RuntimeIT;
import io.scouter.it.support.ShutdownContract;
import java.util.Map;

/** Payara Micro stopped with the Scouter server down: see {@link ShutdownContract}. */
class PayaraShutdownIT extends ShutdownContract {

  @Override
  protected RuntimeIT.Started start(RuntimeIT.Settings settings) throws Exception {
    return PayaraMicro.start("payara-shutdown", PayaraMicro.IT_DIR.resolve("sample.war"), settings,
        Map.of("scouter.batch.scheduled-delay-ms", "600000"));
  }

  @Override
  protected String runtime() {
    return "payara";
  }
}
