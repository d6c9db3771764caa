package io.scouter.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.tracing.ScouterTracing;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jar carries a portable extension and a build-compatible twin: exactly one of them registers the beans. Weld runs
 * build-compatible extensions through its translator, so it can check both paths.
 */
class BuildCompatibleExtensionTest {

  @BeforeEach
  @AfterEach
  void reset() {
    ScouterTracing.shutdown();
    TestExporter.EXPORTER.clear();
  }

  private static int spansForOneCall(Weld weld) {
    try (WeldContainer c = weld.addBeanClasses(SyncService.class, SyncService.Inner.class, TestExporter.class)
        .initialize()) {
      c.select(SyncService.class).get().testFunction(1, 2);
    }
    return TestExporter.EXPORTER.spans(s -> s.spanName().equals("test_function")).size();
  }

  @Test
  void bothExtensionsPresent_theBuildCompatibleOneIsSkipped_interceptorFiresOnce() {
    int spans = spansForOneCall(new Weld("both").disableDiscovery().addExtension(new ScouterExtension())
        .addBuildCompatibleExtensions(ScouterBuildCompatibleExtension.class));
    assertThat(spans).isEqualTo(1);
  }

  @Test
  void buildCompatibleExtension_isSkippedWhereverThePortableOneCanRun() {
    // Weld supports portable extensions and ScouterExtension is on the classpath, so the twin must stand aside even
    // when it is the only one registered: it can never add the beans a second time. (Quarkus, which has no portable
    // extensions, runs it: covered by the Quarkus tests.)
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> spansForOneCall(new Weld("bce").disableDiscovery()
        .addBuildCompatibleExtensions(ScouterBuildCompatibleExtension.class)))
        .hasMessageContaining("Unsatisfied dependencies for type CurrentSpan");
  }

  @Test
  void servicesFiles_discoverBothAndRegisterOnce() {
    // full discovery of META-INF/services, as a server does; the library jar has no beans.xml
    Weld weld = new Weld("services").disableDiscovery();
    int portable = 0;
    for (jakarta.enterprise.inject.spi.Extension e : java.util.ServiceLoader.load(
        jakarta.enterprise.inject.spi.Extension.class)) {
      if (e instanceof ScouterExtension) {
        weld.addExtension(e);
        portable++;
      }
    }
    int buildCompatible = 0;
    for (var p : java.util.ServiceLoader.load(
        jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension.class).stream()
        .collect(java.util.stream.Collectors.toList())) {
      if (p.type() == ScouterBuildCompatibleExtension.class) {
        weld.addBuildCompatibleExtensions(p.type());
        buildCompatible++;
      }
    }
    assertThat(portable).as("portable extension in META-INF/services").isEqualTo(1);
    assertThat(buildCompatible).as("build-compatible extension in META-INF/services").isEqualTo(1);
    int spans = spansForOneCall(weld);
    assertThat(spans).isEqualTo(1);
  }
}
