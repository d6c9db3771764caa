package io.scouter.quarkus.deployment;

import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.scouter.cdi.Traced;
import io.quarkus.deployment.builditem.RunTimeConfigBuilderBuildItem;
import io.quarkus.deployment.builditem.StaticInitConfigBuilderBuildItem;
import io.scouter.quarkus.runtime.internal.ScouterConfigBuilder;
import io.scouter.quarkus.runtime.internal.ScouterStatsService;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/**
 * The build steps of {@code quarkus-scouter} besides Dev Services: the feature, the Dev UI card and the native-image
 * registrations. The beans, the {@code @Traced} interceptor and the JAX-RS filters come from the library's
 * build-compatible CDI extensions, exactly as without this extension.
 */
public class ScouterProcessor {
  static final String FEATURE = "scouter";
  static final DotName TRACED = DotName.createSimple(Traced.class);
  static final DotName QUEUE_ITEM = DotName.createSimple("io.scouter.queue.QueueItem");
  /**
   * What the tracer and the queues serialize with Jackson at run time besides the application's own types: the wire
   * records, the queue records and profiles, the counters.
   */
  static final List<String> LIBRARY_RECORD_TYPES = List.of(
      "io.scouter.tracing.TraceSpanRecord", "io.scouter.tracing.TagRecord", "io.scouter.tracing.TraceBaggageRecord",
      "io.scouter.tracing.ExporterStats", "io.scouter.queue.QueueItem", "io.scouter.queue.EvalRecord",
      "io.scouter.queue.Feature", "io.scouter.queue.Features", "io.scouter.queue.Metric", "io.scouter.queue.Metrics",
      "io.scouter.queue.QueueProfile", "io.scouter.queue.QueueStats", "io.scouter.queue.DriftType",
      "io.scouter.queue.EntityType");

  @BuildStep
  FeatureBuildItem feature() {
    return new FeatureBuildItem(FEATURE);
  }

  /**
   * Unknown {@code scouter.*} keys: Quarkus warns about each at startup ("Unrecognized configuration key"), but they
   * do not fail startup ({@link ScouterConfigBuilder}), as before the extension.
   */
  @BuildStep
  void unknownKeys(BuildProducer<StaticInitConfigBuilderBuildItem> staticInit,
      BuildProducer<RunTimeConfigBuilderBuildItem> runTime) {
    staticInit.produce(new StaticInitConfigBuilderBuildItem(ScouterConfigBuilder.class));
    runTime.produce(new RunTimeConfigBuilderBuildItem(ScouterConfigBuilder.class));
  }

  /**
   * Native image: the parameter and return types of every {@code @Traced} method (capture serializes them with Jackson,
   * by reflection), the application's {@code QueueItem} types and the library's record types.
   */
  @BuildStep
  void registerForReflection(CombinedIndexBuildItem combinedIndex,
      BuildProducer<ReflectiveHierarchyBuildItem> hierarchy, BuildProducer<ReflectiveClassBuildItem> classes) {
    IndexView index = combinedIndex.getIndex();
    for (Type type : tracedTypes(index)) {
      hierarchy.produce(ReflectiveHierarchyBuildItem.builder(type).source(FEATURE + " @Traced capture").build());
    }
    List<String> records = new ArrayList<>(LIBRARY_RECORD_TYPES);
    for (ClassInfo item : index.getAllKnownImplementors(QUEUE_ITEM)) {
      records.add(item.name().toString());
    }
    classes.produce(ReflectiveClassBuildItem.builder(records.toArray(String[]::new)).constructors().methods()
        .fields().reason(FEATURE + " wire and queue records").build());
  }

  /** The parameter and return types of the {@code @Traced} methods in {@code index} (a class's annotation covers its methods). */
  static Set<Type> tracedTypes(IndexView index) {
    Set<MethodInfo> methods = new LinkedHashSet<>();
    for (AnnotationInstance traced : index.getAnnotations(TRACED)) {
      AnnotationTarget target = traced.target();
      if (target.kind() == AnnotationTarget.Kind.METHOD) {
        methods.add(target.asMethod());
      } else if (target.kind() == AnnotationTarget.Kind.CLASS) {
        for (MethodInfo m : target.asClass().methods()) {
          if (!m.isStaticInitializer() && !m.isConstructor() && !m.isSynthetic()
              && !java.lang.reflect.Modifier.isStatic(m.flags()) && !java.lang.reflect.Modifier.isPrivate(m.flags())) {
            methods.add(m);
          }
        }
      }
    }
    Set<Type> types = new LinkedHashSet<>();
    for (MethodInfo m : methods) {
      for (Type p : m.parameterTypes()) {
        add(types, p);
      }
      add(types, m.returnType());
    }
    return types;
  }

  private static void add(Set<Type> types, Type t) {
    if (t.kind() == Type.Kind.VOID || t.kind() == Type.Kind.PRIMITIVE || t.kind() == Type.Kind.TYPE_VARIABLE) {
      return;
    }
    types.add(t);
  }

  /** The Dev UI's JSON-RPC service: the exporter counters. */
  @BuildStep(onlyIf = IsDevelopment.class)
  JsonRPCProvidersBuildItem jsonRpc() {
    return new JsonRPCProvidersBuildItem(ScouterStatsService.class);
  }

  /**
   * The Scouter card of the Dev UI: one page with the exporter counters and the dev server's own trace page (the
   * waterfall), embedded; without Dev Services the page says where the spans go instead.
   */
  @BuildStep(onlyIf = IsDevelopment.class)
  CardPageBuildItem devUi(Optional<ScouterDevServerBuildItem> devServer) {
    CardPageBuildItem card = new CardPageBuildItem();
    card.addBuildTimeData("devServerUrl", devServer.map(ScouterDevServerBuildItem::url).orElse(""));
    card.addPage(Page.webComponentPageBuilder()
        .title("Traces")
        .icon("font-awesome-solid:timeline")
        .componentLink("qwc-scouter-traces.js"));
    devServer.ifPresent(s -> card.addPage(Page.externalPageBuilder("Dev server")
        .icon("font-awesome-solid:server")
        .url(s.url() + "/", s.url() + "/")
        .isHtmlContent()));
    return card;
  }
}
