package io.scouter.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures, while open, everything a test run logs: every record published through {@code java.util.logging} (a
 * handler on the root logger; the {@code io.scouter} loggers are opened to every level, so lines only shown at
 * {@code FINE} are captured too) and everything written to {@code System.out} and {@code System.err} (where SLF4J
 * simple loggers, such as Kafka's, write; still shown as usual). Then asserts that no secret appears anywhere.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *   ... run the fault ...
 *   logs.assertNoneContain(password, token);
 * }
 * }</pre>
 *
 * <p>Only one capture should be open at a time (it replaces {@code System.out} and {@code System.err}).
 */
public final class LogCapture implements AutoCloseable {
  private static final String SCOUTER_LOGGER = "io.scouter";

  private final List<String> records = new ArrayList<>();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;
  private final Logger root = Logger.getLogger("");
  private final Logger scouter = Logger.getLogger(SCOUTER_LOGGER);
  private final Level scouterLevel = scouter.getLevel();
  private final Handler handler;

  private LogCapture() {
    Formatter formatter = new SimpleFormatter();
    handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        String line = r.getLevel() + " " + r.getLoggerName() + ": " + formatter.formatMessage(r);
        if (r.getThrown() != null) {
          StringWriter w = new StringWriter();
          r.getThrown().printStackTrace(new PrintWriter(w));
          line += "\n" + w;
        }
        synchronized (records) {
          records.add(line);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    handler.setLevel(Level.ALL);
  }

  /** Starts capturing. */
  public static LogCapture start() {
    LogCapture c = new LogCapture();
    c.scouter.setLevel(Level.ALL);
    c.root.addHandler(c.handler);
    System.setOut(new PrintStream(c.tee(c.originalOut), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(c.tee(c.originalErr), true, StandardCharsets.UTF_8));
    return c;
  }

  private OutputStream tee(PrintStream shown) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (console) {
          console.write(b);
        }
        shown.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (console) {
          console.write(b, off, len);
        }
        shown.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        shown.flush();
      }
    };
  }

  /** The {@code java.util.logging} records so far: level, logger, formatted message and any stack trace. */
  public List<String> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /** What was written to {@code System.out} and {@code System.err} so far. */
  public String console() {
    synchronized (console) {
      return console.toString(StandardCharsets.UTF_8);
    }
  }

  /** Whether some record or console line contains {@code text}. */
  public boolean contains(String text) {
    return console().contains(text) || records().stream().anyMatch(r -> r.contains(text));
  }

  /**
   * Asserts that none of {@code secrets} appears in any record or console line.
   *
   * @throws AssertionError naming which secret (by position, never its value) and the line it was found in, with the
   *     secret masked
   */
  public void assertNoneContain(String... secrets) {
    List<String> all = new ArrayList<>(records());
    all.addAll(List.of(console().split("\n")));
    for (int i = 0; i < secrets.length; i++) {
      String secret = secrets[i];
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("secret #" + i + " is empty");
      }
      for (String line : all) {
        if (line.contains(secret)) {
          throw new AssertionError("secret #" + i + " (" + secret.length() + " characters) was logged: "
              + line.replace(secret, "<SECRET #" + i + ">"));
        }
      }
    }
  }

  /** Stops capturing and restores the console streams and the {@code io.scouter} log level. */
  @Override
  public void close() {
    root.removeHandler(handler);
    scouter.setLevel(scouterLevel);
    System.out.flush();
    System.err.flush();
    System.setOut(originalOut);
    System.setErr(originalErr);
  }
}
