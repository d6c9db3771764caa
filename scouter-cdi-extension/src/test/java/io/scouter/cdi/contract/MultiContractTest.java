package io.scouter.cdi.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

class MultiContractTest extends AbstractReturnTypeContractTest {
  private final AtomicReference<MultiEmitter<? super String>> emitter = new AtomicReference<>();
  private final List<String> items = new CopyOnWriteArrayList<>();
  private final AtomicReference<Throwable> error = new AtomicReference<>();
  private Cancellable subscription;

  @Override
  String spanName() {
    return "ContractBean.multi";
  }

  private Cancellable subscribe(Multi<String> multi) {
    return multi.subscribe().with(items::add, failure -> {
      callerSeesTheEnd();
      error.set(failure);
    }, () -> {
      callerSeesTheEnd();
      items.add("<complete>");
    });
  }

  @Override
  void callPending() {
    subscription = subscribe(bean.multi(Multi.createFrom().<String>emitter(e -> emitter.set(e))));
  }

  @Override
  void succeedPending() {
    emitter.get().emit("a").emit("done").complete();
    assertThat(items).containsExactly("a", "done", "<complete>");
  }

  @Override
  void failPending(RuntimeException e) {
    emitter.get().emit("a").fail(e);
    assertThat(error.get()).isSameAs(e);
  }

  @Override
  void cancelPending() {
    emitter.get().emit("a");
    subscription.cancel();
  }

  @Override
  void callAlreadySucceeded() {
    subscribe(bean.multi(Multi.createFrom().items("a", "done")));
    assertThat(items).containsExactly("a", "done", "<complete>");
  }

  @Override
  void callAlreadyFailed(RuntimeException e) {
    subscribe(bean.multi(Multi.createFrom().failure(e)));
    assertThat(error.get()).isSameAs(e);
  }
}
