package io.scouter.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The decoder rejects what the Scouter server's serde types reject (notes §1.2, §1.3). */
class WireDecoderStrictnessTest {
  static final String SPAN = "{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\","
      + "\"parentSpanId\":\"\",\"name\":\"n\",\"kind\":2,\"startTimeUnixNano\":\"1\",\"endTimeUnixNano\":\"2\","
      + "\"attributes\":[ATTR],\"status\":{\"message\":\"\",\"code\":0}}";

  static byte[] message(String span) {
    return ("{\"request\":{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
        + "\"value\":{\"stringValue\":\"s\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"sc\"},\"spans\":[" + span
        + "]}]}]}}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aValidMinimalMessageDecodes() throws Exception {
    var m = WireDecoder.decode(message(SPAN.replace("ATTR", "{\"key\":\"k\",\"value\":{\"intValue\":7}}")));
    assertThat(m.spans()).hasSize(1);
    assertThat(m.spans().get(0).spanKind()).isEqualTo("SERVER");
    assertThat(m.spans().get(0).parentSpanId()).isNull();
    assertThat(m.spans().get(0).attribute("k")).isEqualTo(7L);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "time as number|\"startTimeUnixNano\":\"1\"|\"startTimeUnixNano\":1",
      "kind as name|\"kind\":2|\"kind\":\"SPAN_KIND_SERVER\"",
      "status code as name|\"code\":0|\"code\":\"STATUS_CODE_OK\"",
      "short trace id|4bf92f3577b34da6a3ce929d0e0e4736|4bf92f3577b34da6",
      "short span id|\"spanId\":\"00f067aa0ba902b7\"|\"spanId\":\"00f067aa\"",
      "non-hex id|00f067aa0ba902b7|00f067aa0ba902zz",
      "empty AnyValue|ATTR|{\"key\":\"k\",\"value\":{}}",
      "two AnyValue keys|ATTR|{\"key\":\"k\",\"value\":{\"stringValue\":\"a\",\"boolValue\":true}}",
      "unknown AnyValue key|ATTR|{\"key\":\"k\",\"value\":{\"textValue\":\"a\"}}",
      "array without values|ATTR|{\"key\":\"k\",\"value\":{\"arrayValue\":{}}}",
      "kvlist without values|ATTR|{\"key\":\"k\",\"value\":{\"kvlistValue\":{}}}",
      "key missing|ATTR|{\"value\":{\"stringValue\":\"a\"}}",
      "intValue not an integer|ATTR|{\"key\":\"k\",\"value\":{\"intValue\":\"1.5\"}}",
  })
  void rejects(String why, String from, String to) {
    String span = SPAN.replace("ATTR", "{\"key\":\"k\",\"value\":{\"stringValue\":\"v\"}}");
    String bad = from.equals("ATTR") ? SPAN.replace("ATTR", to) : span.replace(from, to);
    assertThat(bad).as("the mutation applies").isNotEqualTo(span);
    assertThatThrownBy(() -> WireDecoder.decode(message(bad))).as(why).isInstanceOf(WireFormatException.class);
  }

  @Test
  void missingResourceSpans_andNullResourceAttribute_andUnknownVariant_areRejected() {
    assertThatThrownBy(() -> WireDecoder.decode("{\"request\":{}}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("resourceSpans");
    assertThatThrownBy(() -> WireDecoder.decode(("{\"request\":{\"resourceSpans\":[{\"resource\":{\"attributes\":"
        + "[{\"key\":\"service.name\",\"value\":null}]}}]}}").getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("no value");
    assertThatThrownBy(() -> WireDecoder.decode("{\"spans\":[]}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("untagged enum MessageRecord");
    assertThatThrownBy(() -> WireDecoder.decode("not json".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void queueRecordsAndBareTags_areTheOtherVariants() throws Exception {
    assertThat(WireDecoder.decode("{\"records\":[{\"AgentEval\":{\"record\":{}}}]}".getBytes(StandardCharsets.UTF_8))
        .kind()).isEqualTo(WireDecoder.Kind.RECORDS);
    assertThat(WireDecoder.decode("{\"entity_type\":\"trace\",\"entity_id\":\"x\",\"key\":\"k\",\"value\":\"v\"}"
        .getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(WireDecoder.Kind.TAG);
  }
}
