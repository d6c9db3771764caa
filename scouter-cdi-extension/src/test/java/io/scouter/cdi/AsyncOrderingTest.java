package io.scouter.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.tracing.TraceSpanRecord;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An async span ends, and is exported, before anything the caller attached to the returned stage runs; nested async
 * spans end inner first. Asserted right after {@code join()} returns, with no waiting, 1,000 times.
 */
@EnableAutoWeld
@AddExtensions(ScouterExtension.class)
@AddBeanClasses({AsyncBeans.Outer.class, AsyncBeans.Inner.class, TestExporter.class})
class AsyncOrderingTest {
  private static final int REPETITIONS = 1_000;
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  @Inject
  AsyncBeans.Outer outer;

  @BeforeEach
  void clear() {
    TestExporter.EXPORTER.clear();
  }

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  @Test
  void nestedCompletableFutures_bothSpansExportedWhenJoinReturns_innerEndsFirst() {
    for (int i = 0; i < REPETITIONS; i++) {
      TestExporter.EXPORTER.clear();
      assertThat(outer.outer(POOL).join()).isEqualTo(42);
      assertNested(TestExporter.EXPORTER.spans(), "Outer.outer", "Inner.inner", i);
    }
  }

  @Test
  void nestedCompletionStages_bothSpansExportedWhenTheCallersStageCompletes_innerEndsFirst() {
    for (int i = 0; i < REPETITIONS; i++) {
      TestExporter.EXPORTER.clear();
      assertThat(outer.outerStage(POOL).toCompletableFuture().join()).isEqualTo(42);
      assertNested(TestExporter.EXPORTER.spans(), "Outer.outerStage", "Inner.innerStage", i);
    }
  }

  private static void assertNested(List<TraceSpanRecord> spans, String outerName, String innerName, int round) {
    assertThat(spans).as("round %d: exported when join() returned", round).extracting(TraceSpanRecord::spanName)
        .containsExactlyInAnyOrder(outerName, innerName);
    TraceSpanRecord outerSpan = TestExporter.EXPORTER.span(outerName);
    TraceSpanRecord innerSpan = TestExporter.EXPORTER.span(innerName);
    assertThat(innerSpan.parentSpanId()).isEqualTo(outerSpan.spanId());
    assertThat(innerSpan.endTime()).as("round %d: the child ends no later than its parent", round)
        .isBeforeOrEqualTo(outerSpan.endTime());
    assertThat(spans.indexOf(innerSpan)).as("round %d: the child is exported first", round)
        .isLessThan(spans.indexOf(outerSpan));
    assertThat(outerSpan.output().asInt()).isEqualTo(42);
    assertThat(innerSpan.output().asInt()).isEqualTo(41);
  }
}
