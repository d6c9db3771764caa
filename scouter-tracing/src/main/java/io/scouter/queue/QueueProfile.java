package io.scouter.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.queue.internal.QueueJson;
import io.scouter.queue.internal.Uuid7;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A Scouter drift or evaluation profile as written by Scouter ({@code profile.save_to_json()}): what a queue needs from
 * it. The JSON is upstream's serde form of {@code SpcDriftProfile}, {@code PsiDriftProfile}, {@code CustomDriftProfile}
 * and {@code GenAIEvalProfile} (Scouter v0.25.0; {@code drift_type "Agent"} for the later {@code AgentEvalProfile}),
 * dispatched on {@code config.drift_type} like upstream's {@code DriftProfile::from_value}.
 *
 * <pre>{@code
 * QueueProfile profile = QueueProfile.read(Path.of("/etc/app/genai_profile.json"));
 * profile.uid();          // config.uid, the server's entity uid
 * profile.identifier();   // "space/name/v1.0.0/genai"
 * }</pre>
 *
 * <p>Fields the queue does not use (alert configuration, evaluation tasks, control limits) are not checked.
 */
public final class QueueProfile {
  private static final Logger LOG = Logger.getLogger(QueueProfile.class.getName());
  /** Upstream's {@code MISSING}, the default space and name of an evaluation profile. */
  static final String MISSING = "__missing__";
  /** Upstream's {@code DEFAULT_VERSION}. */
  static final String DEFAULT_VERSION = "0.0.0";

  private final String source;
  private final DriftType driftType;
  private final String uid;
  private final String space;
  private final String name;
  private final String version;
  private final double sampleRatio;
  private final int sampleSize;
  private final List<String> featuresToMonitor;
  private final Set<String> profileFeatures;
  private final Map<String, Map<String, Integer>> featureMap;
  private final Map<String, PsiFeature> psiFeatures;
  private final Set<String> metricNames;

  private QueueProfile(Parser p) {
    this.source = p.source;
    this.driftType = p.driftType;
    this.uid = p.uid;
    this.space = p.space;
    this.name = p.name;
    this.version = p.version;
    this.sampleRatio = p.sampleRatio;
    this.sampleSize = p.sampleSize;
    this.featuresToMonitor = List.copyOf(p.featuresToMonitor);
    this.profileFeatures = Collections.unmodifiableSet(p.profileFeatures);
    this.featureMap = Collections.unmodifiableMap(p.featureMap);
    this.psiFeatures = Collections.unmodifiableMap(p.psiFeatures);
    this.metricNames = Collections.unmodifiableSet(p.metricNames);
  }

  /**
   * Reads a profile file.
   *
   * @throws QueueProfileException naming the file when it is unreadable, not JSON, of an unknown type or incomplete
   */
  public static QueueProfile read(Path path) {
    String source = path.toString();
    String json;
    try {
      json = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new QueueProfileException(source, "cannot read the file (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
    return parse(json, source);
  }

  /**
   * Parses profile JSON; {@code source} names it in errors (a path, {@code classpath:...}).
   *
   * @throws QueueProfileException naming the source
   */
  public static QueueProfile parse(String json, String source) {
    JsonNode root;
    try {
      root = QueueJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new QueueProfileException(source, "not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    return new QueueProfile(new Parser(source, root));
  }

  /** Where the profile came from. */
  public String source() {
    return source;
  }

  /** {@code config.drift_type}. */
  public DriftType driftType() {
    return driftType;
  }

  /** {@code config.uid}, the entity uid the server files the records under. */
  public String uid() {
    return uid;
  }

  /** {@code config.space}. */
  public String space() {
    return space;
  }

  /** {@code config.name}. */
  public String name() {
    return name;
  }

  /** {@code config.version}. */
  public String version() {
    return version;
  }

  /**
   * {@code config.sample_ratio} of an evaluation profile (default 1.0): the share of inserted records a queue keeps.
   * 1.0 for other profiles.
   */
  public double sampleRatio() {
    return sampleRatio;
  }

  /**
   * {@code config.sample_size} of SPC and custom profiles (the batch that triggers a publish and, for SPC, the sample
   * a mean is taken over); upstream's fixed batch for PSI (1000) and evaluation (25) queues.
   */
  public int batchSize() {
    return sampleSize;
  }

  /** {@code space/name/v<version>/<type>}, upstream's {@code DriftProfile::identifier}. */
  public String identifier() {
    String suffix = driftType == DriftType.AGENT ? "agent" : driftType.name().toLowerCase(java.util.Locale.ROOT);
    return space + "/" + name + "/v" + version + "/" + suffix;
  }

  List<String> featuresToMonitor() {
    return featuresToMonitor;
  }

  Set<String> profileFeatures() {
    return profileFeatures;
  }

  Map<String, Map<String, Integer>> featureMap() {
    return featureMap;
  }

  Map<String, PsiFeature> psiFeatures() {
    return psiFeatures;
  }

  Set<String> metricNames() {
    return metricNames;
  }

  @Override
  public String toString() {
    return "QueueProfile{" + driftType.wireName() + " " + identifier() + ", uid=" + uid + ", source=" + source + "}";
  }

  /** A PSI feature's bins. */
  record PsiFeature(boolean numeric, List<Bin> bins) {}

  /** A PSI bin: numeric bins take values in (lower, upper]; categorical bins are matched by id. */
  record Bin(int id, double lower, double upper) {}

  /** Reads the fields, reporting the first problem with its JSON path. */
  private static final class Parser {
    final String source;
    DriftType driftType;
    String uid;
    String space;
    String name;
    String version;
    double sampleRatio = 1.0;
    int sampleSize;
    final List<String> featuresToMonitor = new ArrayList<>();
    final Set<String> profileFeatures = new LinkedHashSet<>();
    final Map<String, Map<String, Integer>> featureMap = new LinkedHashMap<>();
    final Map<String, PsiFeature> psiFeatures = new LinkedHashMap<>();
    final Set<String> metricNames = new LinkedHashSet<>();

    Parser(String source, JsonNode root) {
      this.source = source;
      if (root == null || !root.isObject()) {
        throw fail("expected a JSON object (a Scouter profile saved with save_to_json)");
      }
      JsonNode config = root.get("config");
      if (config == null || !config.isObject()) {
        throw fail("missing object 'config' (is this a Scouter drift or evaluation profile?)");
      }
      JsonNode dt = config.get("drift_type");
      if (dt == null || !dt.isTextual()) {
        throw fail("missing string 'config.drift_type' (one of Spc, Psi, Custom, GenAI, Agent)");
      }
      driftType = DriftType.fromWireName(dt.asText());
      if (driftType == null) {
        throw fail("unknown config.drift_type '" + dt.asText() + "': expected one of Spc, Psi, Custom, GenAI, Agent "
            + "(profiles from Scouter before the GenAI evaluation profiles, e.g. 'LLM', are not supported)");
      }
      switch (driftType) {
        case SPC:
          common(config, false);
          sampleSize = positiveInt(config, "sample_size", "config.sample_size");
          monitored(config);
          featureMap(config);
          names(requireObject(root, "features", "features"), profileFeatures);
          break;
        case PSI:
          common(config, false);
          sampleSize = 1000;
          monitored(config);
          featureMap(config);
          psiFeatures(requireObject(root, "features", "features"));
          break;
        case CUSTOM:
          common(config, false);
          sampleSize = positiveInt(config, "sample_size", "config.sample_size");
          names(requireObject(root, "metrics", "metrics"), metricNames);
          break;
        default:
          common(config, true);
          sampleSize = 25;
          JsonNode r = config.get("sample_ratio");
          if (r != null && !r.isNull()) {
            if (!r.isNumber() || !(r.asDouble() >= 0.0 && r.asDouble() <= 1.0)) {
              throw fail("config.sample_ratio must be a number between 0.0 and 1.0, was " + r);
            }
            sampleRatio = r.asDouble();
          }
      }
    }

    private void common(JsonNode config, boolean defaults) {
      space = string(config, "space", defaults ? MISSING : null);
      name = string(config, "name", defaults ? MISSING : null);
      version = string(config, "version", defaults ? DEFAULT_VERSION : null);
      uid = string(config, "uid", defaults ? "" : null);
      if (uid.isEmpty()) {
        // serde default of GenAIEvalConfig.uid: a new UUIDv7, which no server knows
        uid = Uuid7.next();
        LOG.warning("Scouter profile " + source + " has no config.uid; using a new uid " + uid + " (as upstream), which"
            + " the server does not know: register the profile and use the file the server returns");
      }
    }

    private String string(JsonNode config, String field, String def) {
      JsonNode v = config.get(field);
      if (v == null || v.isNull()) {
        if (def == null) {
          throw fail("missing string 'config." + field + "'");
        }
        return def;
      }
      if (!v.isTextual()) {
        throw fail("config." + field + " must be a string, was " + v);
      }
      return v.asText();
    }

    private int positiveInt(JsonNode parent, String field, String path) {
      JsonNode v = parent.get(field);
      if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
        throw fail(path + " must be an integer >= 1, was " + v);
      }
      return v.asInt();
    }

    private void monitored(JsonNode config) {
      JsonNode alert = requireObject(config, "alert_config", "config.alert_config");
      JsonNode f = alert.get("features_to_monitor");
      if (f == null || !f.isArray()) {
        throw fail("missing array 'config.alert_config.features_to_monitor'");
      }
      for (JsonNode n : f) {
        if (!n.isTextual()) {
          throw fail("config.alert_config.features_to_monitor must hold strings, found " + n);
        }
        featuresToMonitor.add(n.asText());
      }
    }

    private void featureMap(JsonNode config) {
      JsonNode fm = config.get("feature_map");
      if (fm == null || fm.isNull()) {
        return;
      }
      JsonNode features = fm.get("features");
      if (!fm.isObject() || features == null || !features.isObject()) {
        throw fail("config.feature_map must be an object with an object 'features'");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isObject()) {
          throw fail("config.feature_map.features." + e.getKey() + " must be an object of value -> integer");
        }
        Map<String, Integer> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> vs = e.getValue().fields(); vs.hasNext();) {
          Map.Entry<String, JsonNode> v = vs.next();
          if (!v.getValue().isIntegralNumber()) {
            throw fail("config.feature_map.features." + e.getKey() + "." + v.getKey() + " must be an integer");
          }
          values.put(v.getKey(), v.getValue().asInt());
        }
        featureMap.put(e.getKey(), Collections.unmodifiableMap(values));
      }
    }

    private void psiFeatures(JsonNode features) {
      for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = "features." + e.getKey();
        JsonNode f = e.getValue();
        if (!f.isObject()) {
          throw fail(path + " must be an object");
        }
        JsonNode type = f.get("bin_type");
        boolean numeric;
        if (type != null && "Numeric".equals(type.asText())) {
          numeric = true;
        } else if (type != null && "Category".equals(type.asText())) {
          numeric = false;
        } else {
          throw fail(path + ".bin_type must be \"Numeric\" or \"Category\", was " + type);
        }
        JsonNode bins = f.get("bins");
        if (bins == null || !bins.isArray()) {
          throw fail("missing array '" + path + ".bins'");
        }
        List<Bin> list = new ArrayList<>();
        int i = 0;
        for (JsonNode b : bins) {
          String bp = path + ".bins[" + i++ + "]";
          if (!b.isObject()) {
            throw fail(bp + " must be an object");
          }
          JsonNode id = b.get("id");
          if (id == null || !id.isIntegralNumber()) {
            throw fail(bp + ".id must be an integer");
          }
          list.add(new Bin(id.asInt(), limit(b, "lower_limit", bp, numeric), limit(b, "upper_limit", bp, numeric)));
        }
        psiFeatures.put(e.getKey(), new PsiFeature(numeric, List.copyOf(list)));
      }
    }

    /** A bin limit: a number, "inf", "-inf" (upstream's custom Bin serde) or null (categorical bins). */
    private double limit(JsonNode bin, String field, String path, boolean numeric) {
      JsonNode v = bin.get(field);
      if (v == null) {
        throw fail("missing field '" + path + "." + field + "'");
      }
      if (v.isNumber()) {
        return v.asDouble();
      }
      if (v.isTextual()) {
        switch (v.asText()) {
          case "inf":
            return Double.POSITIVE_INFINITY;
          case "-inf":
            return Double.NEGATIVE_INFINITY;
          default:
            try {
              return Double.parseDouble(v.asText());
            } catch (NumberFormatException e) {
              throw fail(path + "." + field + " must be a number, \"inf\" or \"-inf\", was " + v);
            }
        }
      }
      if (v.isNull() && !numeric) {
        return Double.NaN;
      }
      throw fail(path + "." + field + " must be a number, \"inf\" or \"-inf\", was " + v);
    }

    private JsonNode requireObject(JsonNode parent, String field, String path) {
      JsonNode v = parent.get(field);
      if (v == null || !v.isObject()) {
        throw fail("missing object '" + path + "'");
      }
      return v;
    }

    private static void names(JsonNode object, Set<String> into) {
      object.fieldNames().forEachRemaining(into::add);
    }

    private QueueProfileException fail(String reason) {
      return new QueueProfileException(source, reason);
    }
  }
}
