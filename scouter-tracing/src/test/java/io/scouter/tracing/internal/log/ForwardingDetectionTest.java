package io.scouter.tracing.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An MDC API that only forwards to another one (SLF4J bound to JBoss LogManager, as in Quarkus) is found by probing,
 * so the ids are written once; independent APIs (the real Logback, Log4j 2 and JBoss LogManager here) are all kept,
 * and the probe leaves nothing behind.
 */
class ForwardingDetectionTest {
  /** An MDC of its own, or a view of another sink's (a bridge). */
  private static final class MapSink implements MdcSink {
    private final Map<String, String> map;

    MapSink(Map<String, String> map) {
      this.map = map;
    }

    @Override
    public void put(String key, String value) {
      map.put(key, value);
    }

    @Override
    public void remove(String key) {
      map.remove(key);
    }

    @Override
    public String get(String key) {
      return map.get(key);
    }

    @Override
    public String name() {
      return "map";
    }
  }

  @Test
  void aBridgeIsDetected_independentApisAreNot() {
    Map<String, String> shared = new HashMap<>();
    MapSink backend = new MapSink(shared);
    MapSink bridge = new MapSink(shared);
    assertThat(LogCorrelation.forwards(backend, bridge)).isTrue();
    assertThat(LogCorrelation.forwards(backend, new MapSink(new HashMap<>()))).isFalse();
    assertThat(shared).as("the probe is removed").isEmpty();

    assertThat(LogCorrelation.forwards(new JBossSink(), new Slf4jSink())).isFalse();
    assertThat(LogCorrelation.forwards(new Log4jSink(), new Slf4jSink())).isFalse();
    assertThat(LogCorrelation.forwards(new Log4jSink(), new JBossSink())).isFalse();
    assertThat(LogCorrelation.forwards(null, new Slf4jSink())).isFalse();
  }
}
