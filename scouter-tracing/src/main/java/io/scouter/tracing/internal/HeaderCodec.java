package io.scouter.tracing.internal;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.scouter.tracing.RemoteParent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads and writes Scouter's propagation headers: W3C {@code traceparent}/{@code tracestate} and the legacy
 * {@code trace_id}/{@code span_id}/{@code is_sampled}. Never throws on bad input. Not a public API.
 */
public final class HeaderCodec {
  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  public static final String IS_SAMPLED = "is_sampled";
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";
  /** W3C: a tracestate longer than this is discarded. */
  static final int MAX_TRACESTATE_LENGTH = 512;
  private static final Logger LOG = Logger.getLogger(HeaderCodec.class.getName());
  /**
   * The trace flags of a remote parent that made no sampling decision (legacy headers without {@code is_sampled}):
   * sampled, so that any parent-based sampler keeps the trace, plus an unused flag bit that {@link ScouterSampler}
   * reads to let the local ratio decide instead. Flags never leave the process as they are: children get their own
   * and outgoing headers write only the sampled bit.
   */
  static final TraceFlags UNDECIDED = TraceFlags.fromByte((byte) 0x81);

  private HeaderCodec() {}

  /** The five outgoing headers for {@code ctx}. */
  public static Map<String, String> headers(SpanContext ctx) {
    Map<String, String> h = new LinkedHashMap<>(8);
    h.put(TRACE_ID, ctx.getTraceId());
    h.put(SPAN_ID, ctx.getSpanId());
    h.put(IS_SAMPLED, Boolean.toString(ctx.isSampled()));
    h.put(TRACEPARENT, "00-" + ctx.getTraceId() + "-" + ctx.getSpanId() + "-" + (ctx.isSampled() ? "01" : "00"));
    h.put(TRACESTATE, encodeTraceState(ctx.getTraceState()));
    return h;
  }

  static String encodeTraceState(TraceState state) {
    if (state.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    state.forEach((k, v) -> {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(k).append('=').append(v);
    });
    return sb.toString();
  }

  /** W3C first, then legacy; empty on anything invalid. */
  public static Optional<RemoteParent> extract(Map<String, ?> headers) {
    if (headers == null || headers.isEmpty()) {
      return Optional.empty();
    }
    String traceparent = first(headers, TRACEPARENT);
    if (traceparent != null) {
      Optional<RemoteParent> w3c = parseTraceparent(traceparent, first(headers, TRACESTATE));
      if (w3c.isPresent()) {
        return w3c;
      }
    }
    String traceId = first(headers, TRACE_ID);
    String spanId = first(headers, SPAN_ID);
    if (traceId == null || spanId == null) {
      if (traceparent != null) {
        debug("ignoring invalid traceparent header");
      }
      return Optional.empty();
    }
    traceId = traceId.trim().toLowerCase(Locale.ROOT);
    spanId = spanId.trim().toLowerCase(Locale.ROOT);
    if (!TraceId.isValid(traceId) || !SpanId.isValid(spanId)) {
      debug("ignoring invalid legacy trace_id/span_id headers");
      return Optional.empty();
    }
    String sampled = first(headers, IS_SAMPLED);
    if (sampled == null || sampled.isBlank()) {
      // the caller did not decide: join its trace and let the local sampler decide on the trace id
      return Optional.of(RemoteParent.undecided(traceId, spanId));
    }
    return Optional.of(new RemoteParent(traceId, spanId, sampled.trim().equalsIgnoreCase("true"), ""));
  }

  static Optional<RemoteParent> parseTraceparent(String value, String tracestate) {
    String v = value.trim();
    // version-traceid-spanid-flags; future versions may append fields after a dash
    if (v.length() < 55 || v.charAt(2) != '-' || v.charAt(35) != '-' || v.charAt(52) != '-'
        || (v.length() > 55 && v.charAt(55) != '-')) {
      return Optional.empty();
    }
    String version = v.substring(0, 2);
    if (!isLowerHex(version) || version.equals("ff") || (version.equals("00") && v.length() != 55)) {
      return Optional.empty();
    }
    String traceId = v.substring(3, 35);
    String spanId = v.substring(36, 52);
    String flags = v.substring(53, 55);
    if (!isLowerHex(traceId) || !isLowerHex(spanId) || !isLowerHex(flags) || !TraceId.isValid(traceId)
        || !SpanId.isValid(spanId)) {
      return Optional.empty();
    }
    boolean sampled = (Integer.parseInt(flags, 16) & 1) == 1;
    return Optional.of(new RemoteParent(traceId, spanId, sampled, validTraceState(tracestate)));
  }

  private static String validTraceState(String tracestate) {
    if (tracestate == null || tracestate.isBlank()) {
      return "";
    }
    String t = tracestate.trim();
    if (t.length() > MAX_TRACESTATE_LENGTH) {
      debug("ignoring tracestate longer than " + MAX_TRACESTATE_LENGTH);
      return "";
    }
    TraceState parsed = parseTraceState(t);
    return parsed == null ? "" : encodeTraceState(parsed);
  }

  /** Parses a W3C tracestate; {@code null} if invalid. */
  public static TraceState parseTraceState(String value) {
    if (value == null || value.isBlank()) {
      return TraceState.getDefault();
    }
    var b = TraceState.builder();
    String[] members = value.split(",");
    if (members.length > 32) {
      return null;
    }
    for (int i = members.length - 1; i >= 0; i--) {
      String m = members[i].trim();
      if (m.isEmpty()) {
        continue;
      }
      int eq = m.indexOf('=');
      if (eq <= 0 || eq == m.length() - 1) {
        return null;
      }
      b.put(m.substring(0, eq), m.substring(eq + 1));
    }
    TraceState ts = b.build();
    int expected = 0;
    for (String m : members) {
      if (!m.isBlank()) {
        expected++;
      }
    }
    return ts.size() == expected ? ts : null;
  }

  /** The span context of a remote parent. */
  public static SpanContext toSpanContext(RemoteParent p) {
    TraceState ts = parseTraceState(p.traceState());
    TraceFlags flags = !p.samplingDecided() ? UNDECIDED : p.sampled() ? TraceFlags.getSampled()
        : TraceFlags.getDefault();
    return SpanContext.createFromRemoteParent(p.traceId(), p.spanId(), flags,
        ts == null ? TraceState.getDefault() : ts);
  }

  /** Whether {@code ctx} is a remote parent that made no sampling decision. */
  public static boolean isUndecided(SpanContext ctx) {
    return ctx.getTraceFlags().asByte() == UNDECIDED.asByte();
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static String first(Map<String, ?> headers, String name) {
    Object v = headers.get(name);
    if (v == null) {
      for (Map.Entry<String, ?> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
          v = e.getValue();
          break;
        }
      }
    }
    if (v instanceof Iterable) {
      var it = ((Iterable<?>) v).iterator();
      v = it.hasNext() ? it.next() : null;
    } else if (v instanceof Object[]) {
      Object[] a = (Object[]) v;
      v = a.length > 0 ? a[0] : null;
    }
    return v == null ? null : v.toString();
  }

  private static void debug(String msg) {
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine("Scouter propagation: " + msg + "; starting a new trace");
    }
  }
}
