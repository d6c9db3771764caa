package io.scouter.tracing.internal.context;

import io.opentelemetry.context.Context;
import io.scouter.tracing.ScouterContext;
import java.util.Map;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.eclipse.microprofile.context.spi.ThreadContextSnapshot;

/**
 * MicroProfile Context Propagation: carries the current trace (the OpenTelemetry {@link Context}) into the tasks of a
 * {@code ManagedExecutor} and the functions of a {@code ThreadContext}. Registered in
 * {@code META-INF/services/org.eclipse.microprofile.context.spi.ThreadContextProvider}; its type is
 * {@value ScouterContext#THREAD_CONTEXT_TYPE} (not {@code OpenTelemetry}, which {@code quarkus-opentelemetry}
 * registers: SmallRye refuses two providers of one type).
 */
public final class MicroProfileTraceContextProvider implements ThreadContextProvider {
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
