package io.scouter.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code quarkus.scouter.devservices.enabled=false}: no dev server, the application's configuration is untouched. */
class ScouterDevServicesOffTest {
  @RegisterExtension
  static final QuarkusUnitTest TEST = new QuarkusUnitTest()
      .withApplicationRoot(jar -> jar.addClasses(Pipeline.class, Question.class, Answer.class, Answer.Score.class))
      .overrideConfigKey("quarkus.http.test-port", "0")
      .overrideConfigKey("quarkus.scouter.devservices.enabled", "false")
      .setLogRecordPredicate(r -> r.getLoggerName().startsWith("io.scouter"))
      .assertLogRecords(records -> assertThat(records)
          .noneSatisfy(r -> assertThat(r.getMessage()).contains("Dev Services for Scouter started")));

  @Test
  void noDevServerAndNoUri() {
    assertThat(ConfigProvider.getConfig().getOptionalValue("scouter.http.uri", String.class)).isEmpty();
  }
}
