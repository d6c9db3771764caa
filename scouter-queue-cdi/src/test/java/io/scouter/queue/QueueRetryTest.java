package io.scouter.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.devserver.ScouterDevServer;
import io.scouter.tracing.HttpConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Queue records get the delivery guarantees of spans (one export engine): a batch the server could not take is held
 * and retried with backoff on its own, not only at the next publish, and arrives once when the server is back; a batch
 * over the transport's message limit is split to fit. Real sockets to the dev server; the publish interval is an hour,
 * so nothing but the engine's retry can deliver. The waits only bound a hang; no duration is asserted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueueRetryTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private ScouterDevServer server;
  private ScouterQueue queue;

  @AfterEach
  void stop() {
    if (queue != null) {
      queue.shutdown();
    }
    if (server != null) {
      server.close();
    }
  }

  private ScouterQueue genaiQueue(String uri) {
    queue = ScouterQueue.builder().profile("genai", Profiles.path("genai_profile.json"))
        .transport(HttpConfig.builder().uri(uri).timeout(Duration.ofSeconds(1)).build())
        .publishInterval(Duration.ofHours(1)).build();
    return queue;
  }

  /** A full batch (the profile's sample size, 25): published at once, without waiting for the interval. */
  private static List<String> insertFullBatch(ScouterQueue q) {
    List<String> uids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      EvalRecord r = EvalRecord.of(Map.of("i", i));
      uids.add(r.uid());
      q.get("genai").insert(r);
    }
    return uids;
  }

  @Test
  void aBatchSurvivesABackendThatIsDownForAWhile_andArrivesOnceWhenItComesBack() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens, connecting is refused
    }
    ScouterQueue q = genaiQueue("http://127.0.0.1:" + port);
    List<String> uids = insertFullBatch(q);
    await(() -> q.stats().messages() >= 2, "the engine tried the batch and retried it at least once");
    assertThat(q.stats().published()).isZero();
    assertThat(q.stats().pending()).as("held, not lost").isEqualTo(25);

    server = ScouterDevServer.builder().port(port).build(); // the backend comes back; nobody publishes or flushes
    await(() -> server.records().size() >= 25, "the held records arrive after the backoff");

    assertThat(server.rejections()).isEmpty();
    assertThat(uids(server)).as("every record once, in order").containsExactlyElementsOf(uids);
    assertThat(q.stats().published()).isEqualTo(25);
    assertThat(q.stats().pending()).isZero();
    assertThat(q.stats().failed()).isZero();
  }

  @Test
  void aBusyServer_getsTheHeldBatchAgainUntilItTakesIt() {
    server = ScouterDevServer.start();
    // more 503s than the transport's own retries within its 1 s timeout: only the engine's later retries get through
    server.failNext(10, 503);
    ScouterQueue q = genaiQueue(server.httpUri().toString());
    List<String> uids = insertFullBatch(q);
    await(() -> server.records().size() >= 25, "the held records arrive once the server takes messages again");

    assertThat(uids(server)).as("every record once, in order").containsExactlyElementsOf(uids);
    assertThat(q.stats().messages()).as("the batch was sent more than once").isGreaterThan(1);
    assertThat(q.stats().published()).isEqualTo(25);
    assertThat(q.stats().pending()).isZero();
    assertThat(q.stats().failed()).isZero();
  }

  @Test
  void aBatchOverTheMessageLimit_isSplitToFit_andARecordTooLargeForAnyMessageIsCountedAsFailed() {
    server = ScouterDevServer.start();
    ScouterQueue q = genaiQueue(server.httpUri().toString());
    String large = "x".repeat(300_000);
    List<String> uids = new ArrayList<>();
    for (int i = 0; i < 12; i++) { // about 3.6 MB: over the HTTP transport's 2 MiB message limit
      EvalRecord r = EvalRecord.of(Map.of("i", i, "text", large));
      uids.add(r.uid());
      q.get("genai").insert(r);
    }
    q.get("genai").insert(EvalRecord.of(Map.of("text", "y".repeat(3_000_000)))); // fits no message
    assertThat(q.flush(WAIT)).isTrue();

    assertThat(server.rejections()).isEmpty();
    assertThat(uids(server)).as("every record that fits, once, in order").containsExactlyElementsOf(uids);
    assertThat(server.messages()).as("split into messages that fit").isGreaterThan(1);
    assertThat(q.stats().published()).isEqualTo(12);
    assertThat(q.stats().failed()).as("the record too large for any message").isEqualTo(1);
    assertThat(q.stats().pending()).isZero();
  }

  private static void await(BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      ScouterQueueHttpTest.sleep(50);
    }
    assertThat(done.getAsBoolean()).as(what).isTrue();
  }

  private static List<String> uids(ScouterDevServer server) {
    return ServerRecordCheck.evalRecords(server.records()).stream().map(r -> r.get("uid").asText()).toList();
  }
}
