package io.scouter.quarkus.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Build-time configuration of the Scouter extension ({@code quarkus.scouter.*}). */
@ConfigMapping(prefix = "quarkus.scouter")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface ScouterBuildTimeConfig {
  /** Dev Services for Scouter. */
  DevServices devservices();

  /** Dev Services for Scouter: a Scouter dev server in dev and test mode. */
  interface DevServices {
    /**
     * Whether a Scouter dev server is started in dev and test mode when no Scouter server is configured
     * ({@code scouter.http.uri}, {@code scouter.grpc.uri} and {@code scouter.kafka.brokers} unset, transport
     * {@code http}). It listens on a free loopback port, the application's {@code scouter.http.uri} points at it, and
     * its trace page is in the Dev UI.
     */
    @WithDefault("true")
    boolean enabled();
  }
}
