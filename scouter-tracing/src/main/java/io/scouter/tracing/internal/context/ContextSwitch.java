package io.scouter.tracing.internal.context;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The one way the thread context providers put a captured OpenTelemetry {@link Context} on a thread and take it off
 * again. When the context is already current (another provider of the same context, e.g. Quarkus's
 * {@code OpenTelemetry} one, ran first) nothing is attached, so two providers of one context never fight.
 */
public final class ContextSwitch {
  private static final Runnable NOTHING = () -> {};

  private ContextSwitch() {}

  /** Makes {@code captured} current; the returned action restores what was current before. */
  public static Runnable begin(Context captured) {
    if (Context.current() == captured) {
      return NOTHING;
    }
    Scope scope = captured.makeCurrent();
    return scope::close;
  }
}
