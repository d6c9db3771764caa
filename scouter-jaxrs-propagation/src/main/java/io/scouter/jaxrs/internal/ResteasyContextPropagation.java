package io.scouter.jaxrs.internal;

import io.opentelemetry.context.Context;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jboss.resteasy.spi.concurrent.ThreadContext;

/**
 * A RESTEasy {@link ThreadContext} (found through {@code META-INF/services}) that carries the OpenTelemetry context
 * of the submitting thread onto RESTEasy's contextual executors: the client's {@code async()}/{@code rx()}
 * invocations and the MicroProfile Rest Client's {@code CompletionStage} methods then start their CLIENT span under the
 * caller's span, on WildFly, Open Liberty and any RESTEasy client, also when the client is not wrapped. The scope is
 * opened and closed on the executor thread; calls that end there without a response end as abandoned. Loaded only
 * where RESTEasy is present. Not a public API.
 */
public final class ResteasyContextPropagation implements ThreadContext<Context> {
  private static final ThreadLocal<Deque<AsyncInvocations.Frame>> PUSHED = new ThreadLocal<>();

  @Override
  public Context capture() {
    return Context.current();
  }

  @Override
  public void push(Context context) {
    Deque<AsyncInvocations.Frame> stack = PUSHED.get();
    if (stack == null) {
      stack = new ArrayDeque<>(2);
      PUSHED.set(stack);
    }
    stack.push(AsyncInvocations.enter(context));
  }

  @Override
  public void reset(Context context) {
    Deque<AsyncInvocations.Frame> stack = PUSHED.get();
    if (stack == null) {
      return;
    }
    AsyncInvocations.Frame f = stack.poll();
    if (stack.isEmpty()) {
      PUSHED.remove();
    }
    AsyncInvocations.exit(f);
  }
}
