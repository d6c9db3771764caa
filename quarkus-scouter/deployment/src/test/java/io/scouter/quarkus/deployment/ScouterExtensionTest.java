package io.scouter.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One test application with the extension and nothing configured but a service name (and a misspelt key): Dev Services
 * starts the dev server and points the application at it, a {@code @Traced} call arrives there with its input and
 * output, the native-image registrations name the traced types and the queue records, and Quarkus warns about the
 * unknown {@code scouter.*} key.
 */
class ScouterExtensionTest {
  @RegisterExtension
  static final QuarkusUnitTest TEST = new QuarkusUnitTest()
      .withApplicationRoot(jar -> jar.addClasses(Pipeline.class, Question.class, Answer.class, Answer.Score.class,
          DevServerClient.class))
      .overrideConfigKey("quarkus.http.test-port", "0")
      .overrideConfigKey("scouter.service-name", "extension-test")
      .overrideConfigKey("scouter.sampel-ratio", "0.5")
      .setLogRecordPredicate(r -> r.getLevel().intValue() >= Level.INFO.intValue())
      .assertLogRecords(records -> {
        List<String> messages = new ArrayList<>();
        records.forEach(r -> messages.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters())));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("Dev Services for Scouter started"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("scouter.sampel-ratio"));
      })
      .addBuildChainCustomizer(chain -> chain.addBuildStep(new BuildStep() {
        @Override
        public void execute(BuildContext context) {
          List<String> hierarchy = new ArrayList<>();
          for (ReflectiveHierarchyBuildItem i : context.consumeMulti(ReflectiveHierarchyBuildItem.class)) {
            hierarchy.add(i.getType().name().toString());
          }
          List<String> classes = new ArrayList<>();
          for (ReflectiveClassBuildItem i : context.consumeMulti(ReflectiveClassBuildItem.class)) {
            if (i.isMethods() && i.isFields()) {
              classes.addAll(i.getClassNames());
            }
          }
          // the build runs in another class loader than the test: hand the names over as system properties
          System.setProperty("quarkus-scouter-test.reflective-hierarchy", String.join(",", hierarchy));
          System.setProperty("quarkus-scouter-test.reflective-classes", String.join(",", classes));
          context.produce(new FeatureBuildItem("scouter-test-probe"));
        }
      }).consumes(ReflectiveHierarchyBuildItem.class).consumes(ReflectiveClassBuildItem.class)
          .produces(FeatureBuildItem.class).build());

  @Inject
  Pipeline pipeline;

  @Test
  void devServicesStartTheDevServerAndTheTracedCallArrivesThere() throws Exception {
    String uri = ConfigProvider.getConfig().getValue("scouter.http.uri", String.class);
    assertThat(uri).startsWith("http://127.0.0.1:");
    assertThat(DevServerClient.get(uri + "/")).contains("<html");

    pipeline.predict(new Question("hello world"));

    JsonNode span = DevServerClient.awaitSpan(uri, "predict");
    assertThat(span.toString()).contains("hello world").contains("long").contains("extension-test");
  }

  @Test
  void theTracedTypesAndTheQueueRecordsAreRegisteredForReflection() {
    assertThat(System.getProperty("quarkus-scouter-test.reflective-hierarchy").split(","))
        .contains(Question.class.getName(), Answer.class.getName());
    assertThat(System.getProperty("quarkus-scouter-test.reflective-classes").split(","))
        .contains("io.scouter.queue.EvalRecord", "io.scouter.queue.QueueProfile", "io.scouter.tracing.TraceSpanRecord");
  }
}
