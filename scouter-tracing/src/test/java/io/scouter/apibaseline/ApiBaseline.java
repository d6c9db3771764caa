package io.scouter.apibaseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The committed public API baseline of a published module: {@code api/<artifactId>.txt} at the root of the
 * repository lists every public or protected type and member of the module's non-{@code internal} packages, generated
 * from the compiled classes. Each published module has a test that calls {@link #check}; it fails when the API
 * differs from the file (with the lines added and removed and the command that rewrites the file) and when a public
 * signature breaks the API rule of the root README (no {@code internal} type of any library, Jackson only as
 * {@code JsonNode}, OpenTelemetry only from its API and context packages, its SDK only where a type plugs into the
 * SDK).
 *
 * <pre>{@code
 * class ApiBaselineTest {
 *   @Test
 *   void publicApiIsTheCommittedBaseline() {
 *     ApiBaseline.check("scouter-tracing");
 *   }
 * }
 * }</pre>
 */
public final class ApiBaseline {
  /** The system property that rewrites the baseline instead of checking it. */
  public static final String UPDATE_PROPERTY = "api.baseline.update";

  /**
   * The OpenTelemetry SDK types a public signature may name: the SDK's extension interfaces (what a custom exporter or
   * span processor implements) and the types they pass.
   */
  static final Set<String> SDK_EXTENSION_TYPES = new TreeSet<>(List.of(
      "io.opentelemetry.sdk.trace.export.SpanExporter",
      "io.opentelemetry.sdk.trace.SpanProcessor",
      "io.opentelemetry.sdk.trace.data.SpanData",
      "io.opentelemetry.sdk.trace.ReadableSpan",
      "io.opentelemetry.sdk.trace.ReadWriteSpan",
      "io.opentelemetry.sdk.common.CompletableResultCode"));

  /** A qualified type name inside a signature line. */
  private static final Pattern TYPE_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_$]*)+");

  private ApiBaseline() {}

  /**
   * Checks the classes this module compiled ({@code target/classes}) against {@code api/<artifactId>.txt}; with
   * {@code -Dapi.baseline.update=true} writes the file instead.
   *
   * @throws AssertionError naming the differences and the update command, or the signatures that break the API rule
   */
  public static void check(String artifactId) {
    Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    Path root = module;
    while (root.getParent() != null && !Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    check(artifactId, module.resolve("target/classes"), root.resolve("api").resolve(artifactId + ".txt"),
        Boolean.getBoolean(UPDATE_PROPERTY), root.relativize(module).toString().replace('\\', '/'));
  }

  /** {@link #check(String)} with the paths given: {@code classes} against {@code baseline}, or rewrites it. */
  static void check(String artifactId, Path classes, Path baseline, boolean update) {
    check(artifactId, classes, baseline, update, artifactId);
  }

  private static void check(String artifactId, Path classes, Path baseline, boolean update, String modulePath) {
    List<String> actual = signatures(classes, Thread.currentThread().getContextClassLoader());
    List<String> violations = ruleViolations(actual);
    if (!violations.isEmpty()) {
      throw new AssertionError("The public API of " + artifactId + " breaks the API rule (README, \"Public API\"):\n  "
          + String.join("\n  ", violations));
    }
    if (update) {
      write(baseline, artifactId, modulePath, actual);
      return;
    }
    String diff = diff(read(baseline), actual);
    if (!diff.isEmpty()) {
      throw new AssertionError("The public API of " + artifactId + " differs from api/" + baseline.getFileName()
          + " (- in the baseline only, + in the classes only):\n" + diff
          + "If the change is deliberate, rewrite the baseline and list the change in CHANGELOG.md (Unreleased):\n  "
          + updateCommand(modulePath));
    }
  }

  private static String updateCommand(String modulePath) {
    return "./mvnw -B -ntp -pl " + modulePath + " -am test -Dtest=ApiBaselineTest"
        + " -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true";
  }

  /** The signature lines of the public API in a class directory: one line per type, then one per member, sorted. */
  public static List<String> signatures(Path classesDir, ClassLoader loader) {
    List<String> names;
    try (Stream<Path> files = Files.walk(classesDir)) {
      names = files.filter(p -> p.toString().endsWith(".class"))
          .map(p -> classesDir.relativize(p).toString().replace('\\', '/'))
          .filter(n -> !n.endsWith("module-info.class") && !n.endsWith("package-info.class"))
          .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
          .filter(n -> !isInternalPackage(n))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + classesDir + " (compile the module first)", e);
    }
    List<String> out = new ArrayList<>();
    for (String name : names) {
      Class<?> c;
      try {
        c = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("cannot load " + name + " to read its API", e);
      }
      if (!isApi(c)) {
        continue;
      }
      out.add(typeLine(c));
      Set<String> members = new TreeSet<>();
      for (Field f : c.getDeclaredFields()) {
        if (visible(f)) {
          members.add("  " + modifiers(f.getModifiers()) + f.getGenericType().getTypeName() + " " + f.getName());
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (visible(k)) {
          members.add("  " + memberLine(k.toGenericString(), c));
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (visible(m) && !m.isBridge()) {
          members.add("  " + memberLine(m.toGenericString(), c));
        }
      }
      out.addAll(members);
    }
    return out;
  }

  /** The lines that name a type the API rule keeps out of public signatures, each with the reason. */
  public static List<String> ruleViolations(List<String> signatures) {
    List<String> out = new ArrayList<>();
    for (String line : signatures) {
      Matcher m = TYPE_NAME.matcher(line);
      Set<String> reasons = new LinkedHashSet<>();
      while (m.find()) {
        String reason = forbidden(m.group());
        if (reason != null) {
          reasons.add(m.group() + ": " + reason);
        }
      }
      reasons.forEach(r -> out.add(line.strip() + "  <-  " + r));
    }
    return out;
  }

  /** Why the README's API rule keeps {@code type} out of public signatures, or {@code null} if it may appear. */
  static String forbidden(String type) {
    if (isInternalPackage(type)) {
      return "an internal type (of this project or of a library)";
    }
    if (type.startsWith("com.fasterxml.jackson.") && !type.equals("com.fasterxml.jackson.databind.JsonNode")) {
      return "Jackson appears only as com.fasterxml.jackson.databind.JsonNode";
    }
    if (type.startsWith("io.opentelemetry.")) {
      boolean api = (type.startsWith("io.opentelemetry.api.") && !type.startsWith("io.opentelemetry.api.incubator."))
          || type.startsWith("io.opentelemetry.context.");
      if (!api && !SDK_EXTENSION_TYPES.contains(type)) {
        return "OpenTelemetry appears only from its API (io.opentelemetry.api, io.opentelemetry.context) and the SDK's"
            + " extension interfaces " + SDK_EXTENSION_TYPES;
      }
    }
    return null;
  }

  /** Lines in only one of the two lists, {@code -} for the baseline, {@code +} for the classes, in file order. */
  public static String diff(List<String> expected, List<String> actual) {
    Set<String> e = new LinkedHashSet<>(expected);
    Set<String> a = new LinkedHashSet<>(actual);
    StringBuilder sb = new StringBuilder();
    for (String line : expected) {
      if (!a.contains(line)) {
        sb.append("- ").append(line.strip()).append('\n');
      }
    }
    for (String line : actual) {
      if (!e.contains(line)) {
        sb.append("+ ").append(line.strip()).append('\n');
      }
    }
    if (sb.length() == 0 && !expected.equals(actual)) {
      sb.append("(the same lines in another order or repeated: rewrite the baseline)\n");
    }
    return sb.toString();
  }

  private static boolean isInternalPackage(String qualifiedName) {
    return Arrays.asList(qualifiedName.split("\\.")).contains("internal");
  }

  /** A public top-level type, or a public or protected member type of such a type (no local or anonymous class). */
  private static boolean isApi(Class<?> c) {
    if (c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass()) {
      return false;
    }
    Class<?> outer = c.getDeclaringClass();
    if (outer == null) {
      return Modifier.isPublic(c.getModifiers());
    }
    return (Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers())) && isApi(outer);
  }

  private static boolean visible(Member m) {
    int mod = m.getModifiers();
    return !m.isSynthetic() && (Modifier.isPublic(mod) || Modifier.isProtected(mod));
  }

  private static String typeLine(Class<?> c) {
    StringBuilder sb = new StringBuilder(c.toGenericString());
    Type superclass = c.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !c.isEnum() && !c.isRecord()) {
      sb.append(" extends ").append(superclass.getTypeName());
    }
    Type[] interfaces = c.getGenericInterfaces();
    if (interfaces.length > 0 && !c.isAnnotation()) {
      sb.append(c.isInterface() ? " extends " : " implements ").append(Arrays.stream(interfaces)
          .map(Type::getTypeName).collect(Collectors.joining(", ")));
    }
    if (c.isSealed()) {
      sb.append(" permits ").append(Arrays.stream(c.getPermittedSubclasses()).map(Class::getName)
          .collect(Collectors.joining(", ")));
    }
    return sb.toString();
  }

  /** A member's generic string without its declaring type before the name. */
  private static String memberLine(String generic, Class<?> declaring) {
    String prefix = declaring.getTypeName();
    int paren = generic.indexOf('(');
    int at = generic.lastIndexOf(prefix, paren);
    if (at < 0) {
      return generic;
    }
    String head = generic.substring(0, at);
    String rest = generic.substring(at + prefix.length());
    if (rest.startsWith("(")) {
      return head + declaring.getSimpleName() + rest; // a constructor: its simple name
    }
    return head + rest.substring(1); // a method: drop "Declaring."
  }

  private static String modifiers(int mod) {
    String s = Modifier.toString(mod & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
        | Modifier.VOLATILE | Modifier.TRANSIENT));
    return s.isEmpty() ? "" : s + " ";
  }

  private static List<String> read(Path baseline) {
    if (!Files.exists(baseline)) {
      throw new AssertionError("No API baseline " + baseline + "; create it with -D" + UPDATE_PROPERTY + "=true");
    }
    try {
      return Files.readAllLines(baseline, StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path baseline, String artifactId, String modulePath, List<String> lines) {
    List<String> file = new ArrayList<>();
    file.add("# The public API of " + artifactId + " (public and protected types and members outside internal");
    file.add("# packages), generated from the compiled classes; checked by its ApiBaselineTest. Do not edit by hand:");
    file.add("# " + updateCommand(modulePath));
    file.addAll(lines);
    try {
      Files.createDirectories(baseline.getParent());
      Files.write(baseline, file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
