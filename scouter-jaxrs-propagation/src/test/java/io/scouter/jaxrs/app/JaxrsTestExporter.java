package io.scouter.jaxrs.app;

import io.scouter.cdi.TracerConfigCustomizer;
import io.scouter.testkit.TestSpanExporter;
import io.scouter.tracing.TracerConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends the tracer's spans to one shared {@link TestSpanExporter} (each span exported as it ends). */
@ApplicationScoped
public class JaxrsTestExporter implements TracerConfigCustomizer {
  public static final TestSpanExporter EXPORTER = new TestSpanExporter();

  @Override
  public void customize(TracerConfig.Builder builder) {
    builder.exporter(EXPORTER);
  }
}
