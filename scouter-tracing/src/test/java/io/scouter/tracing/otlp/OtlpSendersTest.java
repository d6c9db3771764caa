package io.scouter.tracing.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The core brings only the JDK HTTP sender (no OkHttp): OTLP/gRPC needs a gRPC sender the application adds, and the
 * exporter says which when there is none. This test class path has the OkHttp sender (for the gRPC tests), so the
 * check runs the exporter in a class loader over the same class path without it, as an application has it.
 */
class OtlpSendersTest {

  @Test
  void grpcWithoutAGrpcSender_failsNamingTheArtifactToAdd() throws Exception {
    try (URLClassLoader app = new URLClassLoader(classPathWithout("opentelemetry-exporter-sender-okhttp"),
        ClassLoader.getPlatformClassLoader())) {
      assertThat(Class.forName("io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider", false, app))
          .as("the core's HTTP sender").isNotNull();
      Object exportConfig = call(invoke(app.loadClass("io.scouter.tracing.OtelExportConfig"), null, "builder"),
          "endpoint", "http://127.0.0.1:4317");
      exportConfig = call(exportConfig, "build");
      Object grpc = call(call(invoke(app.loadClass("io.scouter.tracing.GrpcSpanExporter"), null, "builder"),
          "exportConfig", exportConfig), "build");
      assertThatThrownBy(() -> call(grpc, "createSpanExporter")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("scouter.exporter=otlp-grpc")
          .hasMessageContaining("add io.opentelemetry:opentelemetry-exporter-sender-okhttp");
    }
  }

  private static URL[] classPathWithout(String excluded) throws MalformedURLException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      if (!entry.isEmpty() && !entry.contains(excluded)) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return urls.toArray(URL[]::new);
  }

  private static Object call(Object target, String method, Object... args) throws Exception {
    return invoke(target.getClass(), target, method, args);
  }

  /** Calls the public method {@code name} with that many arguments (static when {@code target} is null). */
  private static Object invoke(Class<?> type, Object target, String name, Object... args) throws Exception {
    for (java.lang.reflect.Method m : type.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length
          && (args.length == 0 || m.getParameterTypes()[0].isInstance(args[0]))) {
        try {
          m.setAccessible(true); // a public method may be declared by a package-private superclass
          return m.invoke(target, args);
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof Exception) {
            throw (Exception) e.getCause();
          }
          throw e;
        }
      }
    }
    throw new NoSuchMethodException(type.getName() + "." + name);
  }
}
