package io.scouter.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invalid {@code scouter.*} values fail the build with one message naming every bad key and its allowed values; a
 * secret is never echoed.
 */
class ScouterConfigValidationTest {
  @RegisterExtension
  static final QuarkusUnitTest TEST = new QuarkusUnitTest()
      .withApplicationRoot(jar -> jar.addClasses(Pipeline.class, Question.class, Answer.class, Answer.Score.class))
      .overrideConfigKey("quarkus.http.test-port", "0")
      .overrideConfigKey("scouter.sample-ratio", "2")
      .overrideConfigKey("scouter.transport", "carrier-pigeon")
      .overrideConfigKey("scouter.exporter.headers", "novalue-s3cr3t")
      .assertException(e -> {
        String all = messages(e);
        assertThat(all).contains("scouter.sample-ratio").contains("a number between 0.0 and 1.0")
            .contains("scouter.transport").contains("one of grpc, http, kafka, mock, none")
            .contains("scouter.exporter.headers").doesNotContain("s3cr3t");
      });

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append('\n');
      for (Throwable s : t.getSuppressed()) {
        sb.append(messages(s));
      }
    }
    return sb.toString();
  }

  @Test
  void buildFails() {
    // the assertion is in assertException: the application must not start
  }
}
