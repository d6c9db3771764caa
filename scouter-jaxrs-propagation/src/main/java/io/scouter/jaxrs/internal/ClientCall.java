package io.scouter.jaxrs.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.internal.SpanErrors;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One outgoing request: its CLIENT span (never made current, so no scope can leak) and how it ends: on the response
 * (client response filter), on a transport failure (seen by a {@link CallHook}), or abandoned when nothing reported
 * either before the enclosing server request ended. Ends exactly once. Not a public API.
 */
public final class ClientCall {
  /** Request property holding this object. */
  public static final String PROPERTY = "io.scouter.jaxrs.client-call";
  /** {@code error.type} of a call that ended without a response or a reported exception. */
  static final String ABANDONED = "scouter.jaxrs.no_response";

  private final ActiveSpan span;
  private final AtomicBoolean done = new AtomicBoolean();

  ClientCall(ActiveSpan span) {
    this.span = span;
  }

  public ActiveSpan span() {
    return span;
  }

  public boolean isDone() {
    return done.get();
  }

  /** The response arrived: status code; 4xx and 5xx set status ERROR (client-side semantic conventions). */
  void response(int status) {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    Span s = span.unwrap();
    if (s.isRecording()) {
      s.setAttribute(HttpAttributes.STATUS, status);
      if (status >= 400) {
        s.setAttribute(HttpAttributes.ERROR_TYPE, Integer.toString(status));
        s.setStatus(StatusCode.ERROR, "HTTP " + status);
      }
    }
    span.end();
  }

  /** The request failed without a response (connect refused, timeout, ...): one exception event, status ERROR. */
  public void fail(Throwable error) {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    Throwable t = unwrap(error);
    Span s = span.unwrap();
    if (s.isRecording()) {
      SpanErrors.record(s, t);
      s.setAttribute(HttpAttributes.ERROR_TYPE, t.getClass().getName());
    }
    span.end();
  }

  /** Nothing reported a response or an exception; the call is over (its server request ended). */
  void abandon() {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    Span s = span.unwrap();
    if (s.isRecording()) {
      s.setAttribute(HttpAttributes.ERROR_TYPE, ABANDONED);
      s.setStatus(StatusCode.ERROR, "no response received");
    }
    span.end();
  }

  /** The cause behind the wrappers of async APIs. */
  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
