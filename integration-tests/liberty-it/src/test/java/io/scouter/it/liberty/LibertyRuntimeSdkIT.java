package io.scouter.it.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.it.support.OpenTelemetryLinkage;
import io.scouter.it.support.RuntimeSdkContract;
import io.scouter.it.support.ThreadHopContract;
import io.scouter.it.support.RuntimeSdkWar;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runtime SDK mode on Open Liberty with {@code mpTelemetry-2.0} ({@code src/test/liberty/servers/mptelemetry-runtime}:
 * the third-party API visible to the application) and the WAR of {@link RuntimeSdkWar} (no OpenTelemetry jars,
 * {@code otel.sdk.disabled=false}, {@code otel.traces.exporter=scouter},
 * {@code otel.propagators=tracecontext,baggage,scouter} in its MicroProfile Config): Liberty builds the application's
 * SDK with the application's class loader, loads our exporter and propagator from {@code WEB-INF/lib}, creates the
 * JAX-RS SERVER spans and the CLIENT span of the plain {@code ClientBuilder} client, and our {@code @Traced} spans are
 * their children in one trace. {@code otel.service.name} comes from the environment ({@code OTEL_SERVICE_NAME}).
 */
class LibertyRuntimeSdkIT extends RuntimeSdkContract implements ThreadHopContract {
  private static final String VARIANT = "mptelemetry-runtime";

  /** Also with MicroProfile Telemetry's SDK on, Liberty's default context service leaves the trace behind. */
  @Override
  public boolean defaultContextServicePropagatesTheTrace() {
    return false;
  }

  @Override
  protected String serviceName() {
    return "it-liberty-runtime-tracer";
  }

  @Override
  protected String otelServiceName() {
    return "it-liberty-runtime";
  }

  @Override
  protected Path war() {
    return Liberty.IT_DIR.resolve("sample-runtime-sdk.war");
  }

  @Override
  protected Started start(Settings settings) throws Exception {
    RuntimeSdkWar.make(Liberty.IT_DIR.resolve("sample.war"), war());
    return Liberty.start(VARIANT, VARIANT, war(), settings, Map.of("OTEL_SERVICE_NAME", otelServiceName()));
  }

  /**
   * Liberty's bundle {@code io.openliberty.io.opentelemetry.2.0.jakarta}, of which applications see only the packages
   * the feature declares as API ({@code IBM-API-Package} of {@code io.openliberty.mpTelemetry-2.0.mf}).
   */
  @Override
  protected OpenTelemetryLinkage runtimeOpenTelemetry() throws Exception {
    Manifest feature;
    try (InputStream in = Files.newInputStream(Liberty.WLP.resolve("lib/features/io.openliberty.mpTelemetry-2.0.mf"))) {
      feature = new Manifest(in);
    }
    Set<String> api = Arrays.stream(feature.getMainAttributes().getValue("IBM-API-Package").split(","))
        .map(p -> p.split(";")[0].trim()).collect(Collectors.toSet());
    Path bundle;
    try (Stream<Path> libs = Files.list(Liberty.WLP.resolve("lib"))) {
      bundle = libs.filter(p -> p.getFileName().toString().startsWith("io.openliberty.io.opentelemetry.2.0.jakarta_"))
          .findFirst().orElseThrow();
    }
    return OpenTelemetryLinkage.of(bundle, api::contains);
  }

  @Override
  protected String openTelemetryVersion() {
    return "1.39.0";
  }

  @Override
  protected String runtimeCopy() {
    return "io.openliberty.io.opentelemetry.2.0.jakarta";
  }

  /** Liberty's bundle class loader answers with bundle URLs. */
  @Override
  protected String runtimeCopyResource() {
    return "bundleresource:";
  }

  @Override
  protected String statusCodeAttribute() {
    return "http.response.status_code";
  }

  @Override
  protected String clientUrlAttribute() {
    return "url.full";
  }

  @Override
  protected String applicationLog() throws Exception {
    return Files.readString(Liberty.messagesLog(VARIANT), StandardCharsets.UTF_8);
  }

  @Override
  protected List<String> logProblems() {
    List<String> all = new ArrayList<>(super.logProblems());
    try {
      all.addAll(Liberty.problems(VARIANT));
    } catch (java.io.IOException e) {
      all.add(e.toString());
    }
    return all;
  }

  /** Application mode of mpTelemetry-2.0 (the SDK is switched on by the application, not server-wide). */
  @Test
  void libertyBuildsTheApplicationsSdk() throws Exception {
    assertThat(applicationLog()).containsPattern("CWWKF0012I: .*mpTelemetry-2.0")
        .doesNotContain("CWMOT5002E");
  }
}
