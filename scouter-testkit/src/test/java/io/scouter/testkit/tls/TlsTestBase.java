package io.scouter.testkit.tls;

import io.scouter.testkit.SelfSignedCertificate;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TracerConfig;
import io.scouter.tracing.TransportConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the TLS transport tests share: the server's self-signed certificate and another one the client may wrongly
 * trust (both generated once per class), a tracer that exports only on flush, and two spans to send.
 */
abstract class TlsTestBase {
  @TempDir
  static Path dir;
  static SelfSignedCertificate serverCert;
  static SelfSignedCertificate otherCert;

  @BeforeAll
  static void certificates() {
    serverCert = SelfSignedCertificate.generate(dir);
    otherCert = SelfSignedCertificate.generate(dir);
  }

  static ScouterTracer init(String serviceName, TransportConfig transport) {
    return ScouterTracing.initTracer(TracerConfig.builder().serviceName(serviceName).transport(transport)
        .batchConfig(BatchConfig.builder().scheduledDelayMs(60_000).build()).shutdownHook(false).build());
  }

  /** A root span and its child; their ids. */
  static List<String> twoSpans(ScouterTracer tracer, String name) {
    try (ActiveSpan root = tracer.startAsCurrentSpan(name)) {
      try (ActiveSpan child = tracer.startAsCurrentSpan(name + "-child")) {
        child.setInput("hello");
        return List.of(root.spanId(), child.spanId());
      }
    }
  }
}
