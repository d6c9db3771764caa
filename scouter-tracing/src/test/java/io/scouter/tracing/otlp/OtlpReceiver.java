package io.scouter.tracing.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real third-party OTLP receiver for tests: Elastic's {@code @elastic/mockotlpserver} run by
 * {@code tools/otlp-receiver/receiver.js} in a {@code node} child process, on 127.0.0.1 with free HTTP and gRPC ports.
 * It decodes OTLP/HTTP protobuf, OTLP/HTTP JSON and OTLP/gRPC itself and prints what it decoded as JSON lines, which
 * this class collects.
 *
 * <pre>{@code
 * try (OtlpReceiver r = OtlpReceiver.start()) {
 *   // export to r.httpTracesUrl() or r.grpcUrl(), then
 *   List<OtlpReceiver.Span> spans = r.awaitSpans(2, s -> s.traceId().equals(id), Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Needs Node.js ({@code node}, and {@code npm} the first time: it runs {@code npm ci} when
 * {@code tools/otlp-receiver/node_modules} is missing). Missing Node.js fails the test with a message saying so.
 */
public final class OtlpReceiver implements AutoCloseable {
  public static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_STDERR = 64 * 1024;

  /** One decoded span with the resource attributes and scope of its batch. */
  public record Span(JsonNode resourceAttributes, JsonNode scope, JsonNode span) {
    public String name() {
      return span.path("name").asText();
    }

    public String traceId() {
      return span.path("traceId").asText();
    }

    public String spanId() {
      return span.path("spanId").asText();
    }

    /** The parent span id; empty for a root span (absent or empty in the decoded request). */
    public String parentSpanId() {
      return span.path("parentSpanId").asText("");
    }

    public String kind() {
      return span.path("kind").asText();
    }

    public JsonNode attributes() {
      return span.path("attributes");
    }

    public JsonNode attribute(String key) {
      return span.path("attributes").path(key);
    }
  }

  private final Process process;
  private final Object lock = new Object();
  private final List<JsonNode> traces = new ArrayList<>();
  private final List<JsonNode> requests = new ArrayList<>();
  private final List<JsonNode> grpcWire = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final List<String> otherLines = new ArrayList<>();
  private final StringBuilder stderr = new StringBuilder();
  private long lastLineNanos = System.nanoTime();
  private JsonNode ready;
  private boolean stdoutClosed;
  private Thread stderrReader;

  private OtlpReceiver(Process process) {
    this.process = process;
  }

  /** The {@code tools/otlp-receiver} directory, found upwards from the working directory (the module). */
  public static Path receiverDir() {
    String override = System.getProperty("otlp.receiver.dir");
    if (override != null) {
      return Paths.get(override).toAbsolutePath();
    }
    Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      Path candidate = p.resolve("tools").resolve("otlp-receiver");
      if (Files.isRegularFile(candidate.resolve("receiver.js"))) {
        return candidate;
      }
    }
    throw new AssertionError("tools/otlp-receiver/receiver.js not found in " + start + " or any parent directory "
        + "(set -Dotlp.receiver.dir=...)");
  }

  /** Starts the receiver and waits (at most {@link #READY_TIMEOUT}) until it listens. */
  public static OtlpReceiver start() {
    Path dir = receiverDir();
    String node = System.getProperty("otlp.receiver.node", "node");
    requireNode(node);
    if (!Files.isDirectory(dir.resolve("node_modules").resolve("@elastic").resolve("mockotlpserver"))) {
      npmCi(dir);
    }
    Process process;
    try {
      process = new ProcessBuilder(node, "receiver.js").directory(dir.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError("Could not start '" + node + " receiver.js' in " + dir + ": " + e.getMessage(), e);
    }
    OtlpReceiver receiver = new OtlpReceiver(process);
    try {
      receiver.startReaders();
      receiver.awaitReady();
      return receiver;
    } catch (RuntimeException | Error e) {
      receiver.close();
      throw e;
    }
  }

  private static void requireNode(String node) {
    try {
      Process p = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new AssertionError("'" + node + " --version' failed: " + out);
      }
    } catch (IOException e) {
      throw new AssertionError("Node.js is required for the OTLP receiver tests (tools/otlp-receiver runs Elastic's "
          + "@elastic/mockotlpserver) but '" + node + "' cannot be run: " + e.getMessage()
          + ". Install Node.js 18+ with npm, or point -Dotlp.receiver.node at it.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static void npmCi(Path dir) {
    String npm = System.getProperty("otlp.receiver.npm", "npm");
    Process p;
    try {
      p = new ProcessBuilder(npm, "ci", "--no-audit", "--no-fund").directory(dir.toFile())
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("tools/otlp-receiver/node_modules is missing and '" + npm + " ci' cannot be run: "
          + e.getMessage() + ". Run (cd tools/otlp-receiver && npm ci --no-audit --no-fund) first.", e);
    }
    StringBuilder out = new StringBuilder();
    Thread reader = drain(p.getInputStream(), out, "npm-ci-output");
    try {
      p.getOutputStream().close();
      if (!p.waitFor(NPM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("'npm ci' in " + dir + " did not finish within " + NPM_TIMEOUT + ":\n" + out);
      }
      reader.join(5_000);
      if (p.exitValue() != 0) {
        throw new AssertionError("'npm ci' in " + dir + " failed (exit " + p.exitValue() + "):\n" + text(out));
      }
    } catch (IOException e) {
      throw new AssertionError("'npm ci' in " + dir + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted during npm ci", e);
    }
  }

  private static String text(StringBuilder sb) {
    synchronized (sb) {
      return sb.toString();
    }
  }

  private static Thread drain(InputStream in, StringBuilder into, String name) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null;) {
          synchronized (into) {
            if (into.length() < MAX_STDERR) {
              into.append(line).append('\n');
            }
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void startReaders() {
    stderrReader = drain(process.getErrorStream(), stderr, "otlp-receiver-stderr");
    Thread out = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null;) {
          onLine(line);
        }
      } catch (IOException ignored) {
        // the process ended
      } finally {
        synchronized (lock) {
          stdoutClosed = true;
          lock.notifyAll();
        }
      }
    }, "otlp-receiver-stdout");
    out.setDaemon(true);
    out.start();
  }

  private void onLine(String line) {
    JsonNode event = null;
    if (line.startsWith("{")) {
      try {
        event = JSON.readTree(line);
      } catch (IOException e) {
        event = null;
      }
    }
    synchronized (lock) {
      lastLineNanos = System.nanoTime();
      String type = event == null ? "" : event.path("event").asText();
      switch (type) {
        case "ready" -> ready = event;
        case "trace" -> traces.add(event.path("data"));
        case "request" -> requests.add(event);
        case "grpc-wire" -> grpcWire.add(event);
        case "error" -> errors.add(event.path("message").asText());
        default -> otherLines.add(line);
      }
      lock.notifyAll();
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    synchronized (lock) {
      while (ready == null) {
        if (stdoutClosed || !process.isAlive()) {
          throw new AssertionError("OTLP receiver (node receiver.js) exited before it was ready"
              + exitInfo() + diagnostics());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("OTLP receiver (node receiver.js) not ready within " + READY_TIMEOUT.toSeconds()
              + " s" + diagnostics());
        }
        waitOn(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
      }
    }
  }

  private String exitInfo() {
    try {
      process.waitFor(2, TimeUnit.SECONDS);
      if (!process.isAlive() && stderrReader != null) {
        stderrReader.join(1_000); // let the last stderr lines in
      }
      return process.isAlive() ? "" : " (exit code " + process.exitValue() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private void waitOn(long nanos) {
    try {
      TimeUnit.NANOSECONDS.timedWait(lock, Math.max(1, nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private String diagnostics() {
    synchronized (lock) {
      return "\n  receiver errors: " + errors + "\n  other stdout: " + otherLines + "\n  stderr:\n" + text(stderr);
    }
  }

  /** The OTLP/HTTP traces URL, e.g. {@code http://127.0.0.1:41234/v1/traces}. */
  public String httpTracesUrl() {
    return stripSlash(ready.path("http").asText()) + "/v1/traces";
  }

  /** The OTLP/gRPC URL, e.g. {@code http://127.0.0.1:41235}. */
  public String grpcUrl() {
    return stripSlash(ready.path("grpc").asText());
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The decoded requests ({@code normalizeTrace} output) received so far. */
  public List<JsonNode> traces() {
    synchronized (lock) {
      return List.copyOf(traces);
    }
  }

  /** The request lines ({@code transport}, {@code path}, {@code headers}) received so far. */
  public List<JsonNode> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  /**
   * What the receiver saw on the HTTP/2 streams of gRPC calls ({@code path}, {@code grpcEncoding},
   * {@code compressedFlag} of the first message), which grpc-js hides from the metadata.
   */
  public List<JsonNode> grpcWire() {
    synchronized (lock) {
      return List.copyOf(grpcWire);
    }
  }

  /** Requests the receiver could not decode. */
  public List<String> errors() {
    synchronized (lock) {
      return List.copyOf(errors);
    }
  }

  /** Every span received so far, flattened. */
  public List<Span> spans() {
    List<Span> out = new ArrayList<>();
    for (JsonNode request : traces()) {
      for (JsonNode rs : request.path("resourceSpans")) {
        JsonNode resource = rs.path("resource").path("attributes");
        for (JsonNode ss : rs.path("scopeSpans")) {
          for (JsonNode span : ss.path("spans")) {
            out.add(new Span(resource, ss.path("scope"), span));
          }
        }
      }
    }
    return out;
  }

  /**
   * Waits until at least {@code count} received spans match, at most {@code timeout}.
   *
   * @throws AssertionError with what was received if they do not arrive, or if the receiver died
   */
  public List<Span> awaitSpans(int count, Predicate<Span> filter, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Span> matching = spans().stream().filter(filter).toList();
      if (matching.size() >= count) {
        return matching;
      }
      synchronized (lock) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || stdoutClosed) {
          throw new AssertionError("OTLP receiver got " + matching.size() + " of " + count + " expected spans within "
              + timeout.toMillis() + " ms" + (stdoutClosed ? " (the receiver exited" + exitInfo() + ")" : "")
              + "\n  all received requests: " + traces + "\n  request lines: " + requests + diagnostics());
        }
        waitOn(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
      }
    }
  }

  /**
   * Waits until nothing has been printed for {@code quiet} (at most {@code max}), then forgets everything received, so
   * a late line of an earlier test cannot leak into the next.
   */
  public void clear(Duration quiet, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (lock) {
      while (System.nanoTime() - lastLineNanos < quiet.toNanos() && System.nanoTime() < deadline) {
        waitOn(quiet.toNanos());
      }
      traces.clear();
      requests.clear();
      grpcWire.clear();
      errors.clear();
      otherLines.clear();
    }
  }

  /** Whether the node process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the node process (SIGTERM, then SIGKILL after 5 s) and waits for it. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already closed
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
