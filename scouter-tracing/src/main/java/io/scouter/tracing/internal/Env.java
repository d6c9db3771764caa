package io.scouter.tracing.internal;

import java.util.Locale;
import java.util.function.Function;

/**
 * Reads settings outside MicroProfile Config: system properties and environment variables (the environment replaceable
 * in tests). Not a public API.
 */
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

  /**
   * A setting by its MicroProfile Config key, with MicroProfile Config's precedence, for plain Java SE: the system
   * property {@code key} ({@code -Dscouter.http.uri=...}), else the environment variable named the MicroProfile way
   * ({@code SCOUTER_HTTP_URI}), else the first of {@code variables} that is set (the Python API's names, e.g.
   * {@code SCOUTER_SERVER_URI}), else {@code fallback}. Blank values count as unset; values are trimmed.
   */
  public static String setting(String key, String fallback, String... variables) {
    String v = System.getProperty(key);
    if (v != null && !v.isBlank()) {
      return v.trim();
    }
    String mp = get(null, variableName(key));
    return mp != null ? mp : get(fallback, variables);
  }

  /** MicroProfile Config's environment name of a key: {@code scouter.http.auth-token} → {@code SCOUTER_HTTP_AUTH_TOKEN}. */
  public static String variableName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /** For tests only: replaces the environment. Pass {@code null} to restore it. */
  public static void override(Function<String, String> replacement) {
    source = replacement == null ? System::getenv : replacement;
  }
}
