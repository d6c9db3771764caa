package io.scouter.queue;

import java.util.Objects;

/**
 * One named feature value: an integer, a float or a string (a categorical value the profile's feature map turns into a
 * number). The twin of upstream's {@code Feature} ({@code Feature.int/float/string/categorical}).
 *
 * <pre>{@code
 * Features features = Features.of(
 *     Feature.ofInt("age", 42),
 *     Feature.ofFloat("income", 51_000.5),
 *     Feature.categorical("region", "emea"));
 * }</pre>
 *
 * @param name the feature name, as in the profile
 * @param kind what the value is
 * @param value a {@link Long}, {@link Double} or {@link String}, matching {@code kind}
 */
public record Feature(String name, Kind kind, Object value) {

  /** The value type. */
  public enum Kind { INT, FLOAT, STRING }

  public Feature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    boolean ok = kind == Kind.INT ? value instanceof Long
        : kind == Kind.FLOAT ? value instanceof Double : value instanceof String;
    if (!ok) {
      throw new IllegalArgumentException("feature '" + name + "': a " + kind + " feature cannot hold a "
          + value.getClass().getSimpleName());
    }
  }

  /** An integer feature. */
  public static Feature ofInt(String name, long value) {
    return new Feature(name, Kind.INT, value);
  }

  /** A floating point feature. */
  public static Feature ofFloat(String name, double value) {
    return new Feature(name, Kind.FLOAT, value);
  }

  /** A string feature; the profile's feature map turns it into a number. */
  public static Feature ofString(String name, String value) {
    return new Feature(name, Kind.STRING, value);
  }

  /** Same as {@link #ofString}. */
  public static Feature categorical(String name, String value) {
    return ofString(name, value);
  }

  /**
   * The feature for a Java value, as upstream's {@code Feature(name, value)}: {@link Byte}, {@link Short},
   * {@link Integer}, {@link Long} give INT; {@link Float}, {@link Double} give FLOAT; {@link CharSequence} gives
   * STRING.
   *
   * @throws IllegalArgumentException for any other type
   */
  public static Feature of(String name, Object value) {
    if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
      return ofInt(name, ((Number) value).longValue());
    }
    if (value instanceof Float || value instanceof Double) {
      return ofFloat(name, ((Number) value).doubleValue());
    }
    if (value instanceof CharSequence) {
      return ofString(name, value.toString());
    }
    throw new IllegalArgumentException("feature '" + name + "': unsupported feature type "
        + (value == null ? "null" : value.getClass().getName()) + " (use an integer, a floating point number or a "
        + "string)");
  }
}
