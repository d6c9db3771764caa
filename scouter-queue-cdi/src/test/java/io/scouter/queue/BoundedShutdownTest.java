package io.scouter.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TracerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ScouterTracing#shutdown(ScouterQueue)} with the Scouter server down (a closed port) or hanging (a socket that
 * accepts and never answers, slower than the transport's own 60 s timeout): queue records go first, then spans, the
 * whole shutdown stops trying at {@code shutdownTimeout}, and what was lost is counted in one warning. The
 * {@code @Timeout}s only keep a hang from blocking the build; no duration is asserted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoundedShutdownTest {
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Logger scouterLog = Logger.getLogger("io.scouter");
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logged.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void captureLog() {
    scouterLog.addHandler(handler);
  }

  @AfterEach
  void stop() {
    ScouterTracing.shutdown();
    scouterLog.removeHandler(handler);
  }

  @Test
  void serverDown_undeliveredSpansAndRecordsAreCountedInOneWarning() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    ScouterQueue queue = spansAndRecords("http://127.0.0.1:" + closed, Duration.ofSeconds(1));

    ScouterTracing.shutdown(queue);

    assertThat(queue.isShutdown()).isTrue();
    assertThat(ScouterTracing.isInitialized()).isFalse();
    assertThat(lostWarnings()).singleElement().asString()
        .startsWith("Scouter could not deliver 3 spans and 3 queue records before shutdown")
        .contains("scouter.shutdown-timeout");
  }

  @Test
  void serverHangs_theShutdownTimeoutStopsTheDeliveryAndCountsWhatWasLost() throws Exception {
    try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try {
          while (true) {
            held.add(hanging.accept()); // never answers
          }
        } catch (IOException closedByTest) {
          held.forEach(h -> {
            try {
              h.close();
            } catch (IOException ignored) {
              // closing
            }
          });
        }
      }, "hanging-server");
      acceptor.setDaemon(true);
      acceptor.start();
      ScouterQueue queue = spansAndRecords("http://127.0.0.1:" + hanging.getLocalPort(), Duration.ofMillis(500));

      ScouterTracing.shutdown(queue);

      assertThat(queue.isShutdown()).isTrue();
      assertThat(lostWarnings()).singleElement().asString()
          .startsWith("Scouter could not deliver 3 spans and 3 queue records before shutdown (shutdown timeout 500 ms");
    }
  }

  @Test
  void withoutAQueue_theWarningCountsSpans() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    ScouterTracer tracer = ScouterTracing.initTracer(tracerConfig("http://127.0.0.1:" + closed, Duration.ofSeconds(1)));
    for (int i = 0; i < 2; i++) {
      try (ActiveSpan span = tracer.startAsCurrentSpan("request")) {
        span.setInput(Map.of("i", i));
      }
    }

    ScouterTracing.shutdown();

    assertThat(lostWarnings()).singleElement().asString()
        .startsWith("Scouter could not deliver 2 spans before shutdown");
  }

  /** Three spans, each inserting a record; nothing is sent before shutdown (schedule and interval far away). */
  private static ScouterQueue spansAndRecords(String uri, Duration shutdownTimeout) {
    ScouterTracer tracer = ScouterTracing.initTracer(tracerConfig(uri, shutdownTimeout));
    ScouterQueue queue = ScouterQueue.builder().profile("genai", Profiles.path("genai_profile.json"))
        .transport(HttpConfig.builder().uri(uri).timeout(Duration.ofSeconds(60)).build())
        .publishInterval(Duration.ofHours(1)).build();
    tracer.setScouterQueue(queue);
    for (int i = 0; i < 3; i++) {
      try (ActiveSpan span = tracer.startAsCurrentSpan("request")) {
        span.insertQueueItem("genai", EvalRecord.of(Map.of("i", i)));
      }
    }
    return queue;
  }

  private static TracerConfig tracerConfig(String uri, Duration shutdownTimeout) {
    return TracerConfig.builder().serviceName("bounded-shutdown")
        .transport(HttpConfig.builder().uri(uri).timeout(Duration.ofSeconds(60)).build())
        .batchConfig(BatchConfig.builder().scheduledDelayMs(3_600_000).build())
        .shutdownTimeout(shutdownTimeout).shutdownHook(false).build();
  }

  private List<String> lostWarnings() {
    return logged.stream().filter(r -> r.getLevel() == Level.WARNING)
        .map(LogRecord::getMessage).filter(m -> m.contains("could not deliver")).toList();
  }
}
