package io.scouter.quarkus.deployment;

import io.quarkus.deployment.IsNormal;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CuratedApplicationShutdownBuildItem;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem.RunningDevService;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import io.scouter.devserver.ScouterDevServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Dev Services for Scouter: in dev and test mode, when the application names no Scouter server, starts the dev server of
 * {@code scouter-dev-server} (HTTP ingestion, JSON API, trace page) on a free loopback port and points
 * {@code scouter.http.uri} at it. The server lives in the build's class loader, so a live reload keeps it (and its
 * traces); it stops with the application (the end of {@code quarkus dev} or of a test run).
 */
public class ScouterDevServicesProcessor {
  private static final Logger LOG = Logger.getLogger(ScouterDevServicesProcessor.class);
  static final String NAME = "scouter-dev-server";
  /** The keys that name a Scouter server; any of them set means no dev server. */
  static final List<String> SERVER_KEYS = List.of("scouter.http.uri", "scouter.grpc.uri", "scouter.kafka.brokers");
  /** Spans reach the dev server's page within half a second in dev mode (unless the application sets the delay). */
  static final String DEV_SCHEDULED_DELAY_MS = "500";

  /** The running dev server, kept across live reloads (this class belongs to the build, not the application). */
  private static volatile RunningDevService devService;
  private static volatile ScouterDevServer server;
  private static volatile boolean closeTaskAdded;

  @BuildStep(onlyIfNot = IsNormal.class, onlyIf = DevServicesConfig.Enabled.class)
  DevServicesResultBuildItem start(ScouterBuildTimeConfig buildConfig, CuratedApplicationShutdownBuildItem shutdown,
      BuildProducer<ScouterDevServerBuildItem> devServer) {
    Optional<String> reason = reasonNotToStart(buildConfig, ConfigProvider.getConfig());
    if (reason.isPresent()) {
      stop();
      LOG.debugf("Dev Services for Scouter not started: %s", reason.get());
      return null;
    }
    if (devService == null) {
      ScouterDevServer started = ScouterDevServer.builder().host("127.0.0.1").port(0).build();
      String url = started.httpUri().toString();
      Map<String, String> config = new LinkedHashMap<>();
      config.put("scouter.http.uri", url);
      if (ConfigProvider.getConfig().getOptionalValue("scouter.batch.scheduled-delay-ms", String.class).isEmpty()) {
        config.put("scouter.batch.scheduled-delay-ms", DEV_SCHEDULED_DELAY_MS);
      }
      server = started;
      devService = new RunningDevService(NAME, null, started::close, config);
      LOG.infof("Dev Services for Scouter started the Scouter dev server at %s (trace page %s/, spans sent there: "
          + "scouter.http.uri=%s)", url, url, url);
    }
    if (!closeTaskAdded) {
      closeTaskAdded = true;
      shutdown.addCloseTask(() -> {
        stop();
        closeTaskAdded = false;
      }, true);
    }
    devServer.produce(new ScouterDevServerBuildItem(server.httpUri().toString()));
    return devService.toBuildItem();
  }

  /** Why no dev server is wanted, if so: switched off, or a server configured. */
  static Optional<String> reasonNotToStart(ScouterBuildTimeConfig buildConfig, Config config) {
    if (!buildConfig.devservices().enabled()) {
      return Optional.of("quarkus.scouter.devservices.enabled=false");
    }
    if (!config.getOptionalValue("scouter.enabled", String.class).map(v -> !v.trim().equalsIgnoreCase("false"))
        .orElse(true)) {
      return Optional.of("scouter.enabled=false");
    }
    String transport = config.getOptionalValue("scouter.transport", String.class).map(String::trim).orElse("http");
    if (!transport.equalsIgnoreCase("http")) {
      return Optional.of("scouter.transport=" + transport);
    }
    ScouterDevServer running = server;
    String ours = running == null ? null : running.httpUri().toString();
    for (String key : SERVER_KEYS) {
      // after a live reload the application's config also holds the URI this class handed out: not a server of its own
      if (config.getOptionalValue(key, String.class).filter(v -> !v.isBlank() && !v.trim().equals(ours)).isPresent()) {
        return Optional.of(key + " is set");
      }
    }
    String env = System.getenv("SCOUTER_SERVER_URI");
    if (env != null && !env.isBlank()) {
      return Optional.of("SCOUTER_SERVER_URI is set");
    }
    return Optional.empty();
  }

  private static synchronized void stop() {
    RunningDevService running = devService;
    devService = null;
    server = null;
    if (running != null) {
      try {
        running.close();
        LOG.info("Dev Services for Scouter stopped the Scouter dev server");
      } catch (java.io.IOException e) {
        LOG.warn("Could not stop the Scouter dev server", e);
      }
    }
  }
}
