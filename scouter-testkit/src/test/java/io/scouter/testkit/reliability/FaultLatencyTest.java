package io.scouter.testkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.testkit.LogCapture;
import io.scouter.devserver.ScouterDevServer;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.ExporterStats;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TracerConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The caller's latency of a traced call, with and without each backend fault, in one run against the dev server:
 * a slow server (answers after longer than the transport timeout), tokens revoked again and again (401 and re-login),
 * 429 and 503 bursts, connections closed without an answer. The figures are recorded in docs/reliability.md; the
 * test asserts that each fault really hit the exporter, that nothing reached the caller, that every span is accounted
 * for, that no credential was logged, and (a guard, not a measurement) that no fault pushed the p99 near the
 * transport timeout, which is what a caller blocked by the export would see.
 */
class FaultLatencyTest {
  static final String PASSWORD = "pw-Fault-93be1";
  static final String TOKEN = "tok-Fault-4c02d8";
  static final int RATE = 2_000;
  static final Duration PHASE = Duration.ofSeconds(3);
  static final Duration TIMEOUT = Duration.ofSeconds(1);
  /** A caller that waited for the export would see about the transport timeout; generous for a loaded machine. */
  static final double P99_GUARD_MICROS = 250_000;

  private final ScouterDevServer server = ScouterDevServer.builder().user("svc", PASSWORD).keepSpans(false).build();
  private final ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    faults.shutdownNow();
    ScouterTracing.shutdown();
    server.close();
  }

  @Test
  void callerP99_withAndWithoutEachFault() throws Exception {
    Map<String, Consumer<ScouterDevServer>> phases = new LinkedHashMap<>();
    phases.put("no fault", s -> {});
    phases.put("slow server (2 s > 1 s timeout)", s -> s.delayResponses(Duration.ofSeconds(2)));
    phases.put("401: tokens revoked every 200 ms", s -> s.revokeTokens());
    AtomicInteger tick = new AtomicInteger();
    phases.put("429 every 2nd message, 503 bursts of 3 each second", s -> {
      s.rateLimitEvery(2);
      if (tick.getAndIncrement() % 5 == 0) {
        s.failNext(3, 503);
      }
    });
    phases.put("3 connections closed each second", s -> {
      if (tick.getAndIncrement() % 5 == 0) {
        s.closeConnectionsNext(3);
      }
    });

    Map<String, Load.Result> results = new LinkedHashMap<>();
    Map<String, Effect> effects = new LinkedHashMap<>();
    long calls = 0;
    try (LogCapture logs = LogCapture.start()) {
      ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("fault-latency")
          .transport(HttpConfig.builder().uri(server.httpUri().toString()).username("svc").password(PASSWORD)
              .authToken(TOKEN).timeout(TIMEOUT).build())
          .batchConfig(BatchConfig.builder().maxExportBatchSize(200).scheduledDelayMs(50).build())
          .shutdownHook(false).build());
      calls += Load.paced(tracer, RATE, Duration.ofSeconds(1)).calls(); // warm-up
      ScouterTracing.flush();
      for (Map.Entry<String, Consumer<ScouterDevServer>> phase : phases.entrySet()) {
        ExporterStats before = stats();
        int loginsBefore = server.logins();
        long messagesBefore = server.messages();
        // re-apply the fault every 200 ms, so it lasts the whole phase
        var task = faults.scheduleAtFixedRate(() -> phase.getValue().accept(server), 0, 200, TimeUnit.MILLISECONDS);
        Load.Result r = Load.paced(tracer, RATE, PHASE);
        task.cancel(false);
        ExporterStats after = stats();
        effects.put(phase.getKey(), new Effect(after.retried() - before.retried(), server.logins() - loginsBefore,
            server.messages() - messagesBefore, after.dropped() - before.dropped()));
        server.clear();
        calls += r.calls();
        results.put(phase.getKey(), r);
        ScouterTracing.flush();
      }
      assertThat(ScouterTracing.flush()).as("once the faults are gone, everything held is delivered").isTrue();
      ExporterStats s = stats();
      StringBuilder table = new StringBuilder("FIGURE fault latency (" + RATE + " calls/s, " + PHASE.toSeconds()
          + " s per phase, transport timeout " + TIMEOUT.toMillis() + " ms):\n");
      results.forEach((name, r) -> table.append(String.format("  %-52s %s | %s%n", name, r.summary(),
          effects.get(name))));
      table.append("  totals: ").append(s);
      System.out.println(table);

      assertThat(s.exported() + s.dropped() + s.failed()).as("every span accounted for").isEqualTo(calls);
      assertThat(s.queued()).isZero();
      // each fault really held the export up
      assertThat(effects.get("slow server (2 s > 1 s timeout)").dropped()).as("queue overflowed").isPositive();
      assertThat(effects.get("401: tokens revoked every 200 ms").relogins()).isPositive();
      assertThat(effects.get("429 every 2nd message, 503 bursts of 3 each second").retried()).isPositive();
      assertThat(effects.get("3 connections closed each second").retried()).isPositive();
      results.forEach((name, r) -> assertThat(r.percentileMicros(99)).as("p99 (us) with %s", name)
          .isLessThan(P99_GUARD_MICROS));
      logs.assertNoneContain(PASSWORD, TOKEN);
    }
  }

  /** What a phase did to the export. */
  record Effect(long retried, long relogins, long messages, long dropped) {
    @Override
    public String toString() {
      return String.format("retried +%d, re-logins +%d, messages +%d, dropped +%d", retried, relogins, messages,
          dropped);
    }
  }

  private static ExporterStats stats() {
    return ScouterTracing.stats().get("scouter");
  }
}
