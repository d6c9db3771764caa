package io.scouter.it.payara;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.it.support.OpenTelemetryLinkage;
import io.scouter.it.support.RuntimeSdkContract;
import io.scouter.it.support.ThreadHopContract;
import io.scouter.it.support.RuntimeSdkWar;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Runtime SDK mode on Payara Micro with the WAR of {@link RuntimeSdkWar}: parent-first (no {@code glassfish-web.xml}),
 * no OpenTelemetry jars, and {@code otel.sdk.disabled=false}, {@code otel.traces.exporter=scouter},
 * {@code otel.propagators=tracecontext,baggage,scouter} in the WAR's MicroProfile Config. Payara builds the
 * application's SDK (OpenTelemetry 1.29) in {@code AfterDeploymentValidation} with the application's class loader,
 * loads our exporter and propagator from {@code WEB-INF/lib}, creates the JAX-RS SERVER spans and the Jersey CLIENT
 * span, and our {@code @Traced} spans are their children in one trace. Nothing is set JVM-wide except
 * {@code otel.service.name} (and the Scouter keys), so Payara's default web module stays without an SDK.
 */
class PayaraRuntimeSdkIT extends RuntimeSdkContract implements ThreadHopContract {

  @Override
  protected String serviceName() {
    return "it-payara-runtime-tracer";
  }

  @Override
  protected String otelServiceName() {
    return "it-payara-runtime";
  }

  @Override
  protected Path war() {
    return PayaraMicro.IT_DIR.resolve("sample-runtime-sdk.war");
  }

  @Override
  protected Started start(Settings settings) throws Exception {
    RuntimeSdkWar.make(PayaraMicro.IT_DIR.resolve("sample.war"), war());
    return PayaraMicro.start("payara-runtime-sdk", war(), settings, Map.of("otel.service.name", otelServiceName()));
  }

  /** Payara's {@code MICRO-INF/runtime/opentelemetry-repackaged.jar}; parent-first, every package is visible. */
  @Override
  protected OpenTelemetryLinkage runtimeOpenTelemetry() throws Exception {
    Path jar = PayaraMicro.IT_DIR.resolve("opentelemetry-repackaged.jar");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(PayaraMicro.IT_DIR.resolve("payara-micro.jar")))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null;) {
        if (e.getName().equals("MICRO-INF/runtime/opentelemetry-repackaged.jar")) {
          Files.copy((InputStream) in, jar, StandardCopyOption.REPLACE_EXISTING);
          return OpenTelemetryLinkage.of(jar, pkg -> true);
        }
      }
    }
    throw new AssertionError("no MICRO-INF/runtime/opentelemetry-repackaged.jar in payara-micro.jar");
  }

  @Override
  protected String openTelemetryVersion() {
    return "1.29.0";
  }

  @Override
  protected String runtimeCopy() {
    return "opentelemetry-repackaged";
  }

  @Override
  protected String statusCodeAttribute() {
    return "http.status_code";
  }

  @Override
  protected String clientUrlAttribute() {
    return "http.url";
  }

  @Override
  protected String applicationLog() {
    return started.process().logText();
  }

  /** No SEVERE line at all: Payara's default web module gets no SDK, the application's SDK builds cleanly. */
  @Test
  void payaraLogHasNoSevereLine() {
    assertThat(started.process().logText().lines().filter(l -> l.contains("SEVERE")).toList()).isEmpty();
  }
}
