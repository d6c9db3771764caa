package io.scouter.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.queue.internal.Uuid7;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The record types: upstream's EvalRecord, Feature(s) and Metric(s) behaviour. */
class RecordsTest {
  record Context(String input, String response) {}

  @Test
  void evalRecord_defaults_asUpstream() {
    EvalRecord r = EvalRecord.of(null);
    assertThat(r.context().toString()).isEqualTo("{}");
    assertThat(r.id()).isEmpty();
    assertThat(Uuid7.isUuid7(r.uid())).isTrue();
    assertThat(Uuid7.isUuid7(r.sessionId())).isTrue();
    assertThat(r.traceId()).isNull();
    assertThat(r.tags()).isEmpty();
    assertThat(r.entityType()).isEqualTo(EntityType.EVAL);
  }

  @Test
  void evalRecord_contextFromARecordOrMap_updateContextField_addTag() {
    EvalRecord r = EvalRecord.of(new Context("What is the capital of France?", "Paris"));
    assertThat(r.context().get("input").asText()).isEqualTo("What is the capital of France?");
    r.updateContextField("score", 5).updateContextField("nested", Map.of("a", List.of(1, 2))).addTag("k", "v");
    assertThat(r.context().get("score").asInt()).isEqualTo(5);
    assertThat(r.context().get("nested").toString()).isEqualTo("{\"a\":[1,2]}");
    assertThat(r.tags()).containsExactly("k=v");
    r.updateContext(Map.of("response", "Paris.", "extra", true));
    assertThat(r.context().get("response").asText()).isEqualTo("Paris.");
    assertThat(r.context().get("input").asText()).isEqualTo("What is the capital of France?");

    EvalRecord list = EvalRecord.of(List.of("a", "b"));
    list.updateContextField("k", 1); // a non-object context is replaced, as upstream
    assertThat(list.context().toString()).isEqualTo("{\"k\":1}");
  }

  @Test
  void evalRecord_traceId_isValidated_andStampedOnlyOnce() {
    assertThatThrownBy(() -> EvalRecord.builder().traceId("xyz")).hasMessageContaining("32 hex characters");
    assertThatThrownBy(() -> EvalRecord.builder().traceId("00000000000000000000000000000000"))
        .isInstanceOf(IllegalArgumentException.class);
    EvalRecord r = EvalRecord.builder().traceId("0AF7651916CD43DD8448EB211C80319C").build();
    assertThat(r.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(r.stampTraceIdIfAbsent("4bf92f3577b34da6a3ce929d0e0e4736")).isFalse();
    EvalRecord s = EvalRecord.of(Map.of());
    assertThat(s.stampTraceIdIfAbsent("4bf92f3577b34da6a3ce929d0e0e4736")).isTrue();
    assertThat(s.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void unserializableContext_failsAtConstruction_namingTheType() {
    Object self = new Object() {
      @SuppressWarnings("unused")
      public Object getSelf() {
        return this;
      }
    };
    assertThatThrownBy(() -> EvalRecord.of(self)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot convert a");
  }

  @Test
  void uuid7_isVersion7_timeOrdered_andUnique() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      ids.add(Uuid7.next());
    }
    assertThat(ids).allSatisfy(id -> {
      assertThat(UUID.fromString(id).version()).isEqualTo(7);
      assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    });
    assertThat(ids).doesNotHaveDuplicates().isSorted();
    long ms = UUID.fromString(ids.get(0)).getMostSignificantBits() >>> 16;
    assertThat(ms).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
  }

  @Test
  void features_typedAsUpstreamsFeatureNew() {
    Features f = Features.of(Map.of("i", 1, "l", 2L, "d", 1.5, "s", "x"));
    assertThat(f.features()).extracting(Feature::name, Feature::kind).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("i", Feature.Kind.INT), org.assertj.core.groups.Tuple.tuple("l",
            Feature.Kind.INT),
        org.assertj.core.groups.Tuple.tuple("d", Feature.Kind.FLOAT),
        org.assertj.core.groups.Tuple.tuple("s", Feature.Kind.STRING));
    assertThat(Feature.categorical("c", "v")).isEqualTo(Feature.ofString("c", "v"));
    assertThatThrownBy(() -> Feature.of("b", true)).hasMessageContaining("unsupported feature type java.lang.Boolean");
    assertThat(f.entityType()).isEqualTo(EntityType.FEATURE);
  }

  @Test
  void metrics_lowercaseNames_andRefuseNonFiniteValues() {
    assertThat(new Metric("MAE", 1).name()).isEqualTo("mae");
    assertThatThrownBy(() -> new Metric("mae", Double.NaN)).hasMessageContaining("must be a finite number");
    assertThat(Metrics.of(Map.of("x", 2)).metrics()).containsExactly(new Metric("x", 2.0));
    assertThat(Metrics.of().entityType()).isEqualTo(EntityType.METRIC);
  }
}
