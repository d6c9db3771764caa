package io.scouter.tracing.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CaptureSerializerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUFFIX = "...[truncated]";
  private static final int MAX = 1000;

  /** Parses the result with a plain mapper: every output must be valid JSON. */
  private static JsonNode parse(String json) throws Exception {
    return JSON.readTree(json);
  }

  private static String toJson(Object value) {
    return CaptureSerializer.toJson(value, MAX);
  }

  // ---- fixtures -------------------------------------------------------------------------------------------------

  record Point(int y, String label, int x) {}

  public static final class Bean {
    private final String zeta;
    private final int alpha;
    private final List<String> middle;

    Bean(String zeta, int alpha, List<String> middle) {
      this.zeta = zeta;
      this.alpha = alpha;
      this.middle = middle;
    }

    public String getZeta() {
      return zeta;
    }

    public int getAlpha() {
      return alpha;
    }

    public List<String> getMiddle() {
      return middle;
    }
  }

  enum Color { RED, GREEN }

  public static final class SelfRef {
    public String getName() {
      return "me";
    }

    public SelfRef getSelf() {
      return this;
    }
  }

  public static final class CycleA {
    CycleB b;

    public CycleB getB() {
      return b;
    }
  }

  public static final class CycleB {
    CycleA a;

    public CycleA getA() {
      return a;
    }
  }

  public static final class ThrowingGetter {
    public String getOk() {
      return "fine";
    }

    public String getBroken() {
      throw new IllegalStateException("boom");
    }
  }

  // ---- structure ------------------------------------------------------------------------------------------------

  @Nested
  class Structure {
    @Test
    void mapKeysAreSorted() throws Exception {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("zulu", 1);
      m.put("alpha", 2);
      m.put("mike", 3);
      String json = toJson(m);
      assertThat(json).isEqualTo("{\"alpha\":2,\"mike\":3,\"zulu\":1}");
      assertThat(parse(json).get("zulu").asInt()).isEqualTo(1);
    }

    @Test
    void nestedMapKeysAreSortedToo() {
      Map<String, Object> inner = new LinkedHashMap<>();
      inner.put("b", true);
      inner.put("a", false);
      Map<String, Object> outer = new LinkedHashMap<>();
      outer.put("y", inner);
      outer.put("x", List.of(inner));
      assertThat(toJson(outer))
          .isEqualTo("{\"x\":[{\"a\":false,\"b\":true}],\"y\":{\"a\":false,\"b\":true}}");
    }

    @Test
    void recordComponentsAreSortedByName() throws Exception {
      String json = toJson(new Point(2, "p", 1));
      assertThat(json).isEqualTo("{\"label\":\"p\",\"x\":1,\"y\":2}");
      parse(json);
    }

    @Test
    void beanPropertiesAreSortedByName() {
      assertThat(toJson(new Bean("z", 7, List.of("m1", "m2"))))
          .isEqualTo("{\"alpha\":7,\"middle\":[\"m1\",\"m2\"],\"zeta\":\"z\"}");
    }

    @Test
    void listsSetsAndArraysBecomeJsonArrays() throws Exception {
      assertThat(toJson(List.of(1, "two", 3.5))).isEqualTo("[1,\"two\",3.5]");
      assertThat(toJson(new LinkedHashSet<>(List.of("b", "a")))).isEqualTo("[\"b\",\"a\"]");
      assertThat(toJson(new int[] {1, 2, 3})).isEqualTo("[1,2,3]");
      assertThat(toJson(new String[] {"x", "y"})).isEqualTo("[\"x\",\"y\"]");
      assertThat(toJson(new Object[] {1, "a", null})).isEqualTo("[1,\"a\",null]");
      assertThat(parse(toJson(List.of())).isArray()).isTrue();
    }

    @Test
    void optionalIsUnwrapped() {
      assertThat(toJson(Map.of("present", Optional.of("v"), "absent", Optional.empty())))
          .isEqualTo("{\"absent\":null,\"present\":\"v\"}");
    }

    @Test
    void javaTimeValuesAreIsoStrings() throws Exception {
      Instant instant = Instant.parse("2024-03-05T06:07:08.123Z");
      LocalDate date = LocalDate.of(2024, 3, 5);
      JsonNode node = parse(toJson(Map.of("at", instant, "day", date)));
      assertThat(node.get("at").isTextual()).isTrue();
      assertThat(Instant.parse(node.get("at").asText())).isEqualTo(instant);
      assertThat(node.get("day").asText()).isEqualTo("2024-03-05");
    }

    @Test
    void enumsAreTheirNames() {
      assertThat(toJson(Color.GREEN)).isEqualTo("\"GREEN\"");
      assertThat(toJson(Map.of("c", Color.RED))).isEqualTo("{\"c\":\"RED\"}");
    }

    @Test
    void bytesAreBase64() throws Exception {
      byte[] data = "hello bytes".getBytes(StandardCharsets.UTF_8);
      String expected = Base64.getEncoder().encodeToString(data);
      assertThat(parse(toJson(data)).asText()).isEqualTo(expected);
      assertThat(parse(toJson(Map.of("b", data))).get("b").asText()).isEqualTo(expected);
    }

    @Test
    void nullIsJsonNull() throws Exception {
      assertThat(toJson(null)).isEqualTo("null");
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("n", null);
      assertThat(toJson(m)).isEqualTo("{\"n\":null}");
      assertThat(parse(toJson(m)).get("n").isNull()).isTrue();
    }

    @Test
    void scalarsAreWrittenAsJsonScalars() {
      assertThat(toJson(42)).isEqualTo("42");
      assertThat(toJson(42L)).isEqualTo("42");
      assertThat(toJson(true)).isEqualTo("true");
      assertThat(toJson(1.5)).isEqualTo("1.5");
      assertThat(toJson("plain")).isEqualTo("\"plain\"");
      assertThat(toJson("quote\" and \\ and \n")).isEqualTo("\"quote\\\" and \\\\ and \\n\"");
    }

    @Test
    void nonFiniteDoublesStillGiveValidJson() throws Exception {
      parse(toJson(Double.NaN));
      parse(toJson(Map.of("inf", Double.POSITIVE_INFINITY, "nan", Float.NaN)));
    }
  }

  // ---- values that cannot be serialized ------------------------------------------------------------------------

  @Nested
  class Unserializable {
    @Test
    void objectWithoutPropertiesBecomesItsTypeNameAndSiblingsSurvive() throws Exception {
      Map<String, Object> m = new TreeMap<>();
      m.put("stream", new ByteArrayInputStream(new byte[] {1, 2}));
      m.put("id", 7);
      m.put("name", "n");
      String json = toJson(m);
      assertThat(json).isEqualTo("{\"id\":7,\"name\":\"n\",\"stream\":\"ByteArrayInputStream\"}");
      parse(json);
    }

    @Test
    void topLevelObjectWithoutPropertiesBecomesItsTypeName() {
      assertThat(toJson(new Object())).isEqualTo("\"Object\"");
      assertThat(toJson(new ByteArrayInputStream(new byte[0]))).isEqualTo("\"ByteArrayInputStream\"");
    }

    @Test
    void selfReferenceBecomesTypeName() throws Exception {
      String json = toJson(new SelfRef());
      assertThat(json).isEqualTo("\"SelfRef\"");
      parse(json);
    }

    @Test
    void indirectCycleBecomesTypeName() throws Exception {
      CycleA a = new CycleA();
      a.b = new CycleB();
      a.b.a = a;
      String json = toJson(a);
      assertThat(json).isEqualTo("\"CycleA\"");
      parse(json);
    }

    @Test
    void selfContainingCollectionsBecomeTypeName() throws Exception {
      List<Object> list = new ArrayList<>();
      list.add("x");
      list.add(list);
      assertThat(toJson(list)).isEqualTo("\"ArrayList\"");
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("self", map);
      assertThat(toJson(map)).isEqualTo("\"LinkedHashMap\"");
    }

    @Test
    void throwingGetterBecomesTypeName() throws Exception {
      String json = toJson(new ThrowingGetter());
      assertThat(json).isEqualTo("\"ThrowingGetter\"");
      parse(json);
    }

    @Test
    void veryDeepNestingGivesValidJsonWithoutException() throws Exception {
      List<Object> root = new ArrayList<>();
      List<Object> cur = root;
      for (int i = 0; i < 10_000; i++) {
        List<Object> next = new ArrayList<>();
        cur.add(next);
        cur = next;
      }
      String json = toJson(root);
      assertThat(parse(json)).isNotNull();
      assertThat(json).isEqualTo("\"ArrayList\"");
    }

    @Test
    void moderateNestingIsKept() throws Exception {
      Object v = "leaf";
      for (int i = 0; i < 20; i++) {
        v = List.of(v);
      }
      JsonNode n = parse(toJson(v));
      for (int i = 0; i < 20; i++) {
        n = n.get(0);
      }
      assertThat(n.asText()).isEqualTo("leaf");
    }

    @Test
    void argumentsAreSerializedIndependently() throws Exception {
      String json = CaptureSerializer.argumentsToJson(new String[] {"z", "self", "a"},
          new Object[] {1, new SelfRef(), "x"}, MAX);
      assertThat(json).isEqualTo("{\"a\":\"x\",\"self\":\"SelfRef\",\"z\":1}");
      parse(json);
    }
  }

  // ---- argumentsToJson ------------------------------------------------------------------------------------------

  @Nested
  class Arguments {
    @Test
    void namesAreSortedNullNamesSkippedAndRedactedMarked() throws Exception {
      String json = CaptureSerializer.argumentsToJson(new String[] {"payload", null, "count", "password"},
          new Object[] {Map.of("k", "v"), "skipped", 3, CaptureSerializer.REDACTED}, MAX);
      assertThat(json).isEqualTo("{\"count\":3,\"password\":\"[redacted]\",\"payload\":{\"k\":\"v\"}}");
      parse(json);
    }

    @Test
    void noArgumentsGiveEmptyObject() {
      assertThat(CaptureSerializer.argumentsToJson(new String[0], new Object[0], MAX)).isEqualTo("{}");
    }

    @Test
    void argumentStringsAreTruncatedButNamesAreNot() throws Exception {
      String longName = "n".repeat(30);
      JsonNode node = parse(CaptureSerializer.argumentsToJson(new String[] {longName}, new Object[] {"v".repeat(30)},
          10));
      assertThat(node.get(longName).asText()).isEqualTo("v".repeat(10) + SUFFIX);
    }

    @Test
    void namesNeedingEscapesStayValidJson() throws Exception {
      JsonNode node = parse(CaptureSerializer.argumentsToJson(new String[] {"we\"ird"}, new Object[] {null}, MAX));
      assertThat(node.has("we\"ird")).isTrue();
      assertThat(node.get("we\"ird").isNull()).isTrue();
    }
  }

  // ---- truncation -----------------------------------------------------------------------------------------------

  @Nested
  class Truncation {
    @Test
    void topLevelStringIsCutWithSuffix() throws Exception {
      assertThat(parse(CaptureSerializer.toJson("abcdefghij", 4)).asText()).isEqualTo("abcd" + SUFFIX);
    }

    @Test
    void stringAtTheLimitIsKept() {
      assertThat(CaptureSerializer.toJson("abcd", 4)).isEqualTo("\"abcd\"");
    }

    @Test
    void everyStringLeafIsCutIndependently() throws Exception {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("a", "1234567890");
      m.put("b", List.of("short", "abcdefghijkl"));
      m.put("c", Map.of("d", "zzzzzzzzzzzz"));
      m.put("e", new Point(1, "labellabel-long", 2));
      JsonNode n = parse(CaptureSerializer.toJson(m, 6));
      assertThat(n.get("a").asText()).isEqualTo("123456" + SUFFIX);
      assertThat(n.get("b").get(0).asText()).isEqualTo("short");
      assertThat(n.get("b").get(1).asText()).isEqualTo("abcdef" + SUFFIX);
      assertThat(n.get("c").get("d").asText()).isEqualTo("zzzzzz" + SUFFIX);
      assertThat(n.get("e").get("label").asText()).isEqualTo("labell" + SUFFIX);
    }

    @Test
    void keysAreNotTruncated() throws Exception {
      String key = "k".repeat(50);
      JsonNode n = parse(CaptureSerializer.toJson(Map.of(key, "v"), 5));
      assertThat(n.has(key)).isTrue();
      assertThat(n.get(key).asText()).isEqualTo("v");
    }

    @Test
    void numbersAndBooleansAreUntouched() throws Exception {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("long", 12_345_678_901_234L);
      m.put("double", 1234567.891);
      m.put("big", new BigDecimal("123456789012345678901234567890"));
      m.put("bool", true);
      JsonNode n = parse(CaptureSerializer.toJson(m, 3));
      assertThat(n.get("long").asLong()).isEqualTo(12_345_678_901_234L);
      assertThat(n.get("double").asDouble()).isEqualTo(1234567.891);
      assertThat(n.get("big").decimalValue()).isEqualByComparingTo("123456789012345678901234567890");
      assertThat(n.get("bool").asBoolean()).isTrue();
      assertThat(CaptureSerializer.toJson(12_345_678_901_234L, 3)).isEqualTo("12345678901234");
    }

    @Test
    void surrogatePairsAreNeverSplit() throws Exception {
      String emoji = "\uD83D\uDE00"; // one code point, two chars
      String text = emoji.repeat(20);
      for (int max = 1; max <= 41; max++) {
        for (String json : List.of(CaptureSerializer.toJson(text, max),
            CaptureSerializer.toJson(Map.of("k", text), max),
            CaptureSerializer.toJson(List.of(text), max))) {
          JsonNode node = parse(json);
          String value = node.isTextual() ? node.asText() : node.isArray() ? node.get(0).asText()
              : node.get("k").asText();
          assertNoLoneSurrogate(value, max);
          if (text.length() > max) {
            assertThat(value).endsWith(SUFFIX);
            String kept = value.substring(0, value.length() - SUFFIX.length());
            assertThat(text).startsWith(kept);
            assertThat(kept.length()).isLessThanOrEqualTo(max).isGreaterThanOrEqualTo(max - 1);
          } else {
            assertThat(value).isEqualTo(text);
          }
        }
      }
    }

    @Test
    void mixedTextCutsOnCodePointBoundary() throws Exception {
      String text = "a\uD83D\uDE00b\uD83D\uDE80c";
      assertThat(parse(CaptureSerializer.toJson(text, 2)).asText()).isEqualTo("a" + SUFFIX);
      assertThat(parse(CaptureSerializer.toJson(text, 3)).asText()).isEqualTo("a\uD83D\uDE00" + SUFFIX);
    }

    private void assertNoLoneSurrogate(String s, int max) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
          assertThat(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
              .as("lone high surrogate at %d for max %d in %s", i, max, s).isTrue();
          i++;
        } else {
          assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at %d for max %d", i, max).isFalse();
        }
      }
    }
  }
}
