package io.scouter.cdi.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicReference;

class PublisherContractTest extends AbstractReturnTypeContractTest {
  private SubmissionPublisher<String> source;
  private Recorder recorder;

  /** Records what a subscriber sees; requests everything. */
  static final class Recorder implements Flow.Subscriber<String> {
    final List<String> items = new CopyOnWriteArrayList<>();
    final Runnable onEnd;
    final AtomicReference<Throwable> error = new AtomicReference<>();
    volatile boolean completed;
    volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String item) {
      items.add(item);
    }

    Recorder(Runnable onEnd) {
      this.onEnd = onEnd;
    }

    @Override
    public void onError(Throwable t) {
      onEnd.run();
      error.set(t);
    }

    @Override
    public void onComplete() {
      onEnd.run();
      completed = true;
    }
  }

  @Override
  String spanName() {
    return "ContractBean.publisher";
  }

  @Override
  void callPending() {
    source = new SubmissionPublisher<>(Runnable::run, 16);
    recorder = new Recorder(this::callerSeesTheEnd);
    bean.publisher(source).subscribe(recorder);
  }

  @Override
  void succeedPending() {
    source.submit("a");
    source.submit("done");
    source.close();
    assertThat(recorder.items).containsExactly("a", "done");
    assertThat(recorder.completed).isTrue();
  }

  @Override
  void failPending(RuntimeException error) {
    source.submit("a");
    source.closeExceptionally(error);
    assertThat(recorder.error.get()).isSameAs(error);
  }

  @Override
  void cancelPending() {
    source.submit("a");
    recorder.subscription.cancel();
  }

  static Flow.Publisher<String> finished(Throwable error) {
    return subscriber -> {
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      });
      if (error == null) {
        subscriber.onNext("a");
        subscriber.onNext("done");
        subscriber.onComplete();
      } else {
        subscriber.onError(error);
      }
    };
  }

  @Override
  void callAlreadySucceeded() {
    Recorder r = new Recorder(this::callerSeesTheEnd);
    bean.publisher(finished(null)).subscribe(r);
    assertThat(r.items).containsExactly("a", "done");
  }

  @Override
  void callAlreadyFailed(RuntimeException error) {
    Recorder r = new Recorder(this::callerSeesTheEnd);
    bean.publisher(finished(error)).subscribe(r);
    assertThat(r.error.get()).isSameAs(error);
  }
}
