package io.scouter.cdi.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

class UniContractTest extends AbstractReturnTypeContractTest {
  private CompletableFuture<String> source;
  private Cancellable subscription;
  private final AtomicReference<Object> seen = new AtomicReference<>();

  @Override
  String spanName() {
    return "ContractBean.uni";
  }

  private Cancellable subscribe(Uni<String> uni) {
    return uni.subscribe().with(item -> {
      callerSeesTheEnd();
      seen.set(item);
    }, failure -> {
      callerSeesTheEnd();
      seen.set(failure);
    });
  }

  @Override
  void callPending() {
    source = new CompletableFuture<>();
    subscription = subscribe(bean.uni(Uni.createFrom().completionStage(source)));
  }

  @Override
  void succeedPending() {
    source.complete("done");
    assertThat(seen.get()).isEqualTo("done");
  }

  @Override
  void failPending(RuntimeException error) {
    source.completeExceptionally(error);
    assertThat(seen.get()).isSameAs(error);
  }

  @Override
  void cancelPending() {
    subscription.cancel();
  }

  @Override
  void callAlreadySucceeded() {
    assertThat(bean.uni(Uni.createFrom().item("done")).await().indefinitely()).isEqualTo("done");
  }

  @Override
  void callAlreadyFailed(RuntimeException error) {
    subscribe(bean.uni(Uni.createFrom().failure(error)));
    assertThat(seen.get()).isSameAs(error);
  }
}
