package io.scouter.demo;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scouter.devserver.ScouterDevServer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the Scouter dev server of {@code scouter-dev-server} (ingestion stand-in with a JSON API and the trace page)
 * inside the gateway, on
 * {@code demo.dev-server.port} (8000, where {@code scouter.http.uri} of both services points), unless something
 * already listens there (a real Scouter server, or another gateway) or {@code demo.dev-server.enabled=false}.
 */
@ApplicationScoped
public class DevServerLauncher {
  private static final Logger LOG = Logger.getLogger(DevServerLauncher.class.getName());

  @ConfigProperty(name = "demo.dev-server.enabled", defaultValue = "true")
  boolean enabled;

  @ConfigProperty(name = "demo.dev-server.port", defaultValue = "8000")
  int port;

  @ConfigProperty(name = "demo.dev-server.host", defaultValue = "127.0.0.1")
  String host;

  private ScouterDevServer server;

  void start(@Observes @Priority(1) StartupEvent event) {
    if (!enabled) {
      return;
    }
    if (listening(host, port)) {
      LOG.info("Something already listens on " + host + ":" + port + "; not starting the Scouter dev server");
      return;
    }
    server = ScouterDevServer.builder().host(host).port(port).build();
    LOG.info("Scouter dev server listening on " + server.httpUri() + " (trace page: " + server.httpUri()
        + "/, JSON: " + server.httpUri() + "/scouter/dev/traces)");
  }

  void stop(@Observes ShutdownEvent event) {
    if (server != null) {
      // let the services' last exports arrive first
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server.close();
    }
  }

  private static boolean listening(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
