package io.scouter.tracing.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.ScouterContext;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TracerConfig;
import io.scouter.tracing.internal.log.LogCorrelation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Log records written inside a span carry its ids in the MDC of Logback (SLF4J), Log4j 2 and JBoss LogManager, and in
 * {@code java.util.logging} output through {@link TraceIdFormatter} and {@link TraceIdStamper}; records outside carry
 * none, and ending a nested span brings back its parent's ids.
 */
class LogCorrelationTest {
  private static Backends backends;
  private static ExecutorService pool;
  private ScouterTracer tracer;

  @BeforeAll
  static void setUp() {
    backends = new Backends();
    pool = Executors.newFixedThreadPool(1);
  }

  @AfterAll
  static void tearDown() {
    pool.shutdownNow();
  }

  private void init(boolean logCorrelation) {
    tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("log-test").transport(new MockConfig())
        .logCorrelation(logCorrelation).shutdownHook(false).build());
  }

  @AfterEach
  void shutdown() {
    ScouterTracing.shutdown();
  }

  private static void assertIds(String message, ActiveSpan span) {
    Map<String, String> expected = Map.of("trace_id", span.traceId(), "span_id", span.spanId(), "is_sampled", "true");
    backends.seen(message).forEach((backend, ids) -> assertThat(ids).as(backend + ": " + message).isEqualTo(expected));
  }

  private static void assertNoIds(String message) {
    backends.seen(message).forEach((backend, ids) -> assertThat(ids).as(backend + ": " + message).isEmpty());
  }

  @Test
  void nestedSpansSetAndRestoreTheIds() {
    init(true);
    assertThat(LogCorrelation.status()).contains("SLF4J MDC", "JBoss LogManager MDC", "Log4j 2 ThreadContext");
    backends.log("nested: before");
    try (ActiveSpan outer = tracer.startAsCurrentSpan("outer")) {
      backends.log("nested: in outer");
      try (ActiveSpan inner = tracer.startAsCurrentSpan("inner")) {
        backends.log("nested: in inner");
        assertIds("nested: in inner", inner);
        // a context change that keeps the span (baggage only) keeps the ids
        try (Scope ignored = Context.current().with(Baggage.builder().put("k", "v").build()).makeCurrent()) {
          backends.log("nested: baggage in inner");
        }
        assertIds("nested: baggage in inner", inner);
      }
      backends.log("nested: in outer again");
      assertIds("nested: in outer", outer);
      assertIds("nested: in outer again", outer);
    }
    backends.log("nested: after");
    assertNoIds("nested: before");
    assertNoIds("nested: after");
  }

  @Test
  void aChildSpanAfterTheApplicationClearedTheMdcWritesAllTheIdsAgain() {
    init(true);
    try (ActiveSpan outer = tracer.startAsCurrentSpan("outer")) {
      org.slf4j.MDC.clear();
      org.jboss.logmanager.MDC.clear();
      org.apache.logging.log4j.ThreadContext.clearMap();
      try (ActiveSpan inner = tracer.startAsCurrentSpan("inner")) {
        backends.log("cleared: in inner");
        assertIds("cleared: in inner", inner);
      }
      backends.log("cleared: in outer again");
      assertIds("cleared: in outer again", outer);
    }
    backends.log("cleared: after");
    assertNoIds("cleared: after");
  }

  @Test
  void aThreadHopThroughScouterContextCarriesTheIdsAndLeavesNoneBehind() throws Exception {
    init(true);
    pool.submit(() -> backends.log("hop: worker before")).get(10, TimeUnit.SECONDS);
    ActiveSpan span;
    try (ActiveSpan s = tracer.startAsCurrentSpan("caller")) {
      span = s;
      pool.submit(ScouterContext.wrap(() -> backends.log("hop: in task"))).get(10, TimeUnit.SECONDS);
      pool.submit(ScouterContext.wrap(() -> {
        try (ActiveSpan child = tracer.startAsCurrentSpan("child")) {
          backends.log("hop: in child " + child.spanId());
          assertIds("hop: in child " + child.spanId(), child);
          assertThat(child.traceId()).isEqualTo(s.traceId());
        }
        backends.log("hop: after child");
      })).get(10, TimeUnit.SECONDS);
    }
    pool.submit(() -> backends.log("hop: worker after")).get(10, TimeUnit.SECONDS);
    assertIds("hop: in task", span);
    assertIds("hop: after child", span);
    assertNoIds("hop: worker before");
    assertNoIds("hop: worker after");
  }

  @Test
  void switchedOffTheMdcIsLeftAlone() {
    init(false);
    assertThat(LogCorrelation.active()).isFalse();
    try (ActiveSpan ignored = tracer.startAsCurrentSpan("quiet")) {
      backends.log("off: in span");
    }
    assertNoIds("off: in span");
  }

  @Test
  void unsampledSpansSayIsSampledFalse() {
    ScouterTracing.initTracer(TracerConfig.builder().serviceName("log-test").transport(new MockConfig())
        .sampleRatio(0.0).shutdownHook(false).build());
    ScouterTracer t = ScouterTracing.getTracer("log-test");
    try (ActiveSpan span = t.startAsCurrentSpan("unsampled")) {
      backends.log("unsampled: in span");
      backends.seen("unsampled: in span").forEach((backend, ids) -> assertThat(ids).as(backend)
          .containsEntry("trace_id", span.traceId()).containsEntry("is_sampled", "false"));
    }
  }

  @Test
  void julFormatterPrintsTheIdsOfTheCurrentSpan() {
    init(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StreamHandler handler = new StreamHandler(out, new TraceIdFormatter());
    Logger jul = Logger.getLogger(Backends.LOGGER + ".jul-formatter");
    jul.setUseParentHandlers(false);
    jul.addHandler(handler);
    try {
      jul.info("formatter: before");
      String traceId;
      String spanId;
      try (ActiveSpan span = tracer.startAsCurrentSpan("jul")) {
        traceId = span.traceId();
        spanId = span.spanId();
        jul.info("formatter: inside");
      }
      jul.info("formatter: after");
      handler.flush();
      String[] lines = out.toString(StandardCharsets.UTF_8).split("\\R");
      assertThat(lines).hasSize(3);
      assertThat(lines[0]).endsWith(Backends.LOGGER + ".jul-formatter: formatter: before");
      assertThat(lines[1]).endsWith(Backends.LOGGER + ".jul-formatter [trace_id=" + traceId + " span_id=" + spanId
          + " is_sampled=true]: formatter: inside");
      assertThat(lines[2]).endsWith(Backends.LOGGER + ".jul-formatter: formatter: after");
    } finally {
      jul.removeHandler(handler);
    }
  }

  @Test
  void julStamperAddsTheIdsToTheMessageBeforeTheOtherHandlers() {
    init(true);
    Logger jul = Logger.getLogger(Backends.LOGGER + ".jul-stamper");
    jul.setUseParentHandlers(false);
    List<String> messages = new ArrayList<>();
    Handler later = new Handler() {
      @Override
      public void publish(LogRecord record) {
        messages.add(record.getMessage()); // what a formatter on another thread would see
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jul.addHandler(later);
    TraceIdStamper stamper = TraceIdStamper.install(jul);
    try {
      assertThat(jul.getHandlers()[0]).isSameAs(stamper);
      jul.info("stamper: before");
      String expected;
      try (ActiveSpan span = tracer.startAsCurrentSpan("jul")) {
        expected = "stamper: inside [trace_id=" + span.traceId() + " span_id=" + span.spanId() + " is_sampled=true]";
        jul.info("stamper: inside");
      }
      jul.info("stamper: after");
      assertThat(messages).containsExactly("stamper: before", expected, "stamper: after");
    } finally {
      stamper.uninstall();
      jul.removeHandler(later);
    }
    assertThat(jul.getHandlers()).isEmpty();
  }

  /**
   * The README's {@code logging.properties} block for plain Java: it names this formatter for the JDK console handler,
   * and its format, used by the formatter, prints the ids of the span inside one.
   */
  @Test
  void theReadmesLoggingPropertiesBlockWorks() throws Exception {
    init(true);
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
    int at = readme.indexOf("java.util.logging.ConsoleHandler.formatter=io.scouter.tracing.logging.TraceIdFormatter");
    assertThat(at).as("the README's logging.properties block").isPositive();
    int start = readme.lastIndexOf("```text\n", at) + "```text\n".length();
    java.util.Properties p = new java.util.Properties();
    p.load(new java.io.StringReader(readme.substring(start, readme.indexOf("```", at))));
    assertThat(p.getProperty("handlers")).isEqualTo("java.util.logging.ConsoleHandler");
    assertThat(Class.forName(p.getProperty("java.util.logging.ConsoleHandler.formatter")))
        .isEqualTo(TraceIdFormatter.class);
    TraceIdFormatter formatter = new TraceIdFormatter(p.getProperty(TraceIdFormatter.FORMAT_PROPERTY));
    try (ActiveSpan span = tracer.startAsCurrentSpan("readme")) {
      LogRecord record = new LogRecord(java.util.logging.Level.INFO, "pricing order 42");
      record.setLoggerName("com.acme.Pricing");
      assertThat(formatter.format(record)).endsWith(" INFO com.acme.Pricing [trace_id=" + span.traceId()
          + " span_id=" + span.spanId() + " is_sampled=true]: pricing order 42" + System.lineSeparator());
    }
  }

  @Test
  void anInvalidFormatFailsNamingTheKey() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TraceIdFormatter("%11$s %q"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(TraceIdFormatter.FORMAT_PROPERTY);
  }
}
