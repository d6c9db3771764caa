package io.scouter.cdi.internal.async;

import java.util.concurrent.Flow;

/**
 * {@link Flow.Publisher}: the span ends on the first subscriber's completion, error or cancellation. Not a public
 * API.
 */
final class PublisherStrategy implements AsyncEndStrategy {
  @Override
  public boolean supports(Class<?> returnType) {
    return returnType == Flow.Publisher.class;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object end(Object result, SpanCompletion completion) {
    Flow.Publisher<Object> source = (Flow.Publisher<Object>) result;
    Flow.Publisher<Object> wrapped = subscriber -> source.subscribe(new Flow.Subscriber<Object>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscriber.onSubscribe(new Flow.Subscription() {
          @Override
          public void request(long n) {
            subscription.request(n);
          }

          @Override
          public void cancel() {
            completion.cancelled();
            subscription.cancel();
          }
        });
      }

      @Override
      public void onNext(Object item) {
        completion.item(item);
        subscriber.onNext(item);
      }

      @Override
      public void onError(Throwable error) {
        completion.failure(error);
        subscriber.onError(error);
      }

      @Override
      public void onComplete() {
        completion.streamComplete();
        subscriber.onComplete();
      }
    });
    return completion.watch(wrapped);
  }
}
