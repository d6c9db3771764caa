package io.scouter.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks queue records the way the Scouter server's serde derive reads them
 * ({@code crates/scouter_types/src/records.rs}
 * at v0.25.0 and after the GenAI -> Agent rename): the externally tagged {@code ServerRecord} variant, every required
 * field with its Rust type, {@code Option} fields null or typed, RFC 3339 times, 32-hex trace ids, known enum names.
 * Unknown fields are allowed, as serde allows them.
 */
public final class ServerRecordCheck {
  /** The server generation: v0.25.0 ({@code GenAIEval}, {@code GenAI}) or later ({@code AgentEval}, {@code Agent}). */
  public enum Server {
    V0_25, AGENT
  }

  private static final Set<String> STATUS = Set.of("All", "Pending", "Processing", "Processed", "Failed");

  private ServerRecordCheck() {}

  /** Checks every record of a {@code records} array; returns the variant names in order. */
  public static List<String> check(JsonNode records, Server server) {
    assertThat(records.isArray()).as("records must be an array").isTrue();
    List<String> variants = new ArrayList<>();
    for (JsonNode r : records) {
      assertThat(r.isObject() && r.size() == 1).as("externally tagged ServerRecord: " + r).isTrue();
      Map.Entry<String, JsonNode> e = r.fields().next();
      variants.add(e.getKey());
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "GenAIEval":
          assertThat(server).as("GenAIEval is a v0.25.0 variant").isEqualTo(Server.V0_25);
          eval(v.get("record"), server);
          break;
        case "AgentEval":
          assertThat(server).as("AgentEval is a post-v0.25.0 variant").isEqualTo(Server.AGENT);
          eval(v.get("record"), server);
          break;
        case "Spc":
          common(v);
          string(v, "feature");
          number(v, "value");
          break;
        case "Psi":
          common(v);
          string(v, "feature");
          i32(v, "bin_id");
          i32(v, "bin_count");
          break;
        case "Custom":
          common(v);
          string(v, "metric");
          number(v, "value");
          break;
        default:
          fail("unknown ServerRecord variant " + e.getKey());
      }
    }
    return variants;
  }

  /** The inner records of the eval variants. */
  public static List<JsonNode> evalRecords(List<JsonNode> records) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : records) {
      JsonNode v = r.has("GenAIEval") ? r.get("GenAIEval") : r.get("AgentEval");
      if (v != null) {
        out.add(v.get("record"));
      }
    }
    return out;
  }

  private static void eval(JsonNode rec, Server server) {
    assertThat(rec).as("BoxedEvalRecord.record").isNotNull();
    assertThat(rec.isObject()).isTrue();
    string(rec, "record_id");
    string(rec, "session_id");
    time(rec, "created_at", false);
    string(rec, "uid");
    assertThat(rec.has("context")).as("context (serde_json::Value) is required").isTrue();
    i64(rec, "id");
    time(rec, "updated_at", true);
    time(rec, "processing_started_at", true);
    time(rec, "processing_ended_at", true);
    if (rec.hasNonNull("processing_duration")) {
      i32(rec, "processing_duration");
    }
    i32(rec, "entity_id");
    string(rec, "entity_uid");
    assertThat(STATUS).as("status").contains(string(rec, "status"));
    Set<String> entities = server == Server.V0_25 ? Set.of("Feature", "Metric", "GenAI")
        : Set.of("Feature", "Metric", "Agent");
    assertThat(entities).as("entity_type").contains(string(rec, "entity_type"));
    i32(rec, "retry_count");
    JsonNode t = rec.get("trace_id");
    if (t != null && !t.isNull()) {
      assertThat(t.asText()).as("TraceId::from_hex").matches("[0-9a-fA-F]{32}");
    }
    if (rec.has("record_source")) {
      assertThat(server).as("record_source exists only after v0.25.0").isEqualTo(Server.AGENT);
      assertThat(Set.of("User", "Queue", "TraceDispatch")).contains(rec.get("record_source").asText());
    }
    if (rec.has("tags")) {
      assertThat(rec.get("tags").isArray()).isTrue();
      rec.get("tags").forEach(x -> assertThat(x.isTextual()).as("tags are strings").isTrue());
    }
  }

  private static void common(JsonNode v) {
    time(v, "created_at", false);
    string(v, "uid");
    i32(v, "entity_id");
  }

  private static String string(JsonNode o, String f) {
    JsonNode v = o.get(f);
    assertThat(v).as("missing field `" + f + "` in " + o).isNotNull();
    assertThat(v.isTextual()).as(f + " must be a string: " + v).isTrue();
    return v.asText();
  }

  private static void number(JsonNode o, String f) {
    JsonNode v = o.get(f);
    assertThat(v).as("missing field `" + f + "`").isNotNull();
    assertThat(v.isNumber()).as(f + " must be a number (f64), NaN would be null: " + v).isTrue();
  }

  private static void i32(JsonNode o, String f) {
    JsonNode v = o.get(f);
    assertThat(v).as("missing field `" + f + "`").isNotNull();
    assertThat(v.isIntegralNumber() && v.canConvertToInt()).as(f + " must be an i32: " + v).isTrue();
  }

  private static void i64(JsonNode o, String f) {
    JsonNode v = o.get(f);
    assertThat(v).as("missing field `" + f + "`").isNotNull();
    assertThat(v.isIntegralNumber() && v.canConvertToLong()).as(f + " must be an i64: " + v).isTrue();
  }

  private static void time(JsonNode o, String f, boolean optional) {
    JsonNode v = o.get(f);
    if (optional && (v == null || v.isNull())) {
      return;
    }
    assertThat(v).as("missing field `" + f + "`").isNotNull();
    try {
      OffsetDateTime.parse(v.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      fail(f + " is not RFC 3339: " + v);
    }
  }
}
