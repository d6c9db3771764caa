package io.scouter.quarkus.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium on a page, driven over the DevTools protocol (a WebSocket): the Dev UI renders its pages as web
 * components in shadow roots, which {@code --dump-dom} does not print, so the test evaluates a script in the page
 * instead. Chromium is found as the demo's page test finds it ({@code -Dchromium.path}, {@code chromium} or
 * {@code chromium-browser} on the {@code PATH}, {@code /usr/bin/chromium}).
 */
final class DevUiBrowser implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private DevUiBrowser(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  /** Opens {@code url} in a new headless Chromium (same-origin policy off, so the embedded dev server page is readable). */
  static DevUiBrowser open(String url) throws Exception {
    Path profile = Files.createTempDirectory("chromium-devui");
    List<String> cmd = new ArrayList<>(List.of(chromiumPath().toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,1000",
        "--disable-web-security", "--disable-site-isolation-trials", "--remote-debugging-port=0", url));
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String browserWs = null;
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String line;
    while (browserWs == null && System.nanoTime() < deadline && (line = err.readLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        browserWs = m.group(1);
      }
    }
    if (browserWs == null) {
      p.destroyForcibly();
      throw new AssertionError("Chromium did not open its DevTools port");
    }
    Thread drain = new Thread(() -> {
      try {
        err.transferTo(java.io.Writer.nullWriter());
      } catch (java.io.IOException ignored) {
        // the process ended
      }
    }, "chromium-stderr");
    drain.setDaemon(true);
    drain.start();
    URI ws = URI.create(browserWs);
    String pageWs = null;
    while (pageWs == null && System.nanoTime() < deadline) {
      JsonNode targets =
          JSON.readTree(DevServerClient.get("http://" + ws.getHost() + ":" + ws.getPort() + "/json/list"));
      for (JsonNode t : targets) {
        if (t.path("type").asText().equals("page")) {
          pageWs = t.path("webSocketDebuggerUrl").asText();
        }
      }
      Thread.sleep(100);
    }
    DevUiBrowser[] self = new DevUiBrowser[1];
    StringBuilder partial = new StringBuilder();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(pageWs),
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              String text = partial.toString();
              partial.setLength(0);
              try {
                JsonNode msg = JSON.readTree(text);
                CompletableFuture<JsonNode> f = msg.has("id") && self[0] != null
                    ? self[0].pending.remove(msg.path("id").asInt()) : null;
                if (f != null) {
                  f.complete(msg);
                }
              } catch (java.io.IOException e) {
                // not a protocol message
              }
            }
            w.request(1);
            return null;
          }
        }).get(30, TimeUnit.SECONDS);
    self[0] = new DevUiBrowser(p, socket);
    return self[0];
  }

  /** The value of {@code expression} (a string) evaluated in the page. */
  String evaluate(String expression) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    String request = JSON.writeValueAsString(Map.of("id", id, "method", "Runtime.evaluate", "params",
        Map.of("expression", expression, "returnByValue", true)));
    socket.sendText(request, true).get(10, TimeUnit.SECONDS);
    JsonNode r = reply.get(30, TimeUnit.SECONDS);
    return r.path("result").path("result").path("value").asText();
  }

  @Override
  public void close() {
    socket.abort();
    process.destroyForcibly();
  }

  static Path chromiumPath() {
    String configured = System.getProperty("chromium.path");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return Path.of("/usr/bin/chromium");
  }
}
