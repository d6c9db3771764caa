package io.scouter.tracing.internal.capture;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names whose values capture never shows: parameters, and the properties and map keys inside captured values at
 * any depth (a record's {@code password}, a map's {@code "apiKey"}), written as {@code "[redacted]"}. A name matches
 * when, ignoring case, {@code _} and {@code -}, it equals or ends with a listed name ({@code userPassword},
 * {@code api_key}, {@code access_token}); the defaults list the plurals that name secrets ({@code credentials}) but
 * not {@code tokens}, which in model traces are text, like {@code max_tokens}. One process-wide instance, set by the
 * CDI extension from {@code scouter.capture.redact}; Java SE applications get {@link #DEFAULT_NAMES}. Not a public
 * API.
 *
 * <pre>{@code
 * Redaction r = Redaction.of(List.of("password", "token"));
 * r.matches("accessToken");   // true
 * }</pre>
 */
public final class Redaction {
  /** The default names of {@code scouter.capture.redact}. */
  public static final List<String> DEFAULT_NAMES =
      List.of("password", "passwords", "passwd", "secret", "secrets", "token", "authorization", "apikey", "apikeys",
          "credential", "credentials");
  /** Field names remembered per instance (property names are few; map keys may not be, so the memory stops). */
  private static final int MAX_REMEMBERED = 4096;
  private static volatile Redaction current = new Redaction(DEFAULT_NAMES);

  private final List<String> names;
  private final ConcurrentHashMap<String, Boolean> remembered = new ConcurrentHashMap<>();

  private Redaction(List<String> normalised) {
    this.names = normalised;
  }

  /** The redaction of these names (normalised here; blanks ignored). */
  public static Redaction of(Collection<String> names) {
    List<String> out = new ArrayList<>(names.size());
    for (String n : names) {
      String s = normalise(n);
      if (!s.isEmpty() && !out.contains(s)) {
        out.add(s);
      }
    }
    return new Redaction(List.copyOf(out));
  }

  /** The process-wide redaction capture uses. */
  public static Redaction current() {
    return current;
  }

  /** Makes {@code redaction} the process-wide one. */
  public static void use(Redaction redaction) {
    current = redaction;
  }

  /** The normalised names. */
  public List<String> names() {
    return names;
  }

  /** Whether the value of a parameter, property or key with this name is a secret. */
  public boolean matches(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    Boolean known = remembered.get(name);
    if (known != null) {
      return known;
    }
    boolean secret = test(normalise(name));
    if (remembered.size() < MAX_REMEMBERED) {
      remembered.put(name, secret);
    }
    return secret;
  }

  private boolean test(String n) {
    for (String r : names) {
      if (n.endsWith(r)) {
        return true;
      }
    }
    return false;
  }

  /** Lowercase without {@code _}, {@code -} and blanks: {@code api_key}, {@code apiKey}, {@code API-KEY} are equal. */
  public static String normalise(String name) {
    return name.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }
}
