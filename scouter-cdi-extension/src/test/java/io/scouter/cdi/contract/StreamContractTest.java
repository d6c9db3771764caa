package io.scouter.cdi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

class StreamContractTest extends AbstractReturnTypeContractTest {
  private ScriptedSource source;
  private Stream<String> returned;

  static Stream<String> streamOf(Iterator<String> it) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, 0), false);
  }

  @Override
  String spanName() {
    return "ContractBean.stream";
  }

  @Override
  void callPending() {
    source = new ScriptedSource();
    returned = bean.stream(streamOf(source));
  }

  @Override
  void succeedPending() {
    source.script("a", "done", ScriptedSource.END);
    assertThat(returned.map(String::toUpperCase)).containsExactly("A", "DONE");
    callerSeesTheEnd();
  }

  @Override
  void failPending(RuntimeException error) {
    source.script("a", error);
    assertThatThrownBy(() -> returned.forEach(x -> {})).isSameAs(error);
    callerSeesTheEnd();
  }

  @Override
  void cancelPending() {
    source.script("a", "b", ScriptedSource.END);
    try (Stream<String> s = returned) {
      assertThat(s.iterator().next()).isEqualTo("a");
    }
  }

  @Override
  void callAlreadySucceeded() {
    assertThat(bean.stream(Stream.of("a", "done"))).containsExactly("a", "done");
  }

  @Override
  void callAlreadyFailed(RuntimeException error) {
    Stream<String> s = bean.stream(streamOf(new ScriptedSource().script(error)));
    assertThatThrownBy(s::count).isSameAs(error);
  }
}
