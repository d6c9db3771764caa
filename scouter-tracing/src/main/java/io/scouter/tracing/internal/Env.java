package io.scouter.tracing.internal;

import java.util.function.Function;

/** Reads environment variables; replaceable in tests. Not a public API. */
public final class Env {
  private static volatile Function<String, String> source = System::getenv;

  private Env() {}

  /** The first non-blank value among the variables, or {@code fallback}. */
  public static String get(String fallback, String... names) {
    for (String name : names) {
      String v = source.apply(name);
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return fallback;
  }

  /** For tests only: replaces the environment. Pass {@code null} to restore it. */
  public static void override(Function<String, String> replacement) {
    source = replacement == null ? System::getenv : replacement;
  }
}
