package io.scouter.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.tracing.TraceSpanRecord;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a probe run observed on a runtime variant, written to {@code target/probes/<name>.txt}: the classloading
 * diagnostics before and after a traced request, the request's answer, the spans the Scouter server got for its trace
 * (and all others), and the server log lines about OpenTelemetry or errors. Probes answer questions about runtimes
 * (which OpenTelemetry an application sees, whether a runtime's SDK loads exporter providers from the WAR); the facts
 * they established are summarised in {@code integration-tests/README.md}.
 */
public final class ProbeReport {
  private static final Pattern INTERESTING = Pattern.compile(
      "(?i)opentelemetry|otel|ServiceConfiguration|LinkageError|NoClassDefFound|NoSuchMethod|ClassCast|SEVERE|"
          + "\\] \\S+ \\S+\\s+[EW] |it-probe|Exception");

  private ProbeReport() {}

  /** Runs the observation on {@code it} and writes the report; returns the diagnostics after the request. */
  public static JsonNode observe(RuntimeIT it, String name, List<Path> logs) throws Exception {
    StringBuilder out = new StringBuilder("# probe " + name + "\n");
    out.append("\n## diagnostics before\n").append(it.diagnostics().toPrettyString()).append('\n');
    HttpResponse<String> r = it.get("api/orders/probe?items=fig");
    out.append("\n## GET api/orders/probe -> ").append(r.statusCode()).append('\n').append(r.body()).append('\n');
    Thread.sleep(3000);
    JsonNode after = it.diagnostics();
    out.append("\n## diagnostics after\n").append(after.toPrettyString()).append('\n');
    if (r.statusCode() == 200) {
      String traceId = RuntimeIT.JSON.readTree(r.body()).path("traceId").asText();
      out.append("\n## spans of trace ").append(traceId).append('\n');
      RuntimeIT.describe(it.dev.spans(traceId)).forEach(l -> out.append(l).append('\n'));
    }
    out.append("\n## all spans in the Scouter server\n");
    List<TraceSpanRecord> all = it.dev.spans();
    RuntimeIT.describe(all).forEach(l -> out.append(l).append('\n'));
    logs(out, logs);
    write(name, out);
    return after;
  }

  /** For a variant whose application did not start: only the log lines. */
  public static void observeLog(String name, List<Path> logs) throws IOException {
    StringBuilder out = new StringBuilder("# probe " + name + " (application not started)\n");
    logs(out, logs);
    write(name, out);
  }

  private static void logs(StringBuilder out, List<Path> logs) throws IOException {
    for (Path log : logs) {
      out.append("\n## ").append(log).append(" (matching lines)\n");
      if (Files.exists(log)) {
        Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> INTERESTING.matcher(l).find())
            .limit(120).forEach(l -> out.append(l.length() > 400 ? l.substring(0, 400) + "..." : l).append('\n'));
      }
    }
  }

  private static void write(String name, StringBuilder out) throws IOException {
    Path file = Path.of("target", "probes", name + ".txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, out, StandardCharsets.UTF_8);
    System.out.println(out);
  }

}
