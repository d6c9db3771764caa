package io.scouter.cdi.contract;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A minimal stage (not a CompletableFuture to the caller) declared as {@link CompletionStage}. */
class CompletionStageContractTest extends AbstractReturnTypeContractTest {
  private CompletableFuture<String> source;

  @Override
  String spanName() {
    return "ContractBean.stage";
  }

  @Override
  void callPending() {
    source = new CompletableFuture<>();
    bean.stage(source.minimalCompletionStage()).whenComplete((value, error) -> callerSeesTheEnd());
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
    source.cancel(true);
  }

  @Override
  void callAlreadySucceeded() {
    bean.stage(CompletableFuture.completedStage("done"));
  }

  @Override
  void callAlreadyFailed(RuntimeException error) {
    bean.stage(CompletableFuture.failedStage(error));
  }
}
