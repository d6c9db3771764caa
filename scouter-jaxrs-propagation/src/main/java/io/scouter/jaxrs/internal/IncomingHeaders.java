package io.scouter.jaxrs.internal;

import io.scouter.tracing.RemoteParent;
import io.scouter.tracing.internal.HeaderCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the remote parent from request headers, defensively: only the five propagation headers are looked at, a
 * repeated single-valued header or an oversized value is dropped, and whatever is invalid simply starts a new trace.
 * The reason goes to a debug (FINE) log line with the values escaped and shortened. Not a public API.
 */
public final class IncomingHeaders {
  /** Longest {@code traceparent} accepted (version 00 is 55 characters; later versions may append fields). */
  static final int MAX_TRACEPARENT = 256;
  /** Longest legacy {@code trace_id}/{@code span_id}/{@code is_sampled} value accepted. */
  static final int MAX_LEGACY = 64;
  /** Longest {@code tracestate} accepted (W3C: at most 32 members; vendors may discard beyond 512). */
  static final int MAX_TRACESTATE = 512;
  private static final Logger LOG = Logger.getLogger(IncomingHeaders.class.getName());
  private static final String[] SINGLE = {HeaderCodec.TRACEPARENT, HeaderCodec.TRACE_ID, HeaderCodec.SPAN_ID,
      HeaderCodec.IS_SAMPLED};

  private IncomingHeaders() {}

  /** The remote parent, empty when there is none or the headers are unusable. */
  public static Optional<RemoteParent> remoteParent(Map<String, List<String>> headers) {
    Map<String, String> clean = sanitize(headers);
    if (clean.isEmpty()) {
      return Optional.empty();
    }
    Optional<RemoteParent> parent = HeaderCodec.extract(clean);
    if (parent.isEmpty() && LOG.isLoggable(Level.FINE)) {
      LOG.fine("Scouter: invalid propagation headers " + describe(clean) + "; starting a new trace");
    }
    return parent;
  }

  /** The usable propagation headers, each single-valued. */
  static Map<String, String> sanitize(Map<String, List<String>> headers) {
    Map<String, String> out = new HashMap<>(8);
    if (headers == null || headers.isEmpty()) {
      return out;
    }
    for (String name : SINGLE) {
      List<String> values = values(headers, name);
      if (values == null || values.isEmpty()) {
        continue;
      }
      int max = name.equals(HeaderCodec.TRACEPARENT) ? MAX_TRACEPARENT : MAX_LEGACY;
      if (values.size() > 1) {
        debug("repeated " + name + " header (" + values.size() + " values)");
        continue;
      }
      String v = values.get(0);
      if (v == null) {
        continue;
      }
      if (v.length() > max) {
        debug("oversized " + name + " header (" + v.length() + " characters)");
        continue;
      }
      if (!printable(v)) {
        debug(name + " header with control characters: " + escape(v));
        continue;
      }
      out.put(name, v);
    }
    List<String> states = values(headers, HeaderCodec.TRACESTATE);
    if (states != null && !states.isEmpty() && out.containsKey(HeaderCodec.TRACEPARENT)) {
      // W3C: tracestate may be split over several header lines; they combine with ','
      String state = String.join(",", states);
      if (state.length() > MAX_TRACESTATE) {
        debug("oversized tracestate header (" + state.length() + " characters), ignored");
      } else if (!printable(state)) {
        debug("tracestate header with control characters ignored: " + escape(state));
      } else {
        out.put(HeaderCodec.TRACESTATE, state);
      }
    }
    return out;
  }

  private static List<String> values(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    if (v != null) {
      return v;
    }
    // JAX-RS header maps are case-insensitive in every runtime we know; be safe with any other map
    List<String> all = null;
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
        if (all == null) {
          all = new java.util.ArrayList<>(e.getValue());
        } else {
          all.addAll(e.getValue());
        }
      }
    }
    return all;
  }

  private static boolean printable(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Map<String, String> h) {
    StringBuilder sb = new StringBuilder("{");
    h.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(escape(v)));
    return sb.append('}').toString();
  }

  /** The value quoted, non-printable characters as {@code \\uXXXX}, cut after 64 characters. */
  public static String escape(String v) {
    if (v == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(Math.min(v.length(), 64) + 8).append('"');
    int n = Math.min(v.length(), 64);
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
    if (v.length() > n) {
      sb.append("...(").append(v.length()).append(" chars)");
    }
    return sb.toString();
  }

  private static void debug(String why) {
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine("Scouter: ignoring " + why + "; it cannot carry a parent");
    }
  }
}
