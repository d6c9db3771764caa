package io.scouter.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.tracing.TraceSpanRecord;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;

/** A {@code @Traced} method's record argument and result: their secret components are redacted by name. */
@EnableAutoWeld
@AddExtensions(ScouterExtension.class)
@AddBeanClasses({SessionService.class, TestExporter.class})
class NestedRedactionCdiTest {
  @Inject
  SessionService sessions;

  @Test
  void secretComponentsOfArgumentsAndResultsAreRedacted() {
    TestExporter.EXPORTER.clear();
    assertThat(sessions.login(new SessionService.LoginRequest("bob", "hunter2")).accessToken()).isEqualTo("tok-7");
    TraceSpanRecord span = TestExporter.EXPORTER.awaitSpans(1, Duration.ofSeconds(5)).get(0);
    assertThat(span.input().toString()).isEqualTo("{\"request\":{\"password\":\"[redacted]\",\"user\":\"bob\"}}");
    assertThat(span.output().toString()).isEqualTo("{\"accessToken\":\"[redacted]\",\"user\":\"bob\"}");
    assertThat(span.attributes().toString()).doesNotContain("hunter2").doesNotContain("tok-7");
  }
}
