package io.scouter.it.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of every {@code README.md} compiles against the project's artifacts: a block that
 * declares a type is a source file, a block of members is a class body, any other block a method body. What the
 * snippets use without declaring it (the reader's own types and variables) is declared once in {@link #CONTEXT}.
 */
class ReadmeJavaSnippetsTest {
  private static final String PACKAGE = "snippets";
  private static final Pattern BLOCK = Pattern.compile("^( *)```java\\n(.*?)^\\1```", Pattern.DOTALL
      | Pattern.MULTILINE);
  private static final Pattern TYPE = Pattern.compile("^(public |final |abstract )*(class|record|interface|enum) ",
      Pattern.MULTILINE);
  private static final Pattern MEMBER = Pattern.compile("^(@Inject|(public|private|protected) [^=;]*\\([^;]*\\{)",
      Pattern.MULTILINE);

  /** Imported into every block that has no imports of its own. */
  private static final String IMPORTS = String.join("\n",
      "import io.scouter.tracing.*;", "import io.scouter.cdi.*;", "import io.scouter.queue.*;",
      "import io.scouter.queue.cdi.*;", "import io.scouter.jaxrs.*;", "import io.scouter.devserver.*;",
      "import io.scouter.testkit.*;", "import io.opentelemetry.api.trace.StatusCode;",
      // the queue's Features, not the reader's record of the same name (which snippets with imports use)
      "import io.scouter.queue.Features;", "import java.util.*;",
      "import java.util.concurrent.*;", "import java.util.function.*;", "import java.time.*;",
      "import java.nio.file.*;", "import jakarta.inject.*;", "import jakarta.enterprise.context.*;",
      "import jakarta.ws.rs.client.*;", "import static org.junit.jupiter.api.Assertions.*;", "");

  /** The reader's own types and variables that snippets use. */
  private static final String CONTEXT = String.join("\n",
      "package " + PACKAGE + ";",
      "import java.util.Map;",
      "import java.util.concurrent.ExecutorService;",
      "import java.util.function.Supplier;",
      "record Features(int id, String name, double score) {}",
      "record Prediction(String label, double value) {}",
      "record Request(String text) {}",
      "record Reply(String text) {}",
      "record Message(String text) {}",
      "record Session(String id) {}",
      "record Order(int id) {}",
      "interface Model { Prediction run(Features f); Reply answer(Message m); }",
      "interface Service { Reply handle(Request request, Map<String, String> headers); }",
      "interface Audit { void record(Order order); }",
      "abstract class SnippetContext {",
      "  io.scouter.tracing.ScouterTracer tracer;",
      "  Map<String, String> incomingHeaders;",
      "  Request request;",
      "  Service service;",
      "  Model model;",
      "  String traceId, spanId, question, answer, conversationId, token, trustStorePassword;",
      "  ExecutorService pool;",
      "  Supplier<String> work;",
      "  Audit audit;",
      "  Order order;",
      "  void work() {}",
      "}",
      "");

  record Snippet(Path readme, int line, String code) {
    String name() {
      return readme + ":" + line;
    }
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("the repository root (with mvnw) above " + Path.of("").toAbsolutePath()).isNotNull();
    return dir;
  }

  static List<Snippet> snippets() {
    Path root = repositoryRoot();
    List<Snippet> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path readme : files.filter(p -> p.getFileName().toString().equals("README.md"))
          .filter(p -> !root.relativize(p).toString().matches("(^|.*/)(target|node_modules|\\.[^/]+)/.*"))
          .sorted().toList()) {
        String text = Files.readString(readme);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
          String indent = m.group(1);
          String code = m.group(2).lines().map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
              .collect(Collectors.joining("\n"));
          out.add(new Snippet(root.relativize(readme), text.substring(0, m.start()).split("\n", -1).length, code));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The block as a compilation unit of package {@link #PACKAGE}, placeholders replaced. */
  static String source(Snippet s, String className) {
    List<String> imports = new ArrayList<>();
    List<String> body = new ArrayList<>();
    for (String line : s.code().split("\n")) {
      String t = line.trim();
      if (t.startsWith("import ")) {
        imports.add(t);
      } else if (!t.equals("...")) {
        body.add(line.replace("{ ... }", "{ throw new UnsupportedOperationException(); }"));
      }
    }
    String code = String.join("\n", body);
    String header = "package " + PACKAGE + ";\n" + (imports.isEmpty() ? IMPORTS : String.join("\n", imports) + "\n");
    if (TYPE.matcher(code.replaceAll("(?m)^@\\w+(\\([^)]*\\))?\\s*$", "")).find()) {
      return header + code + "\n";
    }
    if (MEMBER.matcher(code).find()) {
      return header + "class " + className + " extends SnippetContext {\n" + code + "\n}\n";
    }
    return header + "class " + className + " extends SnippetContext {\n  void snippet() throws Throwable {\n" + code
        + "\n  }\n}\n";
  }

  private static JavaFileObject file(String className, String source) {
    return new SimpleJavaFileObject(URI.create("string:///" + PACKAGE + "/" + className + ".java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
  }

  /** The compiler's errors for one snippet, empty when it compiles. */
  static List<String> compile(Snippet s, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String className = "Snippet";
    String source = source(s, className);
    Matcher declared = Pattern.compile("(?m)^(?:public |final |abstract )*(?:class|record|interface|enum) (\\w+)")
        .matcher(source);
    if (declared.find()) {
      className = declared.group(1);
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options = List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
        "-proc:none", "-Xlint:none", "-parameters");
    boolean ok = javac.getTask(new StringWriter(), null, diagnostics, options, null,
        List.of(file("SnippetContext", CONTEXT), file(className, source))).call();
    if (ok) {
      return List.of();
    }
    String[] lines = source.split("\n");
    return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getMessage(Locale.ROOT) + (d.getLineNumber() > 0 && d.getLineNumber() <= lines.length
            && d.getSource() != null && !d.getSource().getName().contains("SnippetContext")
                ? "\n    at: " + lines[(int) d.getLineNumber() - 1].trim() : ""))
        .toList();
  }

  @Test
  void theReadmesHaveJavaSnippets() {
    assertThat(snippets()).as("```java blocks found in the READMEs").hasSizeGreaterThan(10);
  }

  @TestFactory
  Stream<DynamicTest> everyJavaSnippetCompiles() {
    return snippets().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
      Path out = Files.createTempDirectory("readme-snippet");
      List<String> errors = compile(s, out);
      assertThat(errors).as("%s does not compile:\n%s", s.name(), s.code()).isEmpty();
    }));
  }
}
