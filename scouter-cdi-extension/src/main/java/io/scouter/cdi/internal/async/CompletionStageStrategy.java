package io.scouter.cdi.internal.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * {@link CompletionStage} and every subtype: the span ends when the stage completes. Not a public API.
 *
 * <p>A method declared to return {@code CompletionStage} or {@code CompletableFuture} hands the caller a new stage
 * that completes with the same value or error only <em>after</em> the span has ended, so every dependent the caller
 * attaches ({@code join()}, {@code thenApply}, a nested {@code @Traced} caller) sees the span ended and exported, and
 * nested async spans end inner first. Cancelling that stage cancels the method's own stage, so it still reaches the
 * producer. A stage that is already complete is returned as it is (its span has ended before the method returns).
 * A method declared with another subtype gets its own object back (the declared type cannot be replaced); its span
 * ends when it completes, but dependents the caller registered may run first.
 */
final class CompletionStageStrategy implements AsyncEndStrategy {
  /** For {@code CompletionStage} and {@code CompletableFuture}: a stage that completes after the span ended. */
  static final CompletionStageStrategy ENDED_FIRST = new CompletionStageStrategy(true);
  /** For the other subtypes: the same object, the span ended by the first completion callback. */
  static final CompletionStageStrategy SAME_OBJECT = new CompletionStageStrategy(false);

  private final boolean endedFirst;

  private CompletionStageStrategy(boolean endedFirst) {
    this.endedFirst = endedFirst;
  }

  @Override
  public boolean supports(Class<?> returnType) {
    return endedFirst ? returnType == CompletionStage.class || returnType == CompletableFuture.class
        : CompletionStage.class.isAssignableFrom(returnType);
  }

  @Override
  public Object end(Object result, SpanCompletion completion) {
    CompletionStage<?> stage = (CompletionStage<?>) result;
    if (!endedFirst || isDone(stage)) {
      // a complete stage runs the callback now: the span has ended before the caller gets the stage
      stage.whenComplete((value, error) -> signal(completion, value, error));
      return stage;
    }
    EndedFirst<Object> handed = new EndedFirst<>(stage, completion);
    stage.whenComplete((value, error) -> {
      try {
        signal(completion, value, error);
      } finally {
        if (error == null) {
          handed.complete(value);
        } else {
          handed.completeExceptionally(error);
        }
      }
    });
    return handed;
  }

  /** Whether the stage is known to be complete ({@code false} for a minimal stage, which cannot tell). */
  private static boolean isDone(CompletionStage<?> stage) {
    if (stage instanceof CompletableFuture<?> future) {
      try {
        return future.isDone();
      } catch (UnsupportedOperationException minimalStage) {
        return false;
      }
    }
    return false;
  }

  private static void signal(SpanCompletion completion, Object value, Throwable error) {
    if (error == null) {
      completion.success(value);
    } else {
      completion.failure(error);
    }
  }

  /** The caller's stage: completed after the span ended; its cancellation cancels the method's stage. */
  static final class EndedFirst<T> extends CompletableFuture<T> {
    private final CompletionStage<?> source;
    private final SpanCompletion completion;

    EndedFirst(CompletionStage<?> source, SpanCompletion completion) {
      this.source = source;
      this.completion = completion;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      if (source instanceof Future<?> future) {
        try {
          // its completion callback ends the span (cancelled), then cancels this stage
          future.cancel(mayInterruptIfRunning);
        } catch (UnsupportedOperationException minimalStage) {
          // a minimal stage cannot be cancelled from outside
        }
      }
      completion.cancelled(); // a source that cannot be cancelled: the caller gave up, the span ends now
      return super.cancel(mayInterruptIfRunning) || isCancelled();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new CompletableFuture<>();
    }
  }
}
