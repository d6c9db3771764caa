package io.scouter.quarkus.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code /q/health/ready} and {@code /q/metrics} of the test applications. */
final class HealthClient {
  private HealthClient() {}

  static HttpResponse<String> get(URI uri) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode scouterCheck(String body) throws Exception {
    for (JsonNode c : new ObjectMapper().readTree(body).get("checks")) {
      if (c.get("name").asText().equals("scouter")) {
        return c;
      }
    }
    throw new AssertionError("no 'scouter' check in " + body);
  }

  /** The value of {@code name{...label...}} with {@code exporter="scouter"} in Prometheus text. */
  static double value(String prometheus, String name, String label) {
    Matcher m = Pattern.compile("^" + name + "\\{([^}]*)\\}\\s+(\\S+)", Pattern.MULTILINE).matcher(prometheus);
    while (m.find()) {
      if (m.group(1).contains("exporter=\"scouter\"") && m.group(1).contains(label)) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError("no " + name + "{" + label + "} in:\n"
        + prometheus.lines().filter(l -> l.contains("scouter")).toList());
  }
}
