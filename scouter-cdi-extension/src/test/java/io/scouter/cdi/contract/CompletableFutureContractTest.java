package io.scouter.cdi.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

class CompletableFutureContractTest extends AbstractReturnTypeContractTest {
  private CompletableFuture<String> source;
  private CompletableFuture<String> returned;

  @Override
  String spanName() {
    return "ContractBean.future";
  }

  @Override
  void callPending() {
    source = new CompletableFuture<>();
    returned = bean.future(source);
    returned.whenComplete((value, error) -> callerSeesTheEnd());
  }

  @Override
  void succeedPending() {
    source.complete("done");
  }

  @Override
  void failPending(RuntimeException error) {
    source.completeExceptionally(error);
  }

  @Override
  void cancelPending() {
    assertThat(returned.cancel(true)).isTrue();
    assertThat(returned.isCancelled()).isTrue();
    assertThat(source.isCancelled()).as("cancelling the caller's stage reaches the producer").isTrue();
  }

  @Override
  void callAlreadySucceeded() {
    bean.future(CompletableFuture.completedFuture("done"));
  }

  @Override
  void callAlreadyFailed(RuntimeException error) {
    bean.future(CompletableFuture.failedFuture(error));
  }
}
