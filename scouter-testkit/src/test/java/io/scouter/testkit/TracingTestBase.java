package io.scouter.testkit;

import io.scouter.tracing.MockConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TracerConfig;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The conftest of Scouter's Python tests: a fresh provider per test with the mock transport and a
 * {@link TestSpanExporter} that exports each span as it ends; shut down after each test.
 */
abstract class TracingTestBase {
  static final String SERVICE = "test-service";

  TestSpanExporter exporter;
  ScouterTracer tracer;

  @BeforeEach
  void initTracer() {
    init(UnaryOperator.identity());
  }

  @AfterEach
  void shutdownTracer() {
    ScouterTracing.shutdown();
  }

  /** Replaces the provider with one built from the default test config, adjusted by {@code customize}. */
  ScouterTracer init(UnaryOperator<TracerConfig.Builder> customize) {
    ScouterTracing.shutdown();
    exporter = new TestSpanExporter();
    TracerConfig config = customize.apply(TracerConfig.builder().serviceName(SERVICE).transport(new MockConfig())
        .exporter(exporter)).build();
    tracer = ScouterTracing.initTracer(config);
    return tracer;
  }
}
