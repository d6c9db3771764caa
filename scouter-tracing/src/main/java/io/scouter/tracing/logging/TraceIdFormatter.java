package io.scouter.tracing.logging;

import io.opentelemetry.api.trace.SpanContext;
import io.scouter.tracing.internal.log.LogCorrelation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.IllegalFormatException;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * A {@code java.util.logging} formatter that prints the current span's {@code trace_id}, {@code span_id} and
 * {@code is_sampled} with each record, for applications that log through {@code java.util.logging}, which has no MDC.
 * It works like {@link java.util.logging.SimpleFormatter} with three more arguments; set it in
 * {@code logging.properties}:
 *
 * <pre>
 * handlers=java.util.logging.ConsoleHandler
 * java.util.logging.ConsoleHandler.formatter=io.scouter.tracing.logging.TraceIdFormatter
 * # optional; the arguments of SimpleFormatter, then 7 trace_id, 8 span_id, 9 is_sampled (empty outside a span),
 * # 10 " [trace_id=... span_id=... is_sampled=...]" (empty outside a span)
 * io.scouter.tracing.logging.TraceIdFormatter.format=%1$tF %1$tT.%1$tL %4$s %3$s%10$s: %5$s%6$s%n
 * </pre>
 *
 * <p>or in code: {@code handler.setFormatter(new TraceIdFormatter())}. The ids are read when the record is formatted,
 * so use it with handlers that format on the logging thread (the JDK's {@code ConsoleHandler}, {@code FileHandler},
 * {@code StreamHandler}). For a handler that formats later on its own thread (Payara's {@code GFFileHandler}) or a
 * server whose handlers cannot load application classes, use {@link TraceIdStamper}, which adds the ids to the
 * message when the record is logged.
 */
public class TraceIdFormatter extends Formatter {
  /** The format used when none is configured: {@value}. */
  public static final String DEFAULT_FORMAT = "%1$tF %1$tT.%1$tL %4$s %3$s%10$s: %5$s%6$s%n";
  /** The {@code logging.properties} key of the format: {@value}. */
  public static final String FORMAT_PROPERTY = "io.scouter.tracing.logging.TraceIdFormatter.format";

  private final String format;

  /** The format from {@value #FORMAT_PROPERTY}, else {@link #DEFAULT_FORMAT}; an invalid one is reported. */
  public TraceIdFormatter() {
    String configured = LogManager.getLogManager().getProperty(FORMAT_PROPERTY);
    String chosen = DEFAULT_FORMAT;
    if (configured != null) {
      try {
        chosen = check(configured);
      } catch (IllegalArgumentException e) {
        new ErrorManager().error(e.getMessage() + "; using the default format", e, ErrorManager.FORMAT_FAILURE);
      }
    }
    this.format = chosen;
  }

  /**
   * A formatter with this format.
   *
   * @throws IllegalArgumentException if the format is not a valid {@link java.util.Formatter} format for the ten
   *     arguments
   */
  public TraceIdFormatter(String format) {
    this.format = check(format);
  }

  @SuppressWarnings({"ReturnValueIgnored", "JavaTimeDefaultTimeZone"}) // formats once only to validate the format
  private static String check(String format) {
    try {
      String.format(format, ZonedDateTime.now(), "", "", "", "", "", "", "", "", "");
      return format;
    } catch (IllegalFormatException e) {
      throw new IllegalArgumentException(FORMAT_PROPERTY + ": invalid format '" + format + "': " + e.getMessage(), e);
    }
  }

  @Override
  public String format(LogRecord record) {
    ZonedDateTime time = ZonedDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault());
    String source = record.getSourceClassName() == null ? record.getLoggerName()
        : record.getSourceMethodName() == null ? record.getSourceClassName()
        : record.getSourceClassName() + " " + record.getSourceMethodName();
    String thrown = "";
    if (record.getThrown() != null) {
      StringWriter sw = new StringWriter();
      try (PrintWriter pw = new PrintWriter(sw)) {
        pw.println();
        record.getThrown().printStackTrace(pw);
      }
      thrown = sw.toString();
    }
    SpanContext ctx = LogCorrelation.currentSpanContext();
    String traceId = "";
    String spanId = "";
    String sampled = "";
    String block = "";
    if (ctx.isValid()) {
      traceId = ctx.getTraceId();
      spanId = ctx.getSpanId();
      sampled = ctx.isSampled() ? "true" : "false";
      block = TraceIdStamper.block(ctx);
    }
    return String.format(format, time, source, record.getLoggerName(), record.getLevel().getLocalizedName(),
        formatMessage(record), thrown, traceId, spanId, sampled, block);
  }
}
