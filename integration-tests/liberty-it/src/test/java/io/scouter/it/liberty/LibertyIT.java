package io.scouter.it.liberty;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.it.support.ExporterHealthContract;
import io.scouter.it.support.SampleAppContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sample WAR on Open Liberty with {@code cdi-4.0}, {@code restfulWS-3.1}, {@code restfulWSClient-3.1} and
 * {@code mpConfig-3.1} ({@code src/test/liberty/servers/plain}).
 */
class LibertyIT extends SampleAppContract implements ExporterHealthContract {

  /** The server name (and directory under {@code wlp/usr/servers}). */
  protected String variant() {
    return "plain";
  }

  /** The server.xml directory under {@code src/test/liberty/servers}. */
  protected String config() {
    return "plain";
  }

  /** More environment variables for the server (MicroProfile Config keys). */
  protected Map<String, String> env() {
    return Map.of();
  }

  @Override
  protected String serviceName() {
    return "it-liberty-" + variant();
  }

  @Override
  protected Started start(Settings settings) throws Exception {
    return Liberty.start(variant(), config(), settings, env());
  }

  /** Liberty's default context service leaves third-party context (ours) unchanged: the pool thread's stays. */
  @Override
  public boolean defaultContextServicePropagatesTheTrace() {
    return false;
  }

  @Override
  protected List<String> logProblems() {
    List<String> all = new ArrayList<>(super.logProblems());
    try {
      all.addAll(Liberty.problems(variant()));
    } catch (java.io.IOException e) {
      all.add(e.toString());
    }
    return all;
  }

  /** Without MicroProfile Telemetry Liberty has no OpenTelemetry: everything comes from WEB-INF/lib. */
  @Override
  protected void checkOpenTelemetryVisibility(JsonNode diag) {
    assertOnlyTheApplicationsOpenTelemetry(diag);
  }
}
