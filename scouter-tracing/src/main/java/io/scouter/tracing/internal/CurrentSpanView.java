package io.scouter.tracing.internal;

import io.opentelemetry.api.trace.Span;

/**
 * The span current on the calling thread at each call; {@code close()} does nothing, so the docs' pitfall of ending the
 * current span early cannot happen. Not a public API.
 */
public final class CurrentSpanView extends AbstractActiveSpan {

  public CurrentSpanView(int maxLength) {
    super(maxLength);
  }

  @Override
  Span span() {
    return Span.current();
  }

  @Override
  public void close() {}
}
