package io.scouter.demo;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.scouter.devserver.ScouterDevServer;
import java.util.Map;

/** Starts a Scouter dev server on a free port before Quarkus and points the service at it. */
public class DevServerResource implements QuarkusTestResourceLifecycleManager {
  static volatile ScouterDevServer scouter;

  @Override
  public Map<String, String> start() {
    scouter = ScouterDevServer.start();
    return Map.of("scouter.http.uri", scouter.httpUri().toString());
  }

  @Override
  public void stop() {
    if (scouter != null) {
      scouter.close();
    }
  }
}
