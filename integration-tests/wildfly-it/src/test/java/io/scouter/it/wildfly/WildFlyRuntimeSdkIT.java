package io.scouter.it.wildfly;

import io.scouter.it.support.OpenTelemetryLinkage;
import io.scouter.it.support.RuntimeSdkContract;
import io.scouter.it.support.RuntimeSdkWar;
import io.scouter.it.support.ThreadHopContract;
import io.scouter.it.support.Wars;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Runtime SDK mode on WildFly's {@code standalone-microprofile.xml} with the WAR of {@link RuntimeSdkWar} (no
 * OpenTelemetry jars, {@code otel.sdk.disabled=false}, {@code otel.traces.exporter=scouter},
 * {@code otel.propagators=tracecontext,baggage,scouter} in its MicroProfile Config) and without the sample's
 * {@code jboss-deployment-structure.xml}: the {@code microprofile-telemetry} subsystem builds the application's SDK
 * (SmallRye OpenTelemetry on OpenTelemetry 1.48) from the application's config with the application's class loader,
 * loads our exporter and propagator from {@code WEB-INF/lib}, creates the JAX-RS SERVER and CLIENT spans, and our
 * {@code @Traced} spans are their children in one trace; the thread hops of {@link ThreadHopContract} as in own-SDK
 * mode.
 */
class WildFlyRuntimeSdkIT extends RuntimeSdkContract implements ThreadHopContract {

  @Override
  protected String serviceName() {
    return "it-wildfly-runtime-tracer";
  }

  @Override
  protected String otelServiceName() {
    return "it-wildfly-runtime";
  }

  @Override
  protected Path war() {
    return WildFly.IT_DIR.resolve("sample-runtime-sdk.war");
  }

  @Override
  protected Started start(Settings settings) throws Exception {
    Path runtimeSdk = RuntimeSdkWar.make(WildFly.IT_DIR.resolve("sample.war"),
        WildFly.IT_DIR.resolve("sample-runtime-sdk-with-descriptor.war"));
    // the subsystems the own-SDK descriptor excludes are the runtime SDK
    Wars.transform(runtimeSdk, war(), "WEB-INF/jboss-deployment-structure.xml"::equals, Map.of());
    return WildFly.start("wildfly-runtime-sdk", WildFly.MICROPROFILE, war(), settings,
        Map.of("otel.service.name", otelServiceName()));
  }

  @Override
  protected List<String> logProblems() {
    List<String> all = new ArrayList<>(super.logProblems());
    all.addAll(WildFly.problems(started.process()));
    return all;
  }

  /** The jars of WildFly's {@code io.opentelemetry.*} modules, merged into one (first entry of a name wins). */
  @Override
  protected OpenTelemetryLinkage runtimeOpenTelemetry() throws Exception {
    Path merged = WildFly.IT_DIR.resolve("wildfly-opentelemetry-modules.jar");
    Set<String> seen = new HashSet<>();
    try (Stream<Path> jars = Files.walk(WildFly.HOME.resolve("modules/system/layers/base/io/opentelemetry"));
        OutputStream file = Files.newOutputStream(merged);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
          for (ZipEntry e : zip.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
            if (seen.add(e.getName())) {
              out.putNextEntry(new ZipEntry(e.getName()));
              zip.getInputStream(e).transferTo(out);
              out.closeEntry();
            }
          }
        }
      }
    }
    return OpenTelemetryLinkage.of(merged, pkg -> true);
  }

  @Override
  protected String openTelemetryVersion() {
    return "1.48.0";
  }

  @Override
  protected String runtimeCopy() {
    return "/modules/system/layers/base/io/opentelemetry/";
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
  protected String applicationLog() {
    return started.process().logText();
  }
}
