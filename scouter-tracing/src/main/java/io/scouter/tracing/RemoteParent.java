package io.scouter.tracing;

import java.util.Objects;

/**
 * A parent span that lives in another process, as read from propagation headers.
 *
 * <pre>{@code
 * Optional<RemoteParent> parent = ScouterTracing.extractRemoteParent(requestHeaders);
 * parent.ifPresent(p -> log.info("joining trace " + p.traceId()));
 * }</pre>
 *
 * <p>Legacy headers with {@code trace_id} and {@code span_id} but no {@code is_sampled} are a parent that made no
 * sampling decision ({@link #undecided}): a span started under it joins the trace and the local sample ratio decides
 * on the trace id, so every service with the same ratio agrees. {@code is_sampled=false} is respected.
 *
 * @param traceId 32 lowercase hex characters
 * @param spanId 16 lowercase hex characters
 * @param sampled whether the caller sampled the trace ({@code false} when it did not decide)
 * @param traceState the W3C {@code tracestate} value, {@code ""} when absent
 * @param samplingDecided whether the caller decided about sampling ({@code false}: no {@code is_sampled} header)
 */
public record RemoteParent(String traceId, String spanId, boolean sampled, String traceState,
    boolean samplingDecided) {
  public RemoteParent {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    traceState = traceState == null ? "" : traceState;
    sampled = sampled && samplingDecided;
  }

  /** A parent that decided about sampling ({@code sampled} true or false). */
  public RemoteParent(String traceId, String spanId, boolean sampled, String traceState) {
    this(traceId, spanId, sampled, traceState, true);
  }

  /** A parent that made no sampling decision: the local sampler decides on the trace id. */
  public static RemoteParent undecided(String traceId, String spanId) {
    return new RemoteParent(traceId, spanId, false, "", false);
  }

  /**
   * {@code "true"} or {@code "false"}, as Scouter's {@code is_sampled} header carries it ({@code "false"} for an
   * undecided parent, as upstream's {@code extract_span_context_from_headers} reports it).
   */
  public String isSampledHeader() {
    return Boolean.toString(sampled);
  }
}
