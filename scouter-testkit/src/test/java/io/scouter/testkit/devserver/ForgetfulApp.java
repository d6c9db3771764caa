package io.scouter.testkit.devserver;

import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.BatchConfig;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TracerConfig;

/** An application that traces and exits without calling {@code ScouterTracing.shutdown()}. */
public final class ForgetfulApp {
  private ForgetfulApp() {}

  public static void main(String[] args) {
    ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("forgetful")
        .transport(HttpConfig.builder().uri(args[0]).build())
        .batchConfig(BatchConfig.builder().scheduledDelayMs(60_000).build()).build());
    int n = Integer.parseInt(args[1]);
    for (int i = 0; i < n; i++) {
      try (ActiveSpan span = tracer.startAsCurrentSpan("work-" + i)) {
        span.setAttribute("i", i);
      }
    }
    System.out.println("done without shutdown");
  }
}
