package io.scouter.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.devserver.ScouterDevServer;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TracerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Graceful shutdown under load: four application threads create spans that each insert an evaluation record; the
 * moment they stop, the queue and the tracer are shut down with a backlog of both. When {@code shutdown()} returns,
 * every span and every record that was accepted has reached the Scouter dev server (sent == received), and whatever
 * was not accepted is counted.
 */
class ShutdownUnderLoadTest {
  static final int THREADS = 4;
  static final int PER_THREAD = 1_500;

  @AfterEach
  void stop() {
    ScouterTracing.shutdown();
  }

  @Test
  void everyQueuedSpanAndQueueRecord_isDeliveredBeforeShutdownReturns() throws Exception {
    try (ScouterDevServer server = ScouterDevServer.start()) {
      HttpConfig http = HttpConfig.builder().uri(server.httpUri().toString()).build();
      loadThenShutdown(server, http);
    }
  }

  private static void loadThenShutdown(ScouterDevServer server, HttpConfig http) throws Exception {
    // a schedule far away: only full batches go out on their own, the rest waits for shutdown
    ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("shutdown-under-load")
        .transport(http).batchConfig(BatchConfig.builder().maxQueueSize(THREADS * PER_THREAD)
            .maxExportBatchSize(512).scheduledDelayMs(60_000).build())
        .shutdownTimeout(Duration.ofSeconds(60)) // this test is about completeness, not the bound: a loaded machine
        .shutdownHook(false).build());
    ScouterQueue queue = ScouterQueue.builder().profile("genai", Profiles.path("genai_profile.json")).transport(http)
        .publishInterval(Duration.ofHours(1)).build();
    tracer.setScouterQueue(queue);

    Set<String> spanIds = ConcurrentHashMap.newKeySet();
    Set<String> recordIds = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      threads.add(new Thread(() -> {
        for (int i = 0; i < PER_THREAD; i++) {
          try (ActiveSpan span = tracer.startAsCurrentSpan("request")) {
            EvalRecord r = EvalRecord.of(Map.of("thread", thread, "i", i));
            span.insertQueueItem("genai", r);
            spanIds.add(span.spanId());
            recordIds.add(r.uid());
          }
        }
      }, "application-" + t));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join(60_000);
    }

    ExporterStats before = ScouterTracing.stats().get("scouter");
    QueueStats queueBefore = queue.stats();
    long start = System.nanoTime();
    queue.shutdown();
    ScouterTracing.shutdown();
    long shutdownMs = (System.nanoTime() - start) / 1_000_000;

    QueueStats q = queue.stats();
    List<JsonNode> records = server.records();
    Set<String> receivedRecordIds = ServerRecordCheck.evalRecords(records).stream().map(r -> r.path("uid").asText())
        .collect(Collectors.toSet());
    System.out.printf("FIGURE shutdown-under-load: %d spans and %d records created by %d threads; at shutdown %d "
        + "spans (of which %d exported already) and %d records pending; shutdown took %d ms; received %d spans, "
        + "%d records; records dropped (buffer full while publishing) %d%n", spanIds.size(), recordIds.size(),
        THREADS, before.queued(), before.exported(), queueBefore.pending(), shutdownMs, server.spanCount(),
        records.size(), q.dropped());

    assertThat(spanIds).hasSize(THREADS * PER_THREAD);
    assertThat(before.queued()).as("a backlog of spans at shutdown").isPositive();
    assertThat(before.dropped()).isZero();
    assertThat(server.spanCount()).as("spans sent == received").isEqualTo(spanIds.size());
    assertThat(server.spans().stream().map(s -> s.spanId()).collect(Collectors.toSet())).isEqualTo(spanIds);

    assertThat(q.inserted() + q.dropped()).as("every record accepted or counted").isEqualTo(recordIds.size());
    assertThat(q.published()).as("records sent == received").isEqualTo(q.inserted()).isEqualTo(records.size());
    assertThat(receivedRecordIds).hasSize(records.size()).isSubsetOf(recordIds);
    assertThat(q.pending()).isZero();
    assertThat(q.failed()).isZero();
    assertThat(server.rejections()).isEmpty();
  }
}
