package io.scouter.quarkus.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the Scouter dev server's JSON API over a real socket, as its trace page does. */
final class DevServerClient {
  /**
   * HTTP/1.1, as a browser speaks to {@code http://}: the JDK client's default upgrades to HTTP/2 (h2c) where the
   * Quarkus HTTP server offers it, and a dev-mode live reload then ends that shared connection with GOAWAY, failing the
   * request that triggered the reload (seen in CI) instead of letting it open a new connection.
   */
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private DevServerClient() {}

  static String get(String url) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** The first span named {@code name} the dev server at {@code baseUrl} holds, waiting up to 30 s for it. */
  static JsonNode awaitSpan(String baseUrl, String name) throws Exception {
    return awaitOutput(baseUrl, name, "");
  }

  /** The first span named {@code name} whose output contains {@code text}, waiting up to 30 s for it. */
  static JsonNode awaitOutput(String baseUrl, String name, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode traces = JSON.readTree(get(baseUrl + "/scouter/dev/traces")).path("traces");
      for (JsonNode trace : traces) {
        for (JsonNode span : trace.path("spans")) {
          if (name.equals(span.path("span_name").asText(span.path("spanName").asText()))
              && span.path("output").toString().contains(text)) {
            return span;
          }
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no span " + name + " with output " + text + " on " + baseUrl + ": " + traces);
      }
      Thread.sleep(100);
    }
  }
}
