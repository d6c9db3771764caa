package io.scouter.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scouter.queue.internal.QueueJson;
import io.scouter.tracing.internal.RateLimitedLog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Turns queued items into upstream's {@code ServerRecord} JSON (externally tagged, snake_case fields in Rust struct
 * order, RFC 3339 times) and {@code ServerRecords} messages, computing what upstream's feature queues compute: SPC
 * sample means, PSI bin counts, custom metric averages ({@code crates/scouter_events/src/queue/{spc,psi,custom,genai}}).
 */
final class RecordEncoder {
  private static final Logger LOG = Logger.getLogger(RecordEncoder.class.getName());
  private final RateLimitedLog skipLog = new RateLimitedLog(LOG, 30_000);
  private final QueueProfile profile;
  private final String alias;

  RecordEncoder(String alias, QueueProfile profile) {
    this.alias = alias;
    this.profile = profile;
  }

  /**
   * {@code {"GenAIEval":{"record":{...}}}} ({@code AgentEval} for Agent profiles), the serde form of upstream's
   * {@code ServerRecord::GenAIEval(BoxedEvalRecord)} with the profile uid as {@code entity_uid}.
   */
  ObjectNode evalRecord(EvalRecord r) {
    EvalRecord.Snapshot s = r.snapshot();
    ObjectNode rec = QueueJson.object();
    rec.put("record_id", r.id());
    rec.put("session_id", r.sessionId());
    rec.put("created_at", rfc3339(r.createdAt()));
    rec.put("uid", r.uid());
    rec.set("context", s.context());
    rec.put("id", 0L);
    rec.putNull("updated_at");
    rec.putNull("processing_started_at");
    rec.putNull("processing_ended_at");
    rec.putNull("processing_duration");
    rec.put("entity_id", 0);
    rec.put("entity_uid", profile.uid());
    rec.put("status", "Pending");
    rec.put("entity_type", profile.driftType().entityName());
    rec.put("retry_count", 0);
    if (s.traceId() == null) {
      rec.putNull("trace_id");
    } else {
      rec.put("trace_id", s.traceId());
    }
    if (profile.driftType() == DriftType.AGENT) {
      rec.put("record_source", "User");
    }
    ArrayNode tags = rec.putArray("tags");
    s.tags().forEach(tags::add);
    ObjectNode boxed = QueueJson.object();
    boxed.set("record", rec);
    return tagged(profile.driftType().evalRecordVariant(), boxed);
  }

  /** Server records for a batch of queued entries (encoded eval records, {@link Features} or {@link Metrics}). */
  List<ObjectNode> encode(List<Object> batch) {
    switch (profile.driftType()) {
      case SPC:
        return spc(batch);
      case PSI:
        return psi(batch);
      case CUSTOM:
        return custom(batch);
      default:
        List<ObjectNode> out = new ArrayList<>(batch.size());
        batch.forEach(o -> out.add((ObjectNode) o));
        return out;
    }
  }

  /** Upstream's SpcFeatureQueue + SpcMonitor::sample_data: the mean of each chunk of sample_size values per feature. */
  private List<ObjectNode> spc(List<Object> batch) {
    List<String> monitored = profile.featuresToMonitor().isEmpty()
        ? new ArrayList<>(profile.profileFeatures()) : profile.featuresToMonitor();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    monitored.forEach(f -> values.put(f, new ArrayList<>()));
    for (Object o : batch) {
      for (Feature f : ((Features) o).features()) {
        List<Double> vs = values.get(f.name());
        if (vs == null) {
          skipLog.warn("Scouter queue '" + alias + "': feature '" + f.name() + "' is not monitored by profile "
              + profile.identifier() + "; skipped");
          continue;
        }
        Double v = toDouble(f);
        if (v != null && Double.isFinite(v)) {
          vs.add(v);
        }
      }
    }
    String now = rfc3339(Instant.now());
    int size = profile.batchSize();
    List<ObjectNode> out = new ArrayList<>();
    values.forEach((feature, vs) -> {
      if (vs.isEmpty() || !profile.profileFeatures().contains(feature)) {
        return;
      }
      for (int from = 0; from < vs.size(); from += size) {
        List<Double> chunk = vs.subList(from, Math.min(vs.size(), from + size));
        double mean = chunk.stream().mapToDouble(Double::doubleValue).sum() / chunk.size();
        ObjectNode r = QueueJson.object();
        r.put("created_at", now);
        r.put("uid", profile.uid());
        r.put("feature", feature);
        r.put("value", mean);
        r.put("entity_id", 0);
        out.add(tagged("Spc", r));
      }
    });
    return out;
  }

  /** Upstream's PsiFeatureQueue: counts per bin of each monitored feature; every bin of a feature with any count. */
  private List<ObjectNode> psi(List<Object> batch) {
    Map<String, Map<Integer, Integer>> counts = new LinkedHashMap<>();
    profile.psiFeatures().forEach((name, f) -> {
      if (profile.featuresToMonitor().contains(name)) {
        Map<Integer, Integer> bins = new LinkedHashMap<>();
        f.bins().forEach(b -> bins.put(b.id(), 0));
        counts.put(name, bins);
      }
    });
    for (Object o : batch) {
      for (Feature f : ((Features) o).features()) {
        QueueProfile.PsiFeature pf = profile.psiFeatures().get(f.name());
        if (pf == null) {
          continue; // not in the profile: upstream ignores it silently
        }
        Map<Integer, Integer> bins = counts.get(f.name());
        if (bins == null) {
          skipLog.warn("Scouter queue '" + alias + "': feature '" + f.name() + "' is not in features_to_monitor of "
              + "profile " + profile.identifier() + "; skipped");
          continue;
        }
        Double v = toDouble(f);
        if (v == null || !Double.isFinite(v)) {
          continue; // upstream: non-finite values are not counted
        }
        Integer bin = null;
        if (pf.numeric()) {
          for (QueueProfile.Bin b : pf.bins()) {
            if (v > b.lower() && v <= b.upper()) {
              bin = b.id();
              break;
            }
          }
        } else {
          bin = bins.containsKey(v.intValue()) ? v.intValue() : null;
        }
        if (bin == null) {
          skipLog.warn("Scouter queue '" + alias + "': no bin of feature '" + f.name() + "' holds " + f.value()
              + "; skipped");
          continue;
        }
        bins.merge(bin, 1, Integer::sum);
      }
    }
    String now = rfc3339(Instant.now());
    List<ObjectNode> out = new ArrayList<>();
    counts.forEach((feature, bins) -> {
      if (bins.values().stream().noneMatch(c -> c > 0)) {
        return;
      }
      bins.forEach((id, count) -> {
        ObjectNode r = QueueJson.object();
        r.put("created_at", now);
        r.put("uid", profile.uid());
        r.put("feature", feature);
        r.put("bin_id", id);
        r.put("bin_count", count);
        r.put("entity_id", 0);
        out.add(tagged("Psi", r));
      });
    });
    return out;
  }

  /** Upstream's CustomMetricFeatureQueue: the average of each profile metric. */
  private List<ObjectNode> custom(List<Object> batch) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (Object o : batch) {
      for (Metric m : ((Metrics) o).metrics()) {
        if (!profile.metricNames().contains(m.name())) {
          skipLog.warn("Scouter queue '" + alias + "': metric '" + m.name() + "' is not in profile "
              + profile.identifier() + "; skipped");
          continue;
        }
        double[] s = sums.computeIfAbsent(m.name(), k -> new double[2]);
        s[0] += m.value();
        s[1]++;
      }
    }
    String now = rfc3339(Instant.now());
    List<ObjectNode> out = new ArrayList<>();
    sums.forEach((metric, s) -> {
      ObjectNode r = QueueJson.object();
      r.put("created_at", now);
      r.put("uid", profile.uid());
      r.put("metric", metric);
      r.put("value", s[0] / s[1]);
      r.put("entity_id", 0);
      out.add(tagged("Custom", r));
    });
    return out;
  }

  /** A feature as a number: strings through the profile's feature map (with its "missing" entry), as upstream. */
  private Double toDouble(Feature f) {
    switch (f.kind()) {
      case INT:
        return ((Long) f.value()).doubleValue();
      case FLOAT:
        return (Double) f.value();
      default:
        Map<String, Integer> map = profile.featureMap().get(f.name());
        Integer n = map == null ? null : map.getOrDefault((String) f.value(), map.get("missing"));
        if (n == null) {
          skipLog.warn("Scouter queue '" + alias + "': string value of feature '" + f.name() + "' is not in the "
              + "profile's feature_map (and it has no 'missing' entry); skipped");
          return null;
        }
        return n.doubleValue();
    }
  }

  private static ObjectNode tagged(String variant, ObjectNode value) {
    ObjectNode o = QueueJson.object();
    o.set(variant, value);
    return o;
  }

  /** RFC 3339 in UTC with a {@code Z}, as chrono serializes {@code DateTime<Utc>}. */
  static String rfc3339(Instant t) {
    return t.toString();
  }

  /** {@code {"records":[...]}}, the {@code ServerRecords} variant of the untagged {@code MessageRecord}. */
  static byte[] message(List<ObjectNode> records) {
    ObjectNode root = QueueJson.object();
    ArrayNode arr = root.putArray("records");
    records.forEach(arr::add);
    try {
      return QueueJson.MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode queue records", e);
    }
  }
}
