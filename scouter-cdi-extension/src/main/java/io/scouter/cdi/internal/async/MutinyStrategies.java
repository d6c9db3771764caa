package io.scouter.cdi.internal.async;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** Mutiny {@code Uni} and {@code Multi}; loaded only when Mutiny is on the classpath. Not a public API. */
final class MutinyStrategies {
  private MutinyStrategies() {}

  static List<AsyncEndStrategy> all() {
    return List.of(new UniStrategy(), new MultiStrategy());
  }

  static final class UniStrategy implements AsyncEndStrategy {
    @Override
    public boolean supports(Class<?> returnType) {
      return Uni.class.isAssignableFrom(returnType);
    }

    @Override
    public Object end(Object result, SpanCompletion completion) {
      Uni<?> uni = ((Uni<?>) result)
          .onItemOrFailure().invoke((item, failure) -> {
            if (failure == null) {
              completion.success(item);
            } else {
              completion.failure(failure);
            }
          })
          .onCancellation().invoke(completion::cancelled);
      return completion.watch(uni);
    }
  }

  static final class MultiStrategy implements AsyncEndStrategy {
    @Override
    public boolean supports(Class<?> returnType) {
      return Multi.class.isAssignableFrom(returnType);
    }

    @Override
    public Object end(Object result, SpanCompletion completion) {
      Multi<?> multi = ((Multi<?>) result)
          .onItem().invoke(completion::item)
          .onFailure().invoke(completion::failure)
          .onCompletion().invoke(completion::streamComplete)
          .onCancellation().invoke(completion::cancelled);
      return completion.watch(multi);
    }
  }
}
