package io.scouter.tracing.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.MockConfig;
import io.scouter.tracing.RemoteParent;
import io.scouter.tracing.ScouterTracer;
import io.scouter.tracing.ScouterTracing;
import io.scouter.tracing.TracerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 2,000 generated malformed propagation headers (bad hex, wrong lengths, uppercase, unicode, huge values, repeated
 * headers, CR/LF injection): extraction never throws and never accepts them; a span started with them is a new root
 * trace; nothing from them reaches a log line.
 */
class MalformedHeadersFuzzTest {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String SPAN = "00f067aa0ba902b7";
  private final List<String> logged = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logged.add(String.valueOf(r.getMessage()));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @AfterEach
  void reset() {
    ScouterTracing.shutdown();
    Logger.getLogger("io.scouter").removeHandler(capture);
  }

  static String mutateHex(Random r, String valid) {
    StringBuilder sb = new StringBuilder(valid);
    switch (r.nextInt(9)) {
      case 0:
        return valid.toUpperCase();
      case 1:
        return valid.substring(0, r.nextInt(valid.length()));
      case 2:
        return valid + "0".repeat(1 + r.nextInt(4));
      case 3:
        sb.setCharAt(r.nextInt(sb.length()), "gzG-_ \u00e9\u4e2d".charAt(r.nextInt(8)));
        return sb.toString();
      case 4:
        return "0".repeat(valid.length());
      case 5:
        return valid + "\r\nX-Injected: yes";
      case 6:
        return "x".repeat(10_000 + r.nextInt(50_000));
      case 7:
        return "";
      default:
        return valid.substring(0, valid.length() / 2) + "\n" + valid.substring(valid.length() / 2);
    }
  }

  static Map<String, Object> malformed(Random r) {
    Map<String, Object> h = new LinkedHashMap<>();
    String flags = r.nextBoolean() ? "01" : mutateHex(r, "01");
    String version = r.nextInt(4) == 0 ? mutateHex(r, "00") : (r.nextBoolean() ? "00" : "ff");
    boolean w3c = r.nextBoolean();
    boolean mutateTrace = r.nextBoolean();
    String trace = mutateTrace ? mutateHex(r, TRACE) : TRACE;
    String span = !mutateTrace || r.nextBoolean() ? mutateHex(r, SPAN) : SPAN;
    if (w3c) {
      String tp = version + "-" + trace + "-" + span + "-" + flags;
      if (version.equals("00") && flags.equals("01") && trace.equals(TRACE) && span.equals(SPAN)) {
        tp = tp + "-extra"; // version 00 must have exactly four fields
      }
      if (r.nextInt(5) == 0) {
        h.put("traceparent", List.of(tp, "00-" + TRACE + "-" + SPAN + "-01")); // repeated header: first wins
      } else {
        h.put(r.nextBoolean() ? "traceparent" : "TraceParent", tp);
      }
      h.put("tracestate", r.nextBoolean() ? "k=v" : mutateHex(r, "vendor=value"));
    } else {
      h.put(r.nextBoolean() ? "trace_id" : "TRACE_ID", trace);
      h.put("span_id", span);
      h.put("is_sampled", r.nextBoolean() ? "true" : mutateHex(r, "true"));
    }
    return h;
  }

  @Test
  void twoThousandMalformedHeaders_areRejected_andStartNewTraces() {
    Logger logger = Logger.getLogger("io.scouter");
    logger.addHandler(capture);
    Level before = logger.getLevel();
    logger.setLevel(Level.ALL);
    try {
      ScouterTracer tracer = ScouterTracing.initTracer(TracerConfig.builder().serviceName("fuzz")
          .transport(new MockConfig()).build());
      Random r = new Random(20261125);
      int cases = 0;
      for (int i = 0; i < 2000; i++) {
        Map<String, Object> headers = malformed(r);
        Optional<RemoteParent> parent = ScouterTracing.extractRemoteParent(headers);
        if (parent.isPresent()) {
          // the only acceptable case: legacy ids in upper case (legacy hex is case-insensitive, as upstream's int(x, 16))
          Object legacyTrace = headers.containsKey("trace_id") ? headers.get("trace_id") : headers.get("TRACE_ID");
          assertThat(String.valueOf(legacyTrace)).as("accepted %s", headers).isEqualToIgnoringCase(TRACE);
          assertThat(String.valueOf(headers.get("span_id"))).as("accepted %s", headers).isEqualToIgnoringCase(SPAN);
          continue;
        }
        try (ActiveSpan span = tracer.spanBuilder("request").headers(headers).startAsCurrent()) {
          assertThat(span.traceId()).as("a new trace for %s", headers).isNotEqualTo(TRACE);
        }
        cases++;
      }
      assertThat(cases).isGreaterThan(1000);
    } finally {
      logger.setLevel(before);
    }
    for (String line : logged) {
      assertThat(line).doesNotContain("\r").doesNotContain("X-Injected").doesNotContain("xxxxxxxxxx");
    }
  }

  @Test
  void oversizedTracestate_isDiscarded_asW3CSays_whileTheParentIsKept() {
    String traceparent = "00-" + TRACE + "-" + SPAN + "-01";
    // a member value may have 256 characters (W3C); the whole header at most 512
    String small = "vendor=" + "a".repeat(200) + ",other=" + "b".repeat(200);
    String big = small + ",third=" + "c".repeat(200);
    assertThat(ScouterTracing.extractRemoteParent(Map.of("traceparent", traceparent, "tracestate", small)))
        .hasValueSatisfying(p -> assertThat(p.traceState()).isEqualTo(small));
    assertThat(ScouterTracing.extractRemoteParent(Map.of("traceparent", traceparent, "tracestate", big)))
        .hasValueSatisfying(p -> {
          assertThat(p.traceId()).isEqualTo(TRACE);
          assertThat(p.traceState()).isEmpty();
        });
  }
}
