package io.scouter.tracing.internal.context;

import io.opentelemetry.context.Context;
import io.scouter.tracing.ScouterContext;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import java.util.Map;

/**
 * Jakarta Concurrency 3.0: carries the current trace (the OpenTelemetry {@link Context}) into the tasks of a
 * {@code ManagedExecutorService}, {@code @Asynchronous} methods and contextual proxies of a {@code ContextService}
 * that propagate it (the servers' defaults do). Registered in
 * {@code META-INF/services/jakarta.enterprise.concurrent.spi.ThreadContextProvider}; its type is
 * {@value ScouterContext#THREAD_CONTEXT_TYPE}, the name for {@code @ContextServiceDefinition(propagated = ...)}.
 */
public final class JakartaTraceContextProvider implements ThreadContextProvider {
  @Override
  public ThreadContextSnapshot currentContext(Map<String, String> props) {
    Context captured = Context.current();
    return () -> ContextSwitch.begin(captured)::run;
  }

  @Override
  public ThreadContextSnapshot clearedContext(Map<String, String> props) {
    return () -> ContextSwitch.begin(Context.root())::run;
  }

  @Override
  public String getThreadContextType() {
    return ScouterContext.THREAD_CONTEXT_TYPE;
  }
}
