package io.scouter.it.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The same WAR on Open Liberty with {@code mpTelemetry-2.0} added ({@code src/test/liberty/servers/mptelemetry}):
 * coexistence. MicroProfile Telemetry stays at its default ({@code otel.sdk.disabled=true}); the application still runs
 * on its own OpenTelemetry 1.62, the whole contract holds (one trace, each span once) and messages.log has no error.
 */
class LibertyMpTelemetryIT extends LibertyIT {

  @Override
  protected String variant() {
    return "mptelemetry";
  }

  @Override
  protected String config() {
    return "mptelemetry";
  }

  /**
   * Liberty's OpenTelemetry 1.39 packages are "third-party" API, hidden from applications by default: the WAR sees
   * only its own copy, and no {@code OpenTelemetry} bean of a type it could inject.
   */
  @Override
  protected void checkOpenTelemetryVisibility(JsonNode diag) {
    assertTheApplicationsOwnApiAndSdk(diag);
    assertThat(diag.at("/classes/io.opentelemetry.instrumentation.annotations.WithSpan/visible").asBoolean())
        .isFalse();
    assertThat(diag.at("/openTelemetryBeans").findValues("typeFromApplication"))
        .allSatisfy(v -> assertThat(v.asBoolean()).isFalse());
    assertOnlyTheApplicationsCopy(diag);
  }

  @Test
  void mpTelemetryFeatureIsActive() throws Exception {
    String log = Files.readString(Liberty.messagesLog(variant()));
    assertThat(log).containsPattern("CWWKF0012I: .*mpTelemetry-2.0");
  }
}
