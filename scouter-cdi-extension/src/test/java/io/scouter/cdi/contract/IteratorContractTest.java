package io.scouter.cdi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.cdi.TestExporter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Iterators have no cancel: abandoning one is covered by the garbage-collection test. */
class IteratorContractTest extends AbstractReturnTypeContractTest {
  private ScriptedSource source;
  private Iterator<String> returned;

  @Override
  String spanName() {
    return "ContractBean.iterator";
  }

  static List<String> drain(Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Override
  void callPending() {
    source = new ScriptedSource();
    returned = bean.iterator(source);
  }

  @Override
  void succeedPending() {
    source.script("a", "done", ScriptedSource.END);
    assertThat(drain(returned)).containsExactly("a", "done");
    callerSeesTheEnd();
  }

  @Override
  void failPending(RuntimeException error) {
    source.script("a", error);
    assertThatThrownBy(() -> drain(returned)).isSameAs(error);
    callerSeesTheEnd();
  }

  @Override
  void cancelPending() {
    // an Iterator cannot be cancelled; the closest is abandoning it, see AbandonedResultTest
    source.script("a", ScriptedSource.END);
    returned.next();
    returned = null;
    gcUntil(() -> !TestExporter.EXPORTER.spans().isEmpty());
  }

  @Override
  void callAlreadySucceeded() {
    assertThat(drain(bean.iterator(List.of("a", "done").iterator()))).containsExactly("a", "done");
  }

  @Override
  void callAlreadyFailed(RuntimeException error) {
    Iterator<String> it = bean.iterator(new ScriptedSource().script(error));
    assertThatThrownBy(it::hasNext).isSameAs(error);
  }

  @Override
  @Test
  void cancel_endsTheSpanMarkedCancelledWithoutError() {
    callPending();
    cancelPending();
    var span = onlySpan();
    assertThat(span.attribute(io.scouter.tracing.ScouterAttributes.ABANDONED)).isEqualTo(true);
    assertThat(span.statusCode()).isZero();
  }
}
