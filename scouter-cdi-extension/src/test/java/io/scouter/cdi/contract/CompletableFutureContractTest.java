package io.scouter.cdi.contract;

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
    returned.cancel(true);
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
