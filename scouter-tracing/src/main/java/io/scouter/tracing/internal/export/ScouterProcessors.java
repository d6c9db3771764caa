package io.scouter.tracing.internal.export;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * A tracer provider's span processors as the one processor the SDK sees: the enriching processor at start, local
 * capture and the export processors at end, in that order. With several registered processors the SDK would call them
 * through its {@code MultiSpanProcessor}, an iterator per span end; this is a loop over an array. Flush and shutdown
 * reach every processor, as the SDK's composite does. Not a public API.
 *
 * <pre>{@code
 * builder.addSpanProcessor(new ScouterProcessors(new StartAttributesProcessor(), List.of(capture, exporter)));
 * }</pre>
 */
public final class ScouterProcessors implements SpanProcessor {
  private final SpanProcessor atStart;
  private final SpanProcessor[] atEnd;
  private final List<SpanProcessor> all;

  /** {@code atStart} gets every start; {@code atEnd}, in order, every end. */
  public ScouterProcessors(SpanProcessor atStart, List<? extends SpanProcessor> atEnd) {
    this.atStart = atStart;
    this.atEnd = atEnd.toArray(new SpanProcessor[0]);
    List<SpanProcessor> list = new ArrayList<>();
    list.add(atStart);
    list.addAll(atEnd);
    this.all = List.copyOf(list);
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    atStart.onStart(parentContext, span);
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    for (SpanProcessor p : atEnd) {
      p.onEnd(span);
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public CompletableResultCode forceFlush() {
    List<CompletableResultCode> results = new ArrayList<>(all.size());
    for (SpanProcessor p : all) {
      results.add(p.forceFlush());
    }
    return CompletableResultCode.ofAll(results);
  }

  @Override
  public CompletableResultCode shutdown() {
    List<CompletableResultCode> results = new ArrayList<>(all.size());
    for (SpanProcessor p : all) {
      results.add(p.shutdown());
    }
    return CompletableResultCode.ofAll(results);
  }
}
