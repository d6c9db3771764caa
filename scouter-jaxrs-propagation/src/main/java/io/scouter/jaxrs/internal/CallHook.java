package io.scouter.jaxrs.internal;

/**
 * Links one invocation made through a traced client wrapper with the {@link ClientCall} its request filter starts, so
 * the wrapper can end the span with the exception when the request fails before any response filter runs. Passed as a
 * request property. Not a public API.
 */
public final class CallHook {
  /** Request property holding the hook. */
  public static final String PROPERTY = "io.scouter.jaxrs.client-hook";
  /** Request property holding the OpenTelemetry context of the calling thread (the CLIENT span's parent). */
  public static final String PARENT_PROPERTY = "io.scouter.jaxrs.client-parent";

  private volatile ClientCall call;
  private volatile Throwable pendingFailure;

  void started(ClientCall c) {
    this.call = c;
    Throwable f = pendingFailure;
    if (f != null) {
      c.fail(f);
    }
  }

  /** The invocation failed; ends the call's span with {@code error} (no-op if it already ended). */
  public void failed(Throwable error) {
    ClientCall c = call;
    if (c != null) {
      c.fail(error);
    } else {
      pendingFailure = error;
    }
  }
}
