package io.scouter.cdi.internal.async;

import java.util.concurrent.CompletionStage;

/**
 * {@link CompletionStage} and every subtype: the span ends when the stage completes; the caller gets the original
 * stage, so cancelling it still reaches the producer. Not a public API.
 */
final class CompletionStageStrategy implements AsyncEndStrategy {
  @Override
  public boolean supports(Class<?> returnType) {
    return CompletionStage.class.isAssignableFrom(returnType);
  }

  @Override
  public Object end(Object result, SpanCompletion completion) {
    ((CompletionStage<?>) result).whenComplete((value, error) -> {
      if (error == null) {
        completion.success(value);
      } else {
        completion.failure(error);
      }
    });
    return result;
  }
}
