package io.scouter.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * An application server started by a test as a child process, which is always stopped: by {@link #close()}, by a JVM
 * shutdown hook when the test JVM is terminated first, and, for a test JVM that was killed outright, by the next run
 * (a pid file under {@code target/} lets {@link #start} end a leftover server of the same directory before starting).
 * Stopping ends the process and all its descendants, politely first, then forcibly.
 *
 * <pre>{@code
 * try (ServerProcess server = ServerProcess.start("payara", command, env, workDir)) {
 *   server.awaitHttpOk(URI.create("http://127.0.0.1:8080/app/ready"), Duration.ofSeconds(120));
 *   ...
 * }
 * }</pre>
 */
public final class ServerProcess implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ServerProcess.class.getName());
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path log;
  private final Path pidFile;
  private final Thread hook;
  private final long startNanos = System.nanoTime();
  private volatile Duration readyAfter;

  private ServerProcess(String name, Process process, Path log, Path pidFile) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.pidFile = pidFile;
    this.hook = new Thread(this::kill, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts {@code command} in {@code workDir} (created) with {@code env} added to this JVM's environment; standard
   * output and error go to {@code workDir/<name>.log}. A server left running by an earlier, killed run in the same
   * {@code workDir} is stopped first.
   */
  public static ServerProcess start(String name, List<String> command, Map<String, String> env, Path workDir)
      throws IOException {
    Files.createDirectories(workDir);
    Path pidFile = workDir.resolve(name + ".pid");
    stopLeftover(workDir, name);
    Path log = workDir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().putAll(env);
    LOG.info("starting " + name + ": " + String.join(" ", command));
    Process p = pb.start();
    Files.writeString(pidFile, Long.toString(p.pid()));
    return new ServerProcess(name, p, log, pidFile);
  }

  /**
   * Stops a server that an earlier, killed run started with the same {@code name} in {@code workDir} (found through
   * its pid file, and only if that process's command line names {@code workDir}). Call before deleting state the
   * server may still be using; {@link #start} calls it too.
   */
  public static void stopLeftover(Path workDir, String name) throws IOException {
    Path pidFile = workDir.resolve(name + ".pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      Optional<ProcessHandle> left = ProcessHandle.of(pid);
      String dir = pidFile.getParent().toString();
      if (left.isPresent() && left.get().info().commandLine().map(c -> c.contains(dir)).orElse(false)) {
        LOG.warning("stopping a server left running by an earlier run: pid " + pid);
        stopTree(left.get(), Duration.ofSeconds(10));
      }
    } catch (NumberFormatException e) {
      // not ours
    }
    Files.deleteIfExists(pidFile);
  }

  /** The combined standard output and error of the process. */
  public Path log() {
    return log;
  }

  /** The log as text (empty if missing). */
  public String logText() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** From {@link #start} to the first 200 of {@link #awaitHttpOk}, or {@code null} before. */
  public Duration readyAfter() {
    return readyAfter;
  }

  /**
   * Polls {@code url} until it answers 200, failing (with the log's tail) when the process exits or {@code timeout}
   * passes.
   */
  public void awaitHttpOk(URI url, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + " before " + url + " answered; "
            + tail());
      }
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          readyAfter = Duration.ofNanos(System.nanoTime() - startNanos);
          LOG.info(name + " ready after " + readyAfter.toMillis() + " ms");
          return;
        }
        last = "HTTP " + r.statusCode();
      } catch (IOException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + ": " + url + " did not answer 200 within " + timeout + " (" + last + "); "
        + tail());
  }

  /** The last 60 lines of the log, for failure messages. */
  public String tail() {
    List<String> lines = logText().lines().toList();
    return "last lines of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60),
        lines.size()));
  }

  /**
   * Asks the process and its descendants to stop as a service manager does (SIGTERM) and waits at most {@code limit}
   * for the process to exit, without forcing it ({@link #close()} still does).
   *
   * @return the time from the request to the exit, or {@code null} if the process was still running at {@code limit}
   */
  public Duration stopPolitely(Duration limit) throws InterruptedException {
    long start = System.nanoTime();
    List<ProcessHandle> all = new ArrayList<>(process.toHandle().descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? Duration.ofNanos(System.nanoTime() - start)
        : null;
  }

  /** Stops the process and its descendants (SIGTERM, then SIGKILL after 20 s). */
  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or will run
    }
  }

  private void kill() {
    stopTree(process.toHandle(), Duration.ofSeconds(20));
    try {
      process.getOutputStream().close();
      Files.deleteIfExists(pidFile);
    } catch (IOException ignored) {
      // best effort
    }
  }

  private static void stopTree(ProcessHandle root, Duration grace) {
    List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
    all.add(root);
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle h : all) {
      long left = deadline - System.nanoTime();
      try {
        if (left <= 0) {
          break;
        }
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception timeoutOrInterrupt) {
        break;
      }
    }
    for (ProcessHandle h : all) {
      if (h.isAlive()) {
        h.destroyForcibly();
      }
    }
  }
}
