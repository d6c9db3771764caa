package io.scouter.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.tracing.TraceSpanRecord;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.AddExtensions;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Without {@code captureLastStreamItem} a stream's output is, as upstream Scouter records it, the JSON array of the
 * items consumed, bounded by the capture limit (valid JSON, marked truncated, bounded memory for endless streams).
 */
@EnableAutoWeld
@AddExtensions(ScouterExtension.class)
@AddBeanClasses({AsyncBeans.Items.class, TestExporter.class})
class StreamItemsOutputTest {
  @Inject
  AsyncBeans.Items items;

  @BeforeEach
  void clear() {
    TestExporter.EXPORTER.clear();
  }

  private static JsonNode output(String spanName) {
    TestExporter.EXPORTER.awaitSpans(1, Duration.ofSeconds(5));
    TraceSpanRecord span = TestExporter.EXPORTER.span(spanName);
    assertThat(span).as(spanName).isNotNull();
    return span.output();
  }

  @Test
  void stream_outputIsTheArrayOfItems() {
    assertThat(items.stream(Stream.of("a", 2, List.of("x"))).count()).isEqualTo(3);
    assertThat(output("Items.stream").toString()).isEqualTo("[\"a\",2,[\"x\"]]");
  }

  @Test
  void emptyStream_outputIsAnEmptyArray() {
    assertThat(items.stream(Stream.empty()).count()).isZero();
    assertThat(output("Items.stream").toString()).isEqualTo("[]");
  }

  @Test
  void streamClosedEarly_outputIsTheItemsConsumed() {
    try (Stream<Object> s = items.stream(Stream.of("a", "b", "c"))) {
      Iterator<Object> it = s.iterator();
      assertThat(it.next()).isEqualTo("a");
    }
    assertThat(output("Items.stream").toString()).isEqualTo("[\"a\"]");
  }

  @Test
  void iterator_outputIsTheArrayOfItems() {
    Iterator<Object> it = items.iterator(List.<Object>of("a", "b").iterator());
    List<Object> seen = new ArrayList<>();
    it.forEachRemaining(seen::add);
    assertThat(seen).containsExactly("a", "b");
    assertThat(output("Items.iterator").toString()).isEqualTo("[\"a\",\"b\"]");
  }

  @Test
  void publisher_outputIsTheArrayOfItems() throws Exception {
    List<Object> seen = new ArrayList<>();
    try (SubmissionPublisher<Object> source = new SubmissionPublisher<>(Runnable::run, 16)) {
      items.publisher(source).subscribe(new Flow.Subscriber<Object>() {
        @Override
        public void onSubscribe(Flow.Subscription s) {
          s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Object item) {
          seen.add(item);
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onComplete() {}
      });
      source.submit("a");
      source.submit(1);
    }
    assertThat(seen).containsExactly("a", 1);
    assertThat(output("Items.publisher").toString()).isEqualTo("[\"a\",1]");
  }

  @Test
  void multi_outputIsTheArrayOfItems() {
    assertThat(items.multi(Multi.createFrom().items("a", "b")).collect().asList().await().indefinitely())
        .containsExactly("a", "b");
    assertThat(output("Items.multi").toString()).isEqualTo("[\"a\",\"b\"]");
  }

  @Test
  void endlessStream_outputStopsAtTheCaptureLimit_validJsonMarkedTruncated() {
    // 100,000 items pass through untouched; only what fits in maxLength = 60 characters is kept
    try (Stream<Object> endless = items.bounded(Stream.iterate((Object) 0, i -> (Integer) i + 1))) {
      assertThat(endless.limit(100_000).count()).isEqualTo(100_000);
    }
    JsonNode out = output("Items.bounded");
    assertThat(out.isArray()).as("valid JSON array: %s", out).isTrue();
    assertThat(out.toString().length()).isLessThanOrEqualTo(60 + ",\"...[truncated]\"".length());
    assertThat(out.get(0).asInt()).isZero();
    assertThat(out.get(out.size() - 1).asText()).isEqualTo("...[truncated]");
    for (int i = 0; i < out.size() - 1; i++) {
      assertThat(out.get(i).asInt()).as("items in order").isEqualTo(i);
    }
  }

  @Test
  void firstItemLargerThanTheLimit_outputIsOnlyTheMarker() {
    assertThat(items.bounded(Stream.of("x".repeat(500))).count()).isEqualTo(1);
    assertThat(output("Items.bounded").toString()).isEqualTo("[\"...[truncated]\"]");
  }

  @Test
  void captureOutputOff_noOutput() {
    assertThat(items.noOutput(Stream.of("a")).count()).isEqualTo(1);
    assertThat(output("Items.noOutput")).isNull();
  }
}
