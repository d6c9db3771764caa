package io.scouter.tracing.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Records and beans of scalars are written without databind, to exactly the JSON databind writes through the
 * truncating, redacting generator: random values over every scalar type, nulls, nested records, every escape, cut
 * strings (surrogate pairs at the cut), secret property and argument names, non-finite numbers; and types the direct
 * writer must leave to databind still come out as before.
 */
class DirectWriterIdentityTest {
  private static final String ALPHABET = "abcXYZ019 _-.:/\\\"'{}[]\n\t\r\b\f\u0001\u001f\u007f\u0080\u00e9\u4e2d"
      + "\u2028\ud83d\ude00\ud83d\u0000";

  public record Inner(String label, double value, Integer count) {}

  public record Outer(int id, String name, long big, float ratio, short s, byte b, boolean flag, Boolean boxed,
      Long boxedLong, Double boxedDouble, Inner inner, String password, Inner apiKeys) {}

  /** A bean (getters, a boolean {@code is} getter, a private field without a getter). */
  public static final class Bean {
    private final String zeta;
    private final int alpha;
    private final boolean active;
    private final String hidden = "not a property";

    public Bean(String zeta, int alpha, boolean active) {
      this.zeta = zeta;
      this.alpha = alpha;
      this.active = active;
    }

    public String getZeta() {
      return zeta;
    }

    public int getAlpha() {
      return alpha;
    }

    public boolean isActive() {
      return active;
    }

    String hidden() {
      return hidden;
    }
  }

  public record Renamed(@JsonProperty("x_renamed") String name, int id) {}

  public record Throwing(int id) {
    @Override
    public int id() {
      throw new IllegalStateException("no id");
    }
  }

  public record WithList(List<String> items, int id) {}

  @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME)
  public interface Typed {}

  public record TypedRecord(int id) implements Typed {}

  public interface Plain {
    default String kind() {
      return "plain";
    }
  }

  public record PlainRecord(int id, String name) implements Plain {}

  @AfterEach
  void defaultRedaction() {
    Redaction.use(Redaction.of(Redaction.DEFAULT_NAMES));
  }

  @RepeatedTest(300)
  void randomRecords_matchDatabind(RepetitionInfo info) {
    Random r = new Random(500L + info.getCurrentRepetition());
    int maxLength = r.nextBoolean() ? 1000 : 1 + r.nextInt(8);
    Outer o = new Outer(r.nextInt(), text(r), r.nextLong(), r.nextFloat() * (r.nextBoolean() ? 1e20f : 1e-3f),
        (short) r.nextInt(), (byte) r.nextInt(), r.nextBoolean(), r.nextBoolean() ? null : r.nextBoolean(),
        r.nextBoolean() ? null : r.nextLong(), pickDouble(r), r.nextBoolean() ? null : inner(r), text(r), inner(r));
    assertThat(DirectWriter.supports(o)).isTrue();
    assertThat(CaptureSerializer.toJson(o, maxLength)).isEqualTo(CaptureSerializer.toJsonDatabind(o, maxLength));
    Bean bean = new Bean(text(r), r.nextInt(), r.nextBoolean());
    assertThat(DirectWriter.supports(bean)).isTrue();
    assertThat(CaptureSerializer.toJson(bean, maxLength))
        .isEqualTo(CaptureSerializer.toJsonDatabind(bean, maxLength));

    String[] names = {"features", "token", "bean", "text", null, "n"};
    Object[] values =
        {o, text(r), bean, text(r), "hidden", r.nextBoolean() ? pickDouble(r) : CaptureSerializer.REDACTED};
    int[] order = CaptureSerializer.sortedOrder(names);
    assertThat(CaptureSerializer.argumentsToJson(order, names, values, maxLength))
        .isEqualTo(CaptureSerializer.argumentsDatabind(order, names, values, maxLength));
  }

  @Test
  void changedRedaction_appliesToCachedTypes() {
    Inner inner = new Inner("l", 1.5, 3);
    assertThat(CaptureSerializer.toJson(inner, 100)).isEqualTo("{\"count\":3,\"label\":\"l\",\"value\":1.5}");
    Redaction.use(Redaction.of(List.of("label")));
    assertThat(CaptureSerializer.toJson(inner, 100))
        .isEqualTo("{\"count\":3,\"label\":\"[redacted]\",\"value\":1.5}")
        .isEqualTo(CaptureSerializer.toJsonDatabind(inner, 100));
  }

  @Test
  void typesLeftToDatabind_areWrittenAsBefore() {
    // an annotation renames a component; a getter throws; a list component
    assertThat(DirectWriter.supports(new Renamed("a", 1))).isFalse();
    assertThat(CaptureSerializer.toJson(new Renamed("a", 1), 100)).isEqualTo("{\"id\":1,\"x_renamed\":\"a\"}");
    assertThat(DirectWriter.supports(new WithList(List.of("a"), 1))).isFalse();
    assertThat(CaptureSerializer.toJson(new WithList(List.of("a"), 1), 100))
        .isEqualTo(CaptureSerializer.toJsonDatabind(new WithList(List.of("a"), 1), 100));
    // type info inherited from an interface: databind adds the type id
    assertThat(DirectWriter.supports(new TypedRecord(1))).isFalse();
    assertThat(CaptureSerializer.toJson(new TypedRecord(1), 100)).contains("\"@type\"")
        .isEqualTo(CaptureSerializer.toJsonDatabind(new TypedRecord(1), 100));
    // an interface without annotations does not stop the direct writer
    assertThat(DirectWriter.supports(new PlainRecord(1, "n"))).isTrue();
    assertThat(CaptureSerializer.toJson(new PlainRecord(1, "n"), 100))
        .isEqualTo(CaptureSerializer.toJsonDatabind(new PlainRecord(1, "n"), 100));
    // supported shape, failing getter: databind's answer (the type name), also as one argument among others
    Throwing t = new Throwing(1);
    assertThat(CaptureSerializer.toJson(t, 100)).isEqualTo("\"Throwing\"")
        .isEqualTo(CaptureSerializer.toJsonDatabind(t, 100));
    String[] names = {"a", "b"};
    Object[] values = {t, "x"};
    assertThat(CaptureSerializer.argumentsToJson(names, values, 100)).isEqualTo("{\"a\":\"Throwing\",\"b\":\"x\"}");
  }

  private static Inner inner(Random r) {
    return new Inner(r.nextBoolean() ? null : text(r), pickDouble(r), r.nextBoolean() ? null : r.nextInt());
  }

  private static double pickDouble(Random r) {
    switch (r.nextInt(6)) {
      case 0:
        return Double.NaN;
      case 1:
        return Double.NEGATIVE_INFINITY;
      case 2:
        return -0.0;
      case 3:
        return r.nextDouble() * 1e300;
      default:
        return r.nextGaussian();
    }
  }

  private static String text(Random r) {
    StringBuilder sb = new StringBuilder();
    int len = r.nextInt(12);
    while (sb.length() < len) {
      sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
