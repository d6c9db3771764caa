package io.scouter.it.liberty;

import io.scouter.it.support.RuntimeIT;
import io.scouter.it.support.ShutdownContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Open Liberty stopped with the Scouter server down: see {@link ShutdownContract}. */
class LibertyShutdownIT extends ShutdownContract {
  private static final String VARIANT = "liberty-shutdown";

  @Override
  protected RuntimeIT.Started start(RuntimeIT.Settings settings) throws Exception {
    return Liberty.start(VARIANT, "plain", settings, Map.of("SCOUTER_BATCH_SCHEDULED_DELAY_MS", "600000"));
  }

  /** {@code messages.log}, which has every message the console shows and more. */
  @Override
  protected String logText(RuntimeIT.Started started) throws IOException {
    Path log = Liberty.messagesLog(VARIANT);
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : started.process().logText();
  }

  @Override
  protected String runtime() {
    return "liberty";
  }
}
