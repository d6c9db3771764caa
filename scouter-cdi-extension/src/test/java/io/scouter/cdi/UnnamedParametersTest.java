package io.scouter.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.devserver.ScouterDevServer;
import io.scouter.testkit.LogCapture;
import io.scouter.testkit.SystemConfig;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TraceSpanRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.InterceptorBinding;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bean compiled without {@code -parameters} (as a plain Maven or Gradle build does): its arguments are named
 * {@code arg0}, {@code arg1}, ... so redaction by name cannot see a {@code password}. By default no value that could be a
 * secret reaches the Scouter server, and one WARNING per class names the class and the fix; the opt-in key
 * {@code scouter.capture.unnamed-parameters=capture} captures them in clear. The bean is compiled here, by the JDK's
 * compiler, into a temporary directory, and deployed in Weld; spans travel over HTTP to the dev server.
 */
class UnnamedParametersTest {
  private static final String PASSWORD = "hunter2-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
  private static final String CLASS = "io.scouter.cdi.unnamed.LoginService";
  private static final String SOURCE = """
      package io.scouter.cdi.unnamed;

      import io.scouter.cdi.Traced;
      import jakarta.enterprise.context.ApplicationScoped;

      @ApplicationScoped
      @Traced
      public class LoginService {
        public record Credentials(String user, String password) {}

        public enum Mode { FAST, SAFE }

        public String login(String user, String password) {
          return "welcome " + user;
        }

        public String loginWith(Credentials credentials) {
          return credentials.user();
        }

        public int mixed(int count, long total, boolean flag, double score, Mode mode, java.time.Duration timeout,
            Integer boxed, java.math.BigDecimal amount, Object nothing, char[] pin, byte[] key, char initial,
            java.util.List<String> tokens, java.util.Map<String, String> headers, java.util.Optional<String> secret,
            java.util.UUID id, StringBuilder text) {
          return count;
        }
      }
      """;

  @TempDir
  static Path classes;

  private static URLClassLoader loader;
  private static Class<?> beanClass;
  private final SystemConfig config = new SystemConfig();

  @BeforeAll
  static void compileWithoutParameterNames() throws Exception {
    Path src = classes.resolve("src/io/scouter/cdi/unnamed/LoginService.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, SOURCE);
    String classPath = Stream.of(Traced.class, ApplicationScoped.class, InterceptorBinding.class, Inject.class)
        .map(UnnamedParametersTest::location).collect(Collectors.joining(java.io.File.pathSeparator));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    // no -parameters: what a build without maven.compiler.parameters produces
    int rc = javac.run(null, null, null, "--release", "17", "-proc:none", "-classpath", classPath, "-d",
        classes.resolve("out").toString(), src.toString());
    assertThat(rc).as("javac exit code").isZero();
    loader = new URLClassLoader(new URL[] {classes.resolve("out").toUri().toURL()},
        UnnamedParametersTest.class.getClassLoader());
    beanClass = loader.loadClass(CLASS);
    Method login = beanClass.getMethod("login", String.class, String.class);
    assertThat(login.getParameters()[1].isNamePresent()).as("compiled without parameter names").isFalse();
    assertThat(login.getParameters()[1].getName()).isEqualTo("arg1");
  }

  private static String location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  @AfterEach
  void reset() {
    config.close();
    ScouterTracing.shutdown();
  }

  private void set(String key, String value) {
    config.set(key, value);
  }

  /** Deploys the compiled bean (and a bean compiled with names) and calls each method twice. */
  private List<TraceSpanRecord> callTwice(ScouterDevServer server) throws Exception {
    set("scouter.transport", "http");
    set("scouter.http.uri", server.httpUri().toString());
    Thread thread = Thread.currentThread();
    ClassLoader tccl = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try (WeldContainer c = new Weld("unnamed-parameters").disableDiscovery().addExtension(new ScouterExtension())
        .addBeanClasses(beanClass, SyncService.class, SyncService.Inner.class).initialize()) {
      Object bean = c.select(beanClass).get();
      Class<?> credentials = loader.loadClass(CLASS + "$Credentials");
      Object creds = credentials.getConstructor(String.class, String.class).newInstance("bob", PASSWORD);
      @SuppressWarnings({"unchecked", "rawtypes"})
      Object safe = Enum.valueOf((Class) loader.loadClass(CLASS + "$Mode"), "SAFE");
      Method mixed = Stream.of(beanClass.getMethods()).filter(m -> m.getName().equals("mixed")).findFirst()
          .orElseThrow();
      for (int i = 0; i < 2; i++) {
        assertThat(beanClass.getMethod("login", String.class, String.class).invoke(bean, "bob", PASSWORD))
            .isEqualTo("welcome bob");
        assertThat(beanClass.getMethod("loginWith", credentials).invoke(bean, creds)).isEqualTo("bob");
        mixed.invoke(bean, 3, 4L, true, 0.5, safe, Duration.ofSeconds(2), 7, new java.math.BigDecimal("1.25"), null,
            PASSWORD.toCharArray(), PASSWORD.getBytes(), 'h', List.of(PASSWORD), Map.of("Authorization", PASSWORD),
            java.util.Optional.of(PASSWORD), java.util.UUID.randomUUID(), new StringBuilder(PASSWORD));
        c.select(SyncService.class).get().testFunction(1, 2);
      }
    } finally {
      thread.setContextClassLoader(tccl);
    }
    // the container's shutdown flushed every span to the server
    return server.awaitSpans(8, Duration.ofSeconds(10));
  }

  private static long warningsAbout(LogCapture logs, String className) {
    return logs.records().stream().filter(r -> r.startsWith("WARNING") && r.contains(className)).count();
  }

  @Test
  void byDefault_noValueThatCouldBeASecretReachesTheServer_andOneWarningNamesTheClassAndTheFix() throws Exception {
    try (ScouterDevServer server = ScouterDevServer.start(); LogCapture logs = LogCapture.start()) {
      List<TraceSpanRecord> spans = callTwice(server);

      assertThat(spans.toString()).doesNotContain(PASSWORD);
      assertThat(server.records().toString()).doesNotContain(PASSWORD);
      assertThat(server.rejections()).isEmpty();
      TraceSpanRecord login = span(spans, "LoginService.login");
      assertThat(login.input().toString()).isEqualTo("{\"arg0\":\"[redacted]\",\"arg1\":\"[redacted]\"}");
      // a record's components have names, but redaction by name does not reach inside objects: the whole value goes
      assertThat(span(spans, "LoginService.loginWith").input().toString()).isEqualTo("{\"arg0\":\"[redacted]\"}");
      var mixed = span(spans, "LoginService.mixed").input();
      assertThat(mixed.get("arg0").asInt()).isEqualTo(3);
      assertThat(mixed.get("arg1").asLong()).isEqualTo(4L);
      assertThat(mixed.get("arg2").asBoolean()).isTrue();
      assertThat(mixed.get("arg3").asDouble()).isEqualTo(0.5);
      assertThat(mixed.get("arg4").asText()).isEqualTo("SAFE");
      assertThat(mixed.get("arg5").asText()).isEqualTo("PT2S");
      assertThat(mixed.get("arg6").asInt()).isEqualTo(7);
      assertThat(mixed.get("arg7").decimalValue()).isEqualByComparingTo("1.25");
      assertThat(mixed.get("arg8").isNull()).isTrue();
      for (int i = 9; i <= 16; i++) {
        assertThat(mixed.get("arg" + i).asText()).as("arg%d", i).isEqualTo("[redacted]");
      }
      // a class compiled with -parameters is captured by name as before, without a warning
      assertThat(span(spans, "test_function").input().toString()).isEqualTo("{\"a\":1,\"b\":2}");

      assertThat(warningsAbout(logs, CLASS)).as("warnings naming %s", CLASS).isEqualTo(1);
      assertThat(warningsAbout(logs, SyncService.class.getName())).isZero();
      String warning = logs.records().stream().filter(r -> r.contains(CLASS)).findFirst().orElseThrow();
      assertThat(warning).contains("-parameters", "<maven.compiler.parameters>true</maven.compiler.parameters>",
          "scouter.capture.unnamed-parameters=redact");
      logs.assertNoneContain(PASSWORD);
    }
  }

  @Test
  void optIn_capturesUnnamedArgumentsInClear_andSaysSoInTheWarning() throws Exception {
    set("scouter.capture.unnamed-parameters", "capture");
    try (ScouterDevServer server = ScouterDevServer.start(); LogCapture logs = LogCapture.start()) {
      List<TraceSpanRecord> spans = callTwice(server);

      assertThat(span(spans, "LoginService.login").input().toString())
          .isEqualTo("{\"arg0\":\"bob\",\"arg1\":\"" + PASSWORD + "\"}");
      // the record's components have names: its password is still redacted by name, its user shown
      assertThat(span(spans, "LoginService.loginWith").input().toString())
          .isEqualTo("{\"arg0\":{\"password\":\"[redacted]\",\"user\":\"bob\"}}");
      assertThat(warningsAbout(logs, CLASS)).isEqualTo(1);
      assertThat(logs.records().stream().filter(r -> r.contains(CLASS)).findFirst().orElseThrow())
          .contains("scouter.capture.unnamed-parameters=capture", "in clear", "-parameters");
    }
  }

  private static TraceSpanRecord span(List<TraceSpanRecord> spans, String name) {
    return spans.stream().filter(s -> s.spanName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans.stream()
            .map(TraceSpanRecord::spanName).toList()));
  }

  @AfterAll
  static void closeLoader() throws IOException {
    loader.close();
  }
}
