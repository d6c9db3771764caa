package io.scouter.it.arquillian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.cdi.CurrentSpan;
import io.scouter.cdi.ScouterExtension;
import io.scouter.jaxrs.ScouterJaxrsExtension;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.TraceSpanRecord;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;

/**
 * An application bean archive deployed next to the Scouter jars the way a server does it: the application's classes
 * and its {@code beans.xml} in the archive, the library jars (no {@code beans.xml}) on the class path, their portable
 * extensions ({@code ScouterExtension}, {@code ScouterJaxrsExtension}) registered as services. Subclasses choose the
 * discovery mode.
 */
abstract class ApplicationBeanArchiveContract {

  /** The application archive with {@code bean-discovery-mode=mode}. */
  static JavaArchive application(String mode) {
    return ShrinkWrap.create(JavaArchive.class, "app-" + mode + ".jar")
        .addClasses(Checkout.class, Cart.class, GreetingBean.class, TestExporter.class)
        .addAsManifestResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" "
            + "bean-discovery-mode=\"" + mode + "\"></beans>"), "beans.xml")
        .addAsServiceProvider(Extension.class, ScouterExtension.class, ScouterJaxrsExtension.class);
  }

  @Inject
  Checkout checkout;

  @Inject
  GreetingBean greeting;

  @Inject
  ScouterTracer tracer;

  @Inject
  CurrentSpan currentSpan;

  @Test
  void classLevelBindingTracesEachBusinessMethodOnceWithCapture() {
    TestExporter.EXPORTER.clear(); // in the test body: it runs in the container, with the deployment's classes
    try (var request = tracer.startAsCurrentSpan("request")) {
      assertThat(checkout.total(new Cart("ada", List.of(250, 100)))).isEqualTo(350);
      assertThat(checkout.ping()).isEqualTo("pong");
      assertThat(greeting.greet("world")).isEqualTo("hello world");
    }
    List<TraceSpanRecord> spans = TestExporter.EXPORTER.spans();
    assertThat(spans).extracting(TraceSpanRecord::spanName)
        .containsExactlyInAnyOrder("Checkout.total", "GreetingBean.greet", "request");
    TraceSpanRecord request = TestExporter.EXPORTER.span("request");
    TraceSpanRecord total = TestExporter.EXPORTER.span("Checkout.total");
    assertThat(total.parentSpanId()).isEqualTo(request.spanId());
    assertThat(total.input().toString()).isEqualTo("{\"cart\":{\"prices\":[250,100],\"user\":\"ada\"}}");
    assertThat(total.output().asInt()).isEqualTo(350);
    assertThat(total.attribute("scouter.tracing.label")).isEqualTo("checkout");
    assertThat(TestExporter.EXPORTER.span("GreetingBean.greet").parentSpanId()).isEqualTo(request.spanId());
  }

  @Test
  void asyncSpanEndsWhenTheStageCompletes() throws Exception {
    TestExporter.EXPORTER.clear(); // in the test body: it runs in the container, with the deployment's classes
    assertThat(checkout.totalAsync(new Cart("bo", List.of(5))).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isEqualTo(10);
    TestExporter.EXPORTER.awaitSpans(1, Duration.ofSeconds(5));
    TraceSpanRecord async = TestExporter.EXPORTER.span("total_async");
    assertThat(async.output().asInt()).isEqualTo(10);
    assertThat(async.durationMs()).isGreaterThanOrEqualTo(90);
    assertThat(TestExporter.EXPORTER.spans()).hasSize(1);
  }

  @Test
  void exceptionPropagatesAndTheSpanIsAnErrorWithOneEvent() {
    TestExporter.EXPORTER.clear(); // in the test body: it runs in the container, with the deployment's classes
    assertThatThrownBy(() -> checkout.fail("empty cart")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot check out: empty cart");
    TraceSpanRecord fail = TestExporter.EXPORTER.span("Checkout.fail");
    assertThat(fail.statusCode()).isEqualTo(2);
    assertThat(fail.statusMessage()).isEqualTo("IllegalArgumentException: cannot check out: empty cart");
    assertThat(fail.events()).extracting(TraceSpanRecord.SpanEventRecord::name).containsExactly("exception");
    assertThat(TestExporter.EXPORTER.spans()).hasSize(1);
  }

  @Test
  void currentSpanAndTracerAreInjectable() {
    TestExporter.EXPORTER.clear(); // in the test body: it runs in the container, with the deployment's classes
    try (var outer = tracer.startAsCurrentSpan("outer")) {
      currentSpan.setTag("user", "u1");
      assertThat(currentSpan.traceId()).isEqualTo(outer.traceId());
    }
    assertThat(TestExporter.EXPORTER.span("outer").attribute("user")).isEqualTo("u1");
  }
}
