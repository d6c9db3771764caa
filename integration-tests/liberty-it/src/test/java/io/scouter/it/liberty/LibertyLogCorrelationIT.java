package io.scouter.it.liberty;

import io.scouter.it.support.LogCorrelationContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Log correlation on Open Liberty as the README documents it: {@code <logging messageFormat="json"/>}
 * ({@code src/test/liberty/servers/logs}) and nothing else; the JSON event of the line logged inside the
 * {@code @Traced} method in {@code messages.log} has the fields {@code ext_trace_id} and {@code ext_span_id} (Liberty's
 * {@code LogRecordContext} extensions, which Scouter registers at start-up).
 */
class LibertyLogCorrelationIT extends LogCorrelationContract {
  private static final String VARIANT = "logs";

  @Override
  protected String serviceName() {
    return "it-liberty-logs";
  }

  @Override
  protected Started start(Settings settings) throws Exception {
    return Liberty.start(VARIANT, VARIANT, settings, Map.of());
  }

  @Override
  protected String logFileText() throws IOException {
    Path log = Liberty.messagesLog(VARIANT);
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  @Override
  protected List<String> idsOf(String traceId, String spanId) {
    return List.of("\"ext_trace_id\":\"" + traceId + "\"", "\"ext_span_id\":\"" + spanId + "\"",
        "\"ext_is_sampled\":\"true\"");
  }

  @Override
  protected List<String> idMarkers() {
    return List.of("ext_trace_id", "ext_span_id");
  }
}
