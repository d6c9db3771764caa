package io.scouter.testkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.devserver.ScouterDevServer;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TracerConfig;
import io.scouter.tracing.TransportConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Overload: the application makes traced calls at ten times the rate the Scouter server takes them (the dev server
 * answers every message after 50 ms, so 100-span batches take at most 2,000 spans/s) for {@link Load#soakSeconds()}
 * seconds, next to a fast second exporter. The heap stays bounded, every span is exported, dropped (counted per
 * exporter) or still queued, and the application's call rate is the same as when tracing to a sink that takes
 * everything (the in-process mock transport).
 */
class OverloadTest {
  static final int BATCH = 100;
  static final Duration SLOW = Duration.ofMillis(50);
  /** What the slow server can take at most: one batch per response delay. */
  static final int CAPACITY = (int) (BATCH * 1000 / SLOW.toMillis());
  static final int RATE = 10 * CAPACITY;
  /** Generous: the queues hold at most 2 x 2,048 spans of about 1 KB. */
  static final long HEAP_BOUND_BYTES = 64L << 20;

  private ScouterDevServer server;

  @AfterEach
  void stop() {
    ScouterTracing.shutdown();
    if (server != null) {
      server.close();
    }
  }

  private static final class Run {
    Load.Result load;
    ExporterStats scouter;
    ExporterStats scouterAtEnd;
    ExporterStats second;
    long received;
    long baselineHeap;
    List<Long> heapAfterGc = new CopyOnWriteArrayList<>();
  }

  /**
   * One run at {@link #RATE}: over HTTP to the dev server slowed by {@link #SLOW}, or (the reference) to the
   * in-process mock transport, a sink that takes everything at once.
   */
  private Run run(boolean slowServer, int seconds) throws Exception {
    TransportConfig transport = new MockConfig();
    if (slowServer) {
      server = ScouterDevServer.builder().keepSpans(false).build();
      server.delayResponses(SLOW);
      transport = HttpConfig.builder().uri(server.httpUri().toString()).build();
    }
    ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("overload")
        .transport(transport).exporter(new Load.FastExporter())
        .batchConfig(BatchConfig.builder().maxExportBatchSize(BATCH).scheduledDelayMs(200).build())
        .shutdownHook(false).build());
    Load.paced(tracer, RATE, Duration.ofSeconds(1)); // warm-up (JIT, login, connection); not counted
    ScouterTracing.flush();

    Run r = new Run();
    ExporterStats warmScouter = ScouterTracing.stats().get("scouter");
    ExporterStats warmSecond = ScouterTracing.stats().get("fast");
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    r.baselineHeap = memory.getHeapMemoryUsage().getUsed();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread monitor = new Thread(() -> {
      while (running.get()) {
        try {
          Thread.sleep(2_000);
        } catch (InterruptedException e) {
          return;
        }
        System.gc();
        r.heapAfterGc.add(memory.getHeapMemoryUsage().getUsed());
      }
    }, "heap-monitor");
    monitor.start();
    r.load = Load.paced(tracer, RATE, Duration.ofSeconds(seconds));
    running.set(false);
    monitor.interrupt();
    monitor.join();
    r.scouterAtEnd = minus(ScouterTracing.stats().get("scouter"), warmScouter);
    if (server != null) {
      server.delayResponses(Duration.ZERO);
    }
    ScouterTracing.flush();
    r.scouter = minus(ScouterTracing.stats().get("scouter"), warmScouter);
    r.second = minus(ScouterTracing.stats().get("fast"), warmSecond);
    r.received = server == null ? r.scouter.exported() : server.spanCount() - warmScouter.exported();
    ScouterTracing.shutdown();
    return r;
  }

  private static ExporterStats minus(ExporterStats s, ExporterStats before) {
    return new ExporterStats(s.exporter(), s.exported() - before.exported(), s.dropped() - before.dropped(),
        s.failed() - before.failed(), 0, s.queued(), s.retried() - before.retried(), 0);
  }

  @Test
  void tenTimesTheExportCapacity_heapBounded_dropsCountedPerExporter_callerNotThrottled() throws Exception {
    int seconds = Load.soakSeconds();
    // the reference: the same calls with tracing on, exported to a sink that never holds anything up
    Run fast = run(false, Math.max(5, seconds / 2));
    Run slow = run(true, seconds);

    long maxHeapGrowth = slow.heapAfterGc.stream().mapToLong(h -> h - slow.baselineHeap).max().orElse(0);
    double throughputRatio = slow.load.ratePerSecond() / fast.load.ratePerSecond();
    double exportRate = slow.scouterAtEnd.exported() / (slow.load.nanos() / 1e9);
    System.out.printf("FIGURE overload %d s at %,d spans/s (10x the slow server's %,d/s):%n"
        + "  slow server: %s%n    scouter exported %,d (%,.0f/s, %.1fx below the offered rate), dropped %,d, "
        + "queued at the end %d; second (fast) exporter exported %,d, dropped %,d%n"
        + "    heap used after GC: baseline %,d KB, growth during the run %s KB (max %,d KB)%n"
        + "  fast sink (reference: mock transport, %d s): %s%n    scouter exported %,d, dropped %,d%n"
        + "  caller rate slow/fast: %.3f; p99 slow/fast: %.1f/%.1f us%n",
        seconds, RATE, CAPACITY, slow.load.summary(), slow.scouterAtEnd.exported(), exportRate, RATE / exportRate,
        slow.scouterAtEnd.dropped(), slow.scouterAtEnd.queued(), slow.second.exported(), slow.second.dropped(),
        slow.baselineHeap >> 10, slow.heapAfterGc.stream().map(h -> (h - slow.baselineHeap) >> 10).toList(),
        maxHeapGrowth >> 10, Math.max(5, seconds / 2), fast.load.summary(), fast.scouter.exported(),
        fast.scouter.dropped(), throughputRatio, slow.load.percentileMicros(99), fast.load.percentileMicros(99));

    for (Run r : List.of(fast, slow)) {
      // every span accounted for, per exporter: after the final flush nothing is queued
      assertThat(r.scouter.exported() + r.scouter.dropped() + r.scouter.failed()).isEqualTo(r.load.calls());
      assertThat(r.scouter.queued()).isZero();
      assertThat(r.received).as("what the server received is what was counted exported")
          .isEqualTo(r.scouter.exported());
      assertThat(r.second.exported() + r.second.dropped()).isEqualTo(r.load.calls());
    }
    // during the overload: exported + dropped + queued == created, up to one batch in flight
    long accounted = slow.scouterAtEnd.exported() + slow.scouterAtEnd.dropped() + slow.scouterAtEnd.queued();
    assertThat(slow.load.calls() - accounted).isBetween(0L, (long) BATCH);
    assertThat(slow.scouter.dropped()).as("the slow server could not take it all").isPositive();
    assertThat(exportRate).as("the server was really overloaded").isLessThan(RATE / 3.0);
    assertThat(slow.second.dropped()).as("the other exporter's queue is its own")
        .isLessThan(slow.scouter.dropped() / 10 + 1);
    assertThat(slow.heapAfterGc).isNotEmpty();
    assertThat(maxHeapGrowth).as("heap growth after GC, bytes").isLessThan(HEAP_BOUND_BYTES);
    assertThat(throughputRatio).as("the caller's rate is not throttled by the slow server").isGreaterThan(0.5);
  }
}
