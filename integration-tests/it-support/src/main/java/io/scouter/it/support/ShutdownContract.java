package io.scouter.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runtime is stopped (SIGTERM, as a service manager does) while the Scouter server is down (a closed port): the CDI
 * container's shutdown delivers what it can within {@code scouter.shutdown-timeout}, logs one warning counting the
 * spans it could not deliver, and the process exits. The time from the stop to the exit is printed as a FIGURE line,
 * never asserted; the 90 s limit only keeps a hang from blocking the build.
 *
 * <p>A runtime's IT implements {@link #start} with {@code scouter.batch.scheduled-delay-ms=600000} added to the
 * settings (so every span is still queued at the stop) and {@link #logText}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
public abstract class ShutdownContract {
  private static final Pattern LOST = Pattern.compile("Scouter could not deliver (\\d+) spans");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Starts the runtime with the sample WAR, its spans going to {@code settings.scouterUri()}, exporting no batch early. */
  protected abstract RuntimeIT.Started start(RuntimeIT.Settings settings) throws Exception;

  /** What the runtime logged: by default the process's output; a runtime that logs to a file reads that. */
  protected String logText(RuntimeIT.Started started) throws IOException {
    return started.process().logText();
  }

  /** The figure's name, e.g. {@code payara}. */
  protected abstract String runtime();

  @Test
  void stopWithTheServerDown_exitsAndCountsTheSpansNotDelivered() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    RuntimeIT.Started started = start(new RuntimeIT.Settings(URI.create("http://127.0.0.1:" + closed),
        "it-" + runtime() + "-shutdown"));
    try {
      started.process().awaitHttpOk(started.app().resolve("api/diag/otel"), RuntimeIT.START_TIMEOUT);
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(started.app().resolve("api/orders/c" + i
            + "?items=kiwi" + i)).timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }

      Duration exit = started.process().stopPolitely(Duration.ofSeconds(90));
      assertThat(exit).as("the process exits after the stop; " + started.process().tail()).isNotNull();
      System.out.printf("FIGURE %s-shutdown: stop (SIGTERM) to exit %d ms with the Scouter server down "
          + "(scouter.shutdown-timeout 5s)%n", runtime(), exit.toMillis());

      String log = logText(started);
      Matcher m = LOST.matcher(log);
      List<String> lines = log.lines().filter(l -> l.contains("Scouter could not deliver")).toList();
      assertThat(m.find()).as("a warning counts the spans not delivered; " + started.process().tail()).isTrue();
      assertThat(Integer.parseInt(m.group(1))).as(m.group()).isPositive();
      assertThat(lines).as("one such warning").hasSize(1);
    } finally {
      started.process().close();
    }
  }
}
