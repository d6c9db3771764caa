package io.scouter.it.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.cdi.CurrentSpan;
import io.scouter.cdi.ScouterExtension;
import io.scouter.jaxrs.ScouterJaxrsExtension;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.TraceSpanRecord;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A deployment whose application archive has {@code beans.xml} with {@code bean-discovery-mode="all"} and that even
 * packages the library's own classes (the "jar repackaged into a bean archive" trap): the extensions still register
 * every bean and the interceptor exactly once, the optional readiness check of a MicroProfile runtime too (its Health
 * and Metrics APIs are on this test's class path, as on Payara and Open Liberty). (Moved here from
 * scouter-cdi-extension.)
 */
@ExtendWith(ArquillianExtension.class)
class LibraryRepackagedInBeanArchiveTest {

  @Deployment
  static JavaArchive deployment() {
    return ShrinkWrap.create(JavaArchive.class, "app.jar")
        .addClasses(GreetingBean.class, TestExporter.class)
        .addPackages(true, "io.scouter.cdi.internal")
        .addPackage("io.scouter.jaxrs.internal.cdi")
        .addClass(CurrentSpan.class)
        .addAsManifestResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" "
            + "bean-discovery-mode=\"all\"></beans>"), "beans.xml")
        .addAsServiceProvider(Extension.class, ScouterExtension.class, ScouterJaxrsExtension.class);
  }

  @Inject
  GreetingBean greeting;

  @Inject
  ScouterTracer tracer;

  @Inject
  CurrentSpan currentSpan;

  @Inject
  @Readiness
  Instance<HealthCheck> readinessChecks;

  @Test
  void tracedBeanInABeanArchiveWithDiscoveryAll_oneSpanPerCall() {
    TestExporter.EXPORTER.clear();
    try (var outer = tracer.startAsCurrentSpan("request")) {
      currentSpan.setTag("user", "u1");
      assertThat(greeting.greet("world")).isEqualTo("hello world");
    }
    assertThat(TestExporter.EXPORTER.spans()).extracting(TraceSpanRecord::spanName)
        .containsExactly("GreetingBean.greet", "request");
    TraceSpanRecord greet = TestExporter.EXPORTER.span("GreetingBean.greet");
    assertThat(greet.parentSpanId()).isEqualTo(TestExporter.EXPORTER.span("request").spanId());
    assertThat(greet.input().get("name").asText()).isEqualTo("world");
    assertThat(TestExporter.EXPORTER.span("request").attribute("user")).isEqualTo("u1");
  }

  @Test
  void theReadinessCheckIsOneBeanThoughItsClassIsAlsoInTheArchive() {
    assertThat(readinessChecks.handlesStream().map(h -> h.getBean().getBeanClass().getSimpleName()))
        .containsExactly("ScouterReadinessCheck");
  }
}
