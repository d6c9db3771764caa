package io.scouter.tracing.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;

/**
 * The real logging backends of the tests: Logback behind SLF4J, Log4j 2 core, JBoss LogManager; each keeps the
 * {@code trace_id}/{@code span_id}/{@code is_sampled} its MDC gave every record, by message.
 */
final class Backends {
  static final String LOGGER = "scouter.logtest";
  static final List<String> KEYS = List.of("trace_id", "span_id", "is_sampled");

  private final org.slf4j.Logger slf4j = org.slf4j.LoggerFactory.getLogger(LOGGER);
  private final List<Map<String, String>> logbackSeen = Collections.synchronizedList(new ArrayList<>());
  private final AppenderBase<ILoggingEvent> logback = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing(); // what asynchronous appenders do: the MDC as it is now
      Map<String, String> m = new LinkedHashMap<>();
      m.put("message", event.getFormattedMessage());
      for (String k : KEYS) {
        String v = event.getMDCPropertyMap().get(k);
        if (v != null) {
          m.put(k, v);
        }
      }
      logbackSeen.add(m);
    }
  };
  private final org.apache.logging.log4j.Logger log4j;
  private final List<Map<String, String>> log4jSeen = Collections.synchronizedList(new ArrayList<>());
  private final org.jboss.logmanager.Logger jboss;
  private final List<Map<String, String>> jbossSeen = Collections.synchronizedList(new ArrayList<>());

  Backends() {
    ch.qos.logback.classic.Logger lb = (ch.qos.logback.classic.Logger) slf4j;
    lb.setAdditive(false);
    lb.setLevel(ch.qos.logback.classic.Level.INFO);
    logback.setContext(lb.getLoggerContext());
    logback.start();
    lb.addAppender(logback);

    LoggerContext ctx = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
    Configuration cfg = ctx.getConfiguration();
    AbstractAppender capture = new AbstractAppender("scouter-capture", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("message", event.getMessage().getFormattedMessage());
        for (String k : KEYS) {
          Object v = event.getContextData().getValue(k);
          if (v != null) {
            m.put(k, v.toString());
          }
        }
        log4jSeen.add(m);
      }
    };
    capture.start();
    cfg.addAppender(capture);
    LoggerConfig lc = new LoggerConfig(LOGGER, Level.INFO, false);
    lc.addAppender(capture, null, null);
    cfg.addLogger(LOGGER, lc);
    ctx.updateLoggers();
    log4j = org.apache.logging.log4j.LogManager.getLogger(LOGGER);

    jboss = LogContext.create().getLogger(LOGGER);
    jboss.addHandler(new ExtHandler() {
      @Override
      protected void doPublish(ExtLogRecord record) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("message", record.getMessage());
        for (String k : KEYS) {
          String v = record.getMdc(k);
          if (v != null) {
            m.put(k, v);
          }
        }
        jbossSeen.add(m);
      }
    });
  }

  /** Logs {@code message} through each backend. */
  void log(String message) {
    slf4j.info(message);
    log4j.info(message);
    jboss.info(message);
  }

  /** The ids each backend recorded with that message: backend name to keys (no key when absent). */
  Map<String, Map<String, String>> seen(String message) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    out.put("logback", find(logbackSeen, message));
    out.put("log4j2", find(log4jSeen, message));
    out.put("jboss-logmanager", find(jbossSeen, message));
    return out;
  }

  private static Map<String, String> find(List<Map<String, String>> seen, String message) {
    synchronized (seen) {
      for (Map<String, String> m : seen) {
        if (message.equals(m.get("message"))) {
          Map<String, String> ids = new LinkedHashMap<>(m);
          ids.remove("message");
          return ids;
        }
      }
    }
    throw new AssertionError("no record '" + message + "' in " + seen);
  }
}
