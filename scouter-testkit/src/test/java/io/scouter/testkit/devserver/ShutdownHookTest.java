package io.scouter.testkit.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.devserver.ScouterDevServer;
import java.io.File;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM that exits without shutting the tracer down still exports everything queued (the shutdown hook). */
class ShutdownHookTest {

  @Test
  void anApplicationThatForgetsShutdown_stillDeliversEverySpanAtExit() throws Exception {
    try (ScouterDevServer server = ScouterDevServer.start()) {
      String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          ForgetfulApp.class.getName(), server.httpUri().toString(), "200")
          .redirectErrorStream(true).redirectOutput(new File("target/forgetful-app.log")).start();
      try {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
      } finally {
        p.destroyForcibly();
      }
      assertThat(p.exitValue()).isZero();
      assertThat(server.awaitSpans(200, Duration.ofSeconds(5))).hasSize(200);
    }
  }
}
