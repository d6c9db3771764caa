package io.scouter.it.arquillian;

import io.scouter.cdi.TracerConfigCustomizer;
import io.scouter.testkit.TestSpanExporter;
import io.scouter.tracing.TracerConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends the tracer's spans to one shared {@link TestSpanExporter} that tests read. */
@ApplicationScoped
public class TestExporter implements TracerConfigCustomizer {
  public static final TestSpanExporter EXPORTER = new TestSpanExporter();

  @Override
  public void customize(TracerConfig.Builder builder) {
    builder.exporter(EXPORTER);
  }
}
