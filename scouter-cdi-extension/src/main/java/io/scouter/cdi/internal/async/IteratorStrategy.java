package io.scouter.cdi.internal.async;

import java.util.Iterator;

/** {@link Iterator}: the span ends when {@code hasNext()} first answers false or the iteration fails. Not a public API. */
final class IteratorStrategy implements AsyncEndStrategy {
  @Override
  public boolean supports(Class<?> returnType) {
    return returnType == Iterator.class;
  }

  @Override
  public Object end(Object result, SpanCompletion completion) {
    Iterator<?> source = (Iterator<?>) result;
    return completion.watch(new Iterator<Object>() {
      @Override
      public boolean hasNext() {
        boolean more;
        try {
          more = source.hasNext();
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
      public Object next() {
        try {
          Object item = source.next();
          completion.item(item);
          return item;
        } catch (RuntimeException | Error e) {
          completion.failure(e);
          throw e;
        }
      }

      @Override
      public void remove() {
        source.remove();
      }
    });
  }
}
