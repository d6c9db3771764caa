package io.scouter.it.sample;

import io.scouter.it.sample.probe.ProbeSpanExporterProvider;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What the application sees of OpenTelemetry on this server, for the integration tests' classloading checks and for
 * people investigating a runtime: which copy of each OpenTelemetry class the WAR loads (its own from
 * {@code WEB-INF/lib} or the server's), their versions, the runtime's {@code OpenTelemetry} CDI bean, and whether the
 * server's SDK used the probe exporter provider of {@code WEB-INF/lib}. Excluded from tracing
 * ({@code scouter.jaxrs.exclude-paths}); also the readiness check of the tests.
 */
@Path("/diag")
public class DiagnosticsResource {
  private static final String[] CLASSES = {
      "io.opentelemetry.api.OpenTelemetry",
      "io.opentelemetry.context.Context",
      "io.opentelemetry.sdk.trace.SdkTracerProvider",
      "io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider",
      "io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk",
      "io.opentelemetry.instrumentation.annotations.WithSpan",
  };

  /** JSON; see the class comment. */
  @GET
  @Path("/otel")
  @Produces(MediaType.APPLICATION_JSON)
  public String otel() {
    ClassLoader app = DiagnosticsResource.class.getClassLoader();
    StringBuilder json = new StringBuilder("{\"classes\":{");
    for (int i = 0; i < CLASSES.length; i++) {
      json.append(i == 0 ? "" : ",").append(quote(CLASSES[i])).append(':').append(describe(CLASSES[i], app));
    }
    json.append("},\"apiVersion\":").append(quote(version(app, "io.opentelemetry.api.OpenTelemetry",
        "/io/opentelemetry/api/version.properties")));
    json.append(",\"sdkVersion\":").append(quote(version(app, "io.opentelemetry.sdk.trace.SdkTracerProvider",
        "/io/opentelemetry/sdk/common/version.properties")));
    json.append(",\"copies\":").append(copies(app));
    json.append(",\"openTelemetryBeans\":").append(openTelemetryBeans());
    json.append(",\"otelSdkDisabled\":").append(quote(ConfigProvider.getConfig()
        .getOptionalValue("otel.sdk.disabled", String.class).orElse(null)));
    json.append(",\"probe\":{\"created\":").append(ProbeSpanExporterProvider.created())
        .append(",\"exportedSpans\":").append(ProbeSpanExporterProvider.exportedSpanNames().size())
        .append(",\"names\":").append(list(ProbeSpanExporterProvider.exportedSpanNames())).append("}}");
    return json.toString();
  }

  private static String describe(String name, ClassLoader app) {
    try {
      Class<?> c = Class.forName(name, false, app);
      CodeSource cs = c.getProtectionDomain() == null ? null : c.getProtectionDomain().getCodeSource();
      URL where = cs == null ? null : cs.getLocation();
      return "{\"visible\":true,\"fromApplication\":" + (c.getClassLoader() == app) + ",\"loader\":"
          + quote(String.valueOf(c.getClassLoader()).lines().findFirst().orElse("")) + ",\"source\":"
          + quote(String.valueOf(where)) + "}";
    } catch (ClassNotFoundException | LinkageError e) {
      return "{\"visible\":false,\"error\":" + quote(e.toString()) + "}";
    }
  }

  private static String version(ClassLoader app, String className, String resource) {
    try {
      Class<?> c = Class.forName(className, false, app);
      try (InputStream in = c.getResourceAsStream(resource)) {
        if (in == null) {
          return null;
        }
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("sdk.version");
      }
    } catch (Exception | LinkageError e) {
      return null;
    }
  }

  /** Every CDI bean with a type named io.opentelemetry.api.OpenTelemetry, whichever class loader defined that type. */
  private static String openTelemetryBeans() {
    BeanManager bm = CDI.current().getBeanManager();
    List<String> found = new ArrayList<>();
    for (Bean<?> bean : bm.getBeans(Object.class, Any.Literal.INSTANCE)) {
      for (Type t : bean.getTypes()) {
        if (t instanceof Class<?> c && c.getName().equals("io.opentelemetry.api.OpenTelemetry")) {
          found.add("{\"beanClass\":" + quote(bean.getBeanClass().getName()) + ",\"typeFromApplication\":"
              + (c.getClassLoader() == DiagnosticsResource.class.getClassLoader()) + ",\"typeVisibleToApplication\":"
              + (c == visible(c.getName())) + ",\"typeLoader\":"
              + quote(String.valueOf(c.getClassLoader()).lines().findFirst().orElse("")) + "}");
        }
      }
    }
    return "[" + String.join(",", found) + "]";
  }

  /** The class the application loads by that name, or {@code null}. */
  private static Class<?> visible(String name) {
    try {
      return Class.forName(name, false, DiagnosticsResource.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /**
   * Every copy of a few OpenTelemetry classes reachable through the application's class loader (its parents' and
   * {@code WEB-INF/lib}'s): one entry per class file found, whichever copy wins.
   */
  private static String copies(ClassLoader app) {
    StringBuilder json = new StringBuilder("{");
    String[] files = {"io/opentelemetry/api/OpenTelemetry.class", "io/opentelemetry/context/Context.class",
        "io/opentelemetry/sdk/trace/SdkTracerProvider.class"};
    for (int i = 0; i < files.length; i++) {
      List<String> found = new ArrayList<>();
      try {
        for (java.util.Enumeration<URL> e = app.getResources(files[i]); e.hasMoreElements();) {
          found.add(e.nextElement().toString());
        }
      } catch (java.io.IOException e) {
        found.add("error: " + e);
      }
      json.append(i == 0 ? "" : ",").append(quote(files[i])).append(':').append(list(found));
    }
    return json.append('}').toString();
  }

  private static String list(List<String> values) {
    List<String> quoted = new ArrayList<>();
    values.forEach(v -> quoted.add(quote(v)));
    return "[" + String.join(",", quoted) + "]";
  }

  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (ch < 0x20) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
