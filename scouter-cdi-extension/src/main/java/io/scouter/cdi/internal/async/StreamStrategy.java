package io.scouter.cdi.internal.async;

import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@link Stream}: the span ends when the stream is exhausted, fails, or is closed early; items flow through
 * untouched and only the last one is kept (when asked). Not a public API.
 */
final class StreamStrategy implements AsyncEndStrategy {
  @Override
  public boolean supports(Class<?> returnType) {
    return returnType == Stream.class;
  }

  @Override
  public Object end(Object result, SpanCompletion completion) {
    Stream<?> source = (Stream<?>) result;
    Stream<?> wrapped = StreamSupport.stream(new TracingSpliterator<>(source.spliterator(), completion), false)
        .onClose(() -> {
          try {
            source.close();
          } finally {
            completion.cancelled();
          }
        });
    return completion.watch(wrapped);
  }

  private static final class TracingSpliterator<T> implements Spliterator<T> {
    private final Spliterator<T> delegate;
    private final SpanCompletion completion;

    TracingSpliterator(Spliterator<T> delegate, SpanCompletion completion) {
      this.delegate = delegate;
      this.completion = completion;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
      boolean more;
      try {
        more = delegate.tryAdvance(item -> {
          completion.item(item);
          action.accept(item);
        });
      } catch (RuntimeException | Error e) {
        completion.failure(e);
        throw e;
      }
      if (!more) {
        completion.streamComplete();
      }
      return more;
    }

    @Override
    public void forEachRemaining(Consumer<? super T> action) {
      try {
        delegate.forEachRemaining(item -> {
          completion.item(item);
          action.accept(item);
        });
      } catch (RuntimeException | Error e) {
        completion.failure(e);
        throw e;
      }
      completion.streamComplete();
    }

    @Override
    public Spliterator<T> trySplit() {
      return null;
    }

    @Override
    public long estimateSize() {
      return delegate.estimateSize();
    }

    @Override
    public int characteristics() {
      return delegate.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED);
    }
  }
}
