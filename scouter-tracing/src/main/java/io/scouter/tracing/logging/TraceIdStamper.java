package io.scouter.tracing.logging;

import io.opentelemetry.api.trace.SpanContext;
import io.scouter.tracing.internal.log.LogCorrelation;
import java.util.Arrays;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A {@code java.util.logging} handler that appends {@code " [trace_id=... span_id=... is_sampled=...]"} to the message
 * of every record logged while a span is current, on the logging thread, before the server's own handlers see the
 * record. Every formatter then prints the ids, whichever class loader loaded it and whenever it formats; this is the
 * way for application servers whose handlers log through their own formatters (Payara Micro's console and
 * {@code --logtofile} file). It writes nothing itself.
 *
 * <pre>{@code
 * TraceIdStamper stamper = TraceIdStamper.install();   // first handler of the root logger
 * LOG.info("pricing order " + id);                    // -> "pricing order 42 [trace_id=4bf9... span_id=00f0... is_sampled=true]"
 * stamper.uninstall();                                // e.g. when the application stops
 * }</pre>
 *
 * <p>The CDI extension installs it at start-up when {@code scouter.log-correlation.jul-message=true} and removes it
 * at shutdown. A record that already carries the ids is left alone. Records of loggers with their own handlers reach
 * those handlers before the root logger's; give such a logger the stamper too ({@code logger.addHandler(...)} before
 * its other handlers).
 */
public final class TraceIdStamper extends Handler {
  private static final String MARK = " [trace_id=";

  private final Logger logger;

  private TraceIdStamper(Logger logger) {
    this.logger = logger;
  }

  /** Installs a stamper as the first handler of the root logger. */
  public static TraceIdStamper install() {
    return install(Logger.getLogger(""));
  }

  /** Installs a stamper as the first handler of this logger (the others keep their order). */
  public static TraceIdStamper install(Logger logger) {
    TraceIdStamper stamper = new TraceIdStamper(logger);
    synchronized (logger) {
      Handler[] others = logger.getHandlers();
      for (Handler h : others) {
        logger.removeHandler(h);
      }
      logger.addHandler(stamper);
      Arrays.stream(others).forEach(logger::addHandler);
    }
    return stamper;
  }

  /** Removes this stamper from its logger. */
  public void uninstall() {
    logger.removeHandler(this);
  }

  /** {@code " [trace_id=<32 hex> span_id=<16 hex> is_sampled=<true|false>]"}. */
  static String block(SpanContext ctx) {
    return MARK + ctx.getTraceId() + " span_id=" + ctx.getSpanId() + " is_sampled=" + ctx.isSampled() + "]";
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null) {
      return;
    }
    SpanContext ctx = LogCorrelation.currentSpanContext();
    if (!ctx.isValid()) {
      return;
    }
    String message = record.getMessage();
    if (message != null && message.contains(MARK)) {
      return;
    }
    ResourceBundle bundle = record.getResourceBundle();
    if (bundle != null && message != null) {
      try {
        message = bundle.getString(message); // localise now: the key is no key once the ids are appended
        record.setResourceBundle(null);
        record.setResourceBundleName(null);
      } catch (MissingResourceException | ClassCastException notAKey) {
        // the message is its own text
      }
    }
    record.setMessage((message == null ? "" : message) + block(ctx));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
