package io.scouter.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.devui.tests.DevUIBuildTimeDataTest;
import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code quarkus dev}: Dev Services start one dev server, the Dev UI card serves its page (the web component, the dev
 * server's URL as build-time data, the exporter counters over JSON-RPC) and a traced call shows up on the dev server;
 * the page, rendered in headless Chromium, shows the counters and the dev server's waterfall with the call; after a live
 * reload the application still exports to the same dev server, which was not started again.
 */
class ScouterDevModeTest {
  static final int PORT = freePort();

  @RegisterExtension
  static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
      .withApplicationRoot(jar -> jar.addClasses(Pipeline.class, Question.class, Answer.class, Answer.Score.class,
          PredictRoute.class).addAsResource(
              new org.jboss.shrinkwrap.api.asset.StringAsset(
                  "quarkus.http.port=" + PORT + "\nscouter.service-name=dev-mode-test\n"),
              "application.properties"))
      .setLogRecordPredicate(r -> r.getLoggerName().startsWith("io.scouter"));

  /** What the Dev UI page shows: the exporter rows, the embedded page's address and text (a JSON string). */
  static final String PAGE_PROBE = "(() => {"
      + " const find = root => { const c = root.querySelector('qwc-scouter-traces'); if (c) return c;"
      + "   for (const e of root.querySelectorAll('*')) { if (e.shadowRoot) { const f = find(e.shadowRoot); if (f) return f; } }"
      + "   return null; };"
      + " const c = find(document);"
      + " if (!c || !c.shadowRoot) return JSON.stringify({ page: location.href, component: false });"
      + " const rows = [...c.shadowRoot.querySelectorAll('tr.exporter')].map(r => [...r.cells].map(td => td.textContent.trim()).join(' '));"
      + " const f = c.shadowRoot.querySelector('iframe#traces');"
      + " let text = null; try { text = f && f.contentDocument ? f.contentDocument.querySelector('h1').textContent + ' | ' + f.contentDocument.getElementById('traces').textContent : null; } catch (e) { text = String(e); }"
      + " return JSON.stringify({ page: location.href, component: true, rows, iframe: f ? f.getAttribute('src') : null, text });"
      + "})()";

  @Test
  void oneDevServerAcrossLiveReloadsAndTheDevUiPageShowsItsTraces() throws Exception {
    String[] first = DevServerClient.get("http://localhost:" + PORT + "/predict?text=hello%20world").split(" ");
    String devServer = first[0];
    assertThat(devServer).startsWith("http://127.0.0.1:");
    assertThat(first[1]).isEqualTo("long");
    JsonNode span = DevServerClient.awaitSpan(devServer, "predict");
    assertThat(span.toString()).contains("hello world").contains("dev-mode-test");

    // the Dev UI card: the page's web component, the dev server it embeds, the counters it shows
    DevUIBuildTimeDataTest buildTimeData = new DevUIBuildTimeDataTest("quarkus-scouter") {};
    assertThat(buildTimeData.getBuildTimeData("devServerUrl").asText()).isEqualTo(devServer);
    assertThat(DevServerClient.get("http://localhost:" + PORT + "/q/dev-ui/quarkus-scouter/qwc-scouter-traces.js"))
        .contains("customElements.define('qwc-scouter-traces'");
    DevUIJsonRPCTest rpc = new DevUIJsonRPCTest("quarkus-scouter");
    JsonNode scouter = awaitExported(rpc);
    assertThat(scouter.path("exported").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(scouter.path("failed").asLong()).isZero();

    // the page in headless Chromium: the scouter exporter's counters and the dev server's waterfall with the call
    JsonNode shown = null;
    try (DevUiBrowser browser = DevUiBrowser.open("http://localhost:" + PORT + "/q/dev-ui/quarkus-scouter/traces")) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        shown = new com.fasterxml.jackson.databind.ObjectMapper().readTree(browser.evaluate(PAGE_PROBE));
        if (shown.path("rows").toString().contains("scouter") && shown.path("text").asText().contains("hello world")) {
          break;
        }
        Thread.sleep(500);
      }
    }
    assertThat(shown).isNotNull();
    assertThat(shown.path("component").asBoolean()).as("the web component on %s", shown).isTrue();
    assertThat(shown.path("rows").get(0).asText()).as("exporter, exported, ... %s", shown)
        .matches("scouter [1-9][0-9]* .*");
    assertThat(shown.path("iframe").asText()).isEqualTo(devServer + "/");
    assertThat(shown.path("text").asText()).as("%s", shown).contains("Scouter dev server: traces").contains("predict")
        .contains("dev-mode-test").contains("hello world").contains("long");

    // live reload: the application is rebuilt, the dev server (and the trace it holds) stays
    TEST.modifySourceFile(Pipeline.class, s -> s.replace("\"long\"", "\"lengthy\""));
    String[] second = DevServerClient.get("http://localhost:" + PORT + "/predict?text=hello%20again").split(" ");
    assertThat(second[1]).isEqualTo("lengthy");
    assertThat(second[0]).isEqualTo(devServer);
    DevServerClient.awaitOutput(devServer, "predict", "lengthy");
    assertThat(DevServerClient.get(devServer + "/scouter/dev/traces")).contains("hello world");
    long starts = TEST.getLogRecords().stream().map(LogRecord::getMessage)
        .filter(m -> m != null && m.contains("Dev Services for Scouter started")).count();
    assertThat(starts).isEqualTo(1);
  }

  private static JsonNode awaitExported(DevUIJsonRPCTest rpc) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode stats = rpc.executeJsonRPCMethod("stats");
      for (JsonNode e : stats) {
        if (e.path("exporter").asText().equals("scouter") && e.path("exported").asLong() > 0) {
          return e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no exported span in the counters: " + stats);
      }
      Thread.sleep(200);
    }
  }

  /** A free port, also set as {@code quarkus.http.port} for the Dev UI test clients' {@code test.url}. */
  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      System.setProperty("quarkus.http.port", String.valueOf(s.getLocalPort()));
      System.setProperty("quarkus.http.test-port", String.valueOf(s.getLocalPort()));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
