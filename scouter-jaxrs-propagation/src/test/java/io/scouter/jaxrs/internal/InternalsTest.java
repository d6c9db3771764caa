package io.scouter.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.scouter.cdi.config.ConfigLookup;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Header sanitizing, route normalisation, URL redaction, settings. */
class InternalsTest {
  static final String TP = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void sanitize_dropsRepeatedOversizedAndControlCharacters() {
    assertThat(IncomingHeaders.sanitize(Map.of("traceparent", List.of(TP)))).containsEntry("traceparent", TP);
    assertThat(IncomingHeaders.sanitize(Map.of("traceparent", List.of(TP, TP)))).isEmpty();
    assertThat(IncomingHeaders.sanitize(Map.of("traceparent", List.of(TP + "x".repeat(300))))).isEmpty();
    assertThat(IncomingHeaders.sanitize(Map.of("traceparent", List.of(TP + "\r\n")))).isEmpty();
    assertThat(IncomingHeaders.sanitize(Map.of("TraceParent", List.of(TP)))).containsEntry("traceparent", TP);
    // tracestate may be split over header lines; only kept with a traceparent
    assertThat(IncomingHeaders.sanitize(Map.of("traceparent", List.of(TP), "tracestate", List.of("a=1", "b=2"))))
        .containsEntry("tracestate", "a=1,b=2");
    assertThat(IncomingHeaders.sanitize(Map.of("tracestate", List.of("a=1")))).isEmpty();
    assertThat(IncomingHeaders.remoteParent(Map.of("traceparent", List.of(TP)))).isPresent();
    assertThat(IncomingHeaders.remoteParent(Map.of("traceparent", List.of(TP.toUpperCase())))).isEmpty();
  }

  @Test
  void escape_neverLogsRawControlCharacters() {
    assertThat(IncomingHeaders.escape("a\r\nb\"")).isEqualTo("\"a\\u000d\\u000ab\\u0022\"");
    assertThat(IncomingHeaders.escape("x".repeat(100))).startsWith("\"" + "x".repeat(64) + "\"...(100 chars)");
  }

  @Test
  void normalise_route() {
    assertThat(RouteResolver.normalise("//orders//{id: [0-9]+}/")).isEqualTo("/orders/{id}");
    assertThat(RouteResolver.normalise("/a/{x:\\d{3}}/b")).isEqualTo("/a/{x}/b");
    assertThat(RouteResolver.normalise("")).isEqualTo("/");
    assertThat(RouteResolver.normalise("orders/{ id }")).isEqualTo("/orders/{id}");
  }

  @Test
  void fullUrl_redactsQueryValuesAndUserInfo() {
    assertThat(HttpAttributes.fullUrl(URI.create("https://user:pw@h:8443/p/q?token=abc&x=1&flag#frag")))
        .isEqualTo("https://h:8443/p/q?token=REDACTED&x=REDACTED&flag");
    assertThat(HttpAttributes.fullUrl(URI.create("http://h"))).isEqualTo("http://h/");
  }

  @Test
  void settings_defaultsAndParsing() {
    JaxrsSettings d = JaxrsSettings.read(ConfigLookup.of(Map.of()));
    assertThat(d.captureBody()).isFalse();
    assertThat(d.excludePaths()).containsExactly("/health", "/q/health", "/metrics", "/q/metrics");
    assertThat(d.sendW3c()).isTrue();
    assertThat(d.sendLegacy()).isTrue();
    JaxrsSettings s = JaxrsSettings.read(ConfigLookup.of(Map.of("scouter.jaxrs.exclude-paths", "ping, /internal/*",
        "scouter.jaxrs.capture-body", "true", "scouter.propagation", "w3c")));
    assertThat(s.excludePaths()).containsExactly("/ping", "/internal");
    assertThat(s.captureBody()).isTrue();
    assertThat(s.sendW3c()).isTrue();
    assertThat(s.sendLegacy()).isFalse();
    assertThat(JaxrsSettings.read(ConfigLookup.of(Map.of("scouter.jaxrs.exclude-paths", "none")))
        .excludePaths()).isEmpty();
    try {
      JaxrsSettings.read(ConfigLookup.of(Map.of("scouter.propagation", "b3", "scouter.jaxrs.capture-body", "yes")));
      throw new AssertionError("expected a configuration error");
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).contains("scouter.propagation").contains("scouter.jaxrs.capture-body");
    }
  }

  /** The JAX-RS keys live here; both READMEs' configuration tables document each, and a bad value names its key. */
  @Test
  void everyJaxrsKey_isDocumented_andRejectsAnInvalidValueNamingTheKey() throws java.io.IOException {
    String own = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
    java.util.Set<String> root = new java.util.TreeSet<>();
    for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("..", "README.md"))) {
      if (line.startsWith("| `scouter.")) { // `scouter.a.b` / `c`: siblings relative to the first key's parent
        String[] cells = line.substring(1, line.indexOf('|', 1)).split("`");
        String parent = cells[1].substring(0, cells[1].lastIndexOf('.') + 1);
        for (int i = 1; i < cells.length; i += 2) {
          root.add(i == 1 ? cells[i] : parent + cells[i]);
        }
      }
    }
    for (io.scouter.cdi.config.ConfigKey k : JaxrsSettings.KEYS) {
      assertThat(own).as("scouter-jaxrs-propagation/README.md").contains("| `" + k.name() + "` |");
      assertThat(root).as("README.md configuration table").contains(k.name());
      if (k.constrained()) {
        assertThatThrownBy(() -> JaxrsSettings.read(ConfigLookup.of(Map.of(k.name(), "bogus"))))
            .hasMessageStartingWith("Invalid Scouter JAX-RS configuration:")
            .hasMessageContaining(k.name() + ": invalid value 'bogus', expected " + k.allowed());
      }
    }
  }

  /** Parsed once per application: the filters' many calls reuse the first parse. */
  @Test
  void settings_areParsedOncePerApplication() {
    JaxrsRuntime.reset();
    JaxrsSettings first = JaxrsRuntime.settings();
    long parses = JaxrsSettings.parses();
    for (int i = 0; i < 5; i++) {
      JaxrsRuntime.reset(); // past the filters' last-application shortcut, down to the per-application snapshot
      assertThat(JaxrsRuntime.settings()).isSameAs(first);
    }
    assertThat(JaxrsSettings.parses()).isEqualTo(parses);
    String old = System.getProperty("scouter.jaxrs.capture-body");
    System.setProperty("scouter.jaxrs.capture-body", String.valueOf(!first.captureBody()));
    try {
      JaxrsRuntime.reset();
      assertThat(JaxrsRuntime.settings().captureBody()).as("a changed value is read again").isNotEqualTo(
          first.captureBody());
      assertThat(JaxrsSettings.parses()).isEqualTo(parses + 1);
    } finally {
      if (old == null) {
        System.clearProperty("scouter.jaxrs.capture-body");
      } else {
        System.setProperty("scouter.jaxrs.capture-body", old);
      }
      JaxrsRuntime.reset();
    }
  }

  @Test
  void excluded_matchesPathAndSubPathsOnly() {
    JaxrsSettings s = new JaxrsSettings(List.of("/health", "/q/metrics"), false, true, true);
    assertThat(s.excluded("/health")).isTrue();
    assertThat(s.excluded("/health/live")).isTrue();
    assertThat(s.excluded("/healthy")).isFalse();
    assertThat(s.excluded("/q/metrics/x")).isTrue();
    assertThat(s.excluded("/orders")).isFalse();
  }

  @Test
  void inject_followsScouterPropagation() {
    SpanContext sc = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        TraceFlags.getSampled(), TraceState.getDefault());
    MultivaluedMap<String, Object> both = new MultivaluedHashMap<>();
    ClientFilters.inject(both, sc, new JaxrsSettings(List.of(), false, true, true));
    assertThat(both.keySet()).containsExactlyInAnyOrder("trace_id", "span_id", "is_sampled", "traceparent");
    MultivaluedMap<String, Object> w3c = new MultivaluedHashMap<>();
    ClientFilters.inject(w3c, sc, new JaxrsSettings(List.of(), false, true, false));
    assertThat(w3c.keySet()).containsExactly("traceparent");
    MultivaluedMap<String, Object> legacy = new MultivaluedHashMap<>();
    legacy.add("trace_id", "stale");
    ClientFilters.inject(legacy, sc, new JaxrsSettings(List.of(), false, false, true));
    assertThat(legacy.keySet()).containsExactlyInAnyOrder("trace_id", "span_id", "is_sampled");
    assertThat(legacy.get("trace_id")).containsExactly("4bf92f3577b34da6a3ce929d0e0e4736");
  }
}
