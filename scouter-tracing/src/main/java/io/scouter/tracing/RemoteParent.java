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
 * @param traceId 32 lowercase hex characters
 * @param spanId 16 lowercase hex characters
 * @param sampled whether the caller sampled the trace
 * @param traceState the W3C {@code tracestate} value, {@code ""} when absent
 */
public record RemoteParent(String traceId, String spanId, boolean sampled, String traceState) {
  public RemoteParent {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    traceState = traceState == null ? "" : traceState;
  }

  /** {@code "true"} or {@code "false"}, as Scouter's {@code is_sampled} header carries it. */
  public String isSampledHeader() {
    return Boolean.toString(sampled);
  }
}
