package io.scouter.it.payara;

import io.scouter.it.support.LogCorrelationContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Log correlation on Payara Micro as the README documents it: {@code scouter.log-correlation.jul-message=true} (here a
 * system property), and the log file of {@code --logtofile} (written as {@code server.log.0}) shows {@code [trace_id=... span_id=... is_sampled=true]} after the message of the line logged inside the
 * {@code @Traced} method.
 */
class PayaraLogCorrelationIT extends LogCorrelationContract {
  private static final String VARIANT = "payara-logs";

  private Path logFile() {
    return PayaraMicro.IT_DIR.resolve(VARIANT).resolve("server.log");
  }

  /** Payara Micro writes {@code --logtofile <file>} through a rotating handler: {@code <file>.0}, {@code <file>.1}, ... */
  private List<Path> logFiles() throws IOException {
    Path dir = logFile().getParent();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("server.log")).sorted().toList();
    }
  }

  @Override
  protected String serviceName() {
    return "it-payara-logs";
  }

  @Override
  protected Started start(Settings settings) throws Exception {
    for (Path old : logFiles()) {
      Files.delete(old);
    }
    return PayaraMicro.start(VARIANT, PayaraMicro.IT_DIR.resolve("sample.war"), settings,
        Map.of("scouter.log-correlation.jul-message", "true"), List.of("--logtofile", logFile().toString()));
  }

  @Override
  protected String logFileText() throws IOException {
    StringBuilder text = new StringBuilder();
    for (Path f : logFiles()) {
      text.append(Files.readString(f, StandardCharsets.UTF_8));
    }
    return text.toString();
  }

  @Override
  protected List<String> idsOf(String traceId, String spanId) {
    return List.of("[trace_id=" + traceId + " span_id=" + spanId + " is_sampled=true]");
  }

  @Override
  protected List<String> idMarkers() {
    return List.of("trace_id=", "span_id=");
  }
}
