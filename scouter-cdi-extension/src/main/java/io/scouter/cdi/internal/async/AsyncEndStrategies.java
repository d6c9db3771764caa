package io.scouter.cdi.internal.async;

import java.util.ArrayList;
import java.util.List;

/** The strategies available on this classpath, in lookup order. Not a public API. */
public final class AsyncEndStrategies {
  private static final List<AsyncEndStrategy> STRATEGIES = load();

  private AsyncEndStrategies() {}

  private static List<AsyncEndStrategy> load() {
    List<AsyncEndStrategy> list = new ArrayList<>();
    list.add(CompletionStageStrategy.ENDED_FIRST);
    list.add(CompletionStageStrategy.SAME_OBJECT);
    list.add(new StreamStrategy());
    list.add(new IteratorStrategy());
    list.add(new PublisherStrategy());
    try {
      Class.forName("io.smallrye.mutiny.Uni", false, AsyncEndStrategies.class.getClassLoader());
      list.addAll(MutinyStrategies.all());
    } catch (ClassNotFoundException | LinkageError absent) {
      // Mutiny is optional
    }
    return List.copyOf(list);
  }

  /** The strategy for a declared return type, or {@code null} for a plain value. */
  public static AsyncEndStrategy forType(Class<?> returnType) {
    if (returnType == void.class || returnType.isPrimitive()) {
      return null;
    }
    for (AsyncEndStrategy s : STRATEGIES) {
      if (s.supports(returnType)) {
        return s;
      }
    }
    return null;
  }
}
