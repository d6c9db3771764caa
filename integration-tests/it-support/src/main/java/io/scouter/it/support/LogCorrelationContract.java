package io.scouter.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.tracing.TraceSpanRecord;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Log correlation on a runtime that logs through {@code java.util.logging}: with the set-up the README documents for
 * that runtime, the line the sample's {@code PricingService.quote} logs inside its {@code @Traced} span appears in the
 * runtime's log file with that span's trace id and span id, and a line logged outside any span
 * ({@code GET api/diag/log}) with none.
 *
 * <p>A runtime's IT says where its log file is ({@link #logFileText}) and how a line shows the ids
 * ({@link #idsOf}).
 */
public abstract class LogCorrelationContract extends RuntimeIT {
  /** Bound for the server's log file to show a line (file handlers may write asynchronously). */
  private static final Duration LOG_TIMEOUT = Duration.ofSeconds(20);

  /** The runtime's log file as it is now. */
  protected abstract String logFileText() throws IOException;

  /** The text that shows these ids in one line of the log file. */
  protected abstract List<String> idsOf(String traceId, String spanId);

  /** Every form the ids take in this runtime's log lines, to check a line has none of them. */
  protected abstract List<String> idMarkers();

  @Test
  void aLineLoggedInsideATracedMethodCarriesItsSpansIds_aLineOutsideCarriesNone() throws Exception {
    String orderId = "log" + System.nanoTime();
    HttpResponse<String> r = get("api/orders/" + orderId + "?items=fig");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode reply = JSON.readTree(r.body());
    String traceId = reply.get("traceId").asText();
    TraceSpanRecord quote = one(awaitTrace(traceId, 6), "PricingService.quote");

    String outside = "o" + System.nanoTime();
    assertThat(get("api/diag/log?message=" + outside).statusCode()).isEqualTo(200);

    String inside = awaitLine("pricing order " + orderId);
    assertThat(inside).as("the line logged inside the span").contains(idsOf(quote.traceId(), quote.spanId()));
    String outsideLine = awaitLine("outside a span: " + outside);
    for (String marker : idMarkers()) {
      assertThat(outsideLine).as("the line logged outside any span").doesNotContain(marker);
    }
  }

  /** The first line of the log file containing {@code text}, waiting for it (bounded). */
  private String awaitLine(String text) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + LOG_TIMEOUT.toNanos();
    while (true) {
      Optional<String> line = logFileText().lines().filter(l -> l.contains(text)).findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no line containing '" + text + "' in the server log within " + LOG_TIMEOUT);
      }
      Thread.sleep(200);
    }
  }
}
