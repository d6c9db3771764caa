package io.scouter.tracing.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/** A span started by Scouter and made current; {@code close()} ends it and restores the context. Not a public API. */
public final class OwnedSpan extends AbstractActiveSpan {
  private final Span span;
  private final Scope scope;

  public OwnedSpan(Span span, Scope scope, int maxLength) {
    super(maxLength);
    this.span = span;
    this.scope = scope;
  }

  @Override
  Span span() {
    return span;
  }

  @Override
  public void close() {
    try {
      span.end();
    } finally {
      if (scope != null) {
        scope.close();
      }
    }
  }
}
