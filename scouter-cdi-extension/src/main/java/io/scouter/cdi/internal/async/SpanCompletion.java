package io.scouter.cdi.internal.async;

import io.opentelemetry.api.trace.Span;
import io.scouter.tracing.ScouterAttributes;
import io.scouter.tracing.internal.SpanErrors;
import io.scouter.tracing.internal.capture.BoundedJsonArray;
import io.scouter.tracing.internal.capture.CaptureSerializer;
import java.lang.ref.Cleaner;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends a span exactly once, whatever signal comes first: completion, failure, cancellation, or the result becoming
 * unreachable before any of them (then the span ends marked {@code scouter.tracing.abandoned}). The output of a stream
 * is its last item ({@code captureLastStreamItem}) or, as upstream Scouter records it, the JSON array of the items
 * consumed, bounded by the capture limit ({@link BoundedJsonArray}). Not a public API.
 */
public final class SpanCompletion implements Runnable {
  private static final Cleaner CLEANER = Cleaner.create();

  private final Span span;
  private final boolean captureOutput;
  private final boolean captureLast;
  private final int maxLength;
  /** Whether the output of a stream is the list of its items. */
  private final boolean collectItems;
  /** The items so far, created by the first one (most results are not streams). */
  private volatile BoundedJsonArray items;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Object last;
  private volatile boolean hasLast;
  private volatile Cleaner.Cleanable cleanable;

  public SpanCompletion(Span span, boolean captureOutput, boolean captureLast, int maxLength) {
    this.span = span;
    this.captureOutput = captureOutput && span.isRecording();
    this.captureLast = captureLast && span.isRecording();
    this.maxLength = maxLength;
    this.collectItems = this.captureOutput && !captureLast;
  }

  /** Ends the span (as abandoned) if {@code holder} becomes unreachable first; returns {@code holder}. */
  public <T> T watch(T holder) {
    cleanable = CLEANER.register(holder, this);
    return holder;
  }

  /** A stream item: kept when the last item is captured, else added to the list of items. */
  public void item(Object item) {
    if (captureLast) {
      last = item;
      hasLast = true;
    } else if (collectItems) {
      BoundedJsonArray list = items;
      if (list == null) {
        list = new BoundedJsonArray(maxLength);
        items = list; // items arrive one at a time (a stream, iterator or subscriber is not concurrent)
      }
      list.add(item);
    }
  }

  /** The async result is available. */
  public void success(Object result) {
    if (begin()) {
      if (captureOutput) {
        span.setAttribute(CaptureSerializer.OUTPUT_KEY, CaptureSerializer.toJson(result, maxLength));
      }
      finish();
    }
  }

  /** The stream is exhausted. */
  public void streamComplete() {
    if (begin()) {
      if (collectItems && items == null) {
        items = new BoundedJsonArray(maxLength); // an empty stream's output is []
      }
      streamOutput();
      finish();
    }
  }

  /** The stream was closed or the subscription cancelled before the end. */
  public void cancelled() {
    if (begin()) {
      span.setAttribute(ScouterAttributes.CANCELLED, true);
      streamOutput();
      finish();
    }
  }

  /** The operation failed; a {@link CancellationException} counts as cancellation. */
  public void failure(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof CancellationException) {
      cancelled();
      return;
    }
    if (begin()) {
      SpanErrors.record(span, cause);
      finish();
    }
  }

  /** Cleaner action: the result was garbage collected before it finished. */
  @Override
  public void run() {
    if (ended.compareAndSet(false, true)) {
      span.setAttribute(ScouterAttributes.ABANDONED, true);
      span.end();
    }
  }

  /** The output of a stream: its last item, or the items consumed so far (also when it is closed early). */
  private void streamOutput() {
    if (hasLast) {
      span.setAttribute(CaptureSerializer.OUTPUT_KEY, CaptureSerializer.toJson(last, maxLength));
    } else if (items != null) {
      span.setAttribute(CaptureSerializer.OUTPUT_KEY, items.toJson());
    }
  }

  private boolean begin() {
    return ended.compareAndSet(false, true);
  }

  private void finish() {
    span.end();
    Cleaner.Cleanable c = cleanable;
    if (c != null) {
      c.clean();
    }
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
