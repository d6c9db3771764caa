package io.scouter.it.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The sample WAR packaged for runtime SDK mode, as {@code integration-tests/README.md} tells users to package theirs:
 * <ul>
 *   <li>no OpenTelemetry jars in {@code WEB-INF/lib} ({@code packagingExcludes=WEB-INF/lib/opentelemetry-*.jar}), so
 *       the application sees one copy of OpenTelemetry, the runtime's;</li>
 *   <li>no {@code WEB-INF/glassfish-web.xml}: Payara's default parent-first delegation, which lets the application
 *       see Payara's OpenTelemetry (Open Liberty needs {@code apiTypeVisibility="+third-party"} in server.xml
 *       instead);</li>
 *   <li>{@link #OTEL_KEYS} added to {@code META-INF/microprofile-config.properties}: the runtime builds an SDK for this
 *       application, with the application's class loader, so it finds the {@code scouter} exporter and propagator
 *       in {@code WEB-INF/lib}.</li>
 * </ul>
 */
public final class RuntimeSdkWar {
  /** The application's MicroProfile Config file inside the WAR. */
  public static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";
  /** What the WAR leaves out. */
  public static final Pattern LEFT_OUT =
      Pattern.compile("WEB-INF/lib/opentelemetry-[^/]*\\.jar|WEB-INF/glassfish-web\\.xml");
  /** The keys added to the application's MicroProfile Config. */
  public static final String OTEL_KEYS = """

      # runtime SDK mode: the runtime's MicroProfile Telemetry SDK for this application, exporting to Scouter
      otel.sdk.disabled=false
      otel.traces.exporter=scouter
      otel.propagators=tracecontext,baggage,scouter
      otel.metrics.exporter=none
      otel.logs.exporter=none
      # tests only: the runtime's batch processor hands spans over after 100 ms (default 5000)
      otel.bsp.schedule.delay=100
      """;

  private RuntimeSdkWar() {}

  /** Makes {@code target} from the sample WAR {@code war}. @return {@code target} */
  public static Path make(Path war, Path target) throws IOException {
    String config = Wars.entry(war, CONFIG);
    if (config == null) {
      throw new IllegalStateException("no " + CONFIG + " in " + war);
    }
    return Wars.transform(war, target, name -> LEFT_OUT.matcher(name).matches(), Map.of(CONFIG, config + OTEL_KEYS));
  }
}
