package io.scouter.demo.otel;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.scouter.devserver.ScouterDevServer;
import io.scouter.tracing.otlp.OtlpReceiver;
import java.util.Map;

/** Starts the two backends before Quarkus: a Scouter dev server and the real npm OTLP receiver. */
public class Backends implements QuarkusTestResourceLifecycleManager {
  static volatile ScouterDevServer scouter;
  static volatile OtlpReceiver otlp;

  @Override
  public Map<String, String> start() {
    scouter = ScouterDevServer.start();
    otlp = OtlpReceiver.start();
    String traces = otlp.httpTracesUrl();
    return Map.of("scouter.http.uri", scouter.httpUri().toString(),
        "quarkus.otel.exporter.otlp.traces.endpoint", traces.substring(0, traces.length() - "/v1/traces".length()));
  }

  @Override
  public void stop() {
    if (otlp != null) {
      otlp.close();
    }
    if (scouter != null) {
      scouter.close();
    }
  }
}
