package io.scouter.jaxrs.internal;

import io.opentelemetry.context.Context;
import org.eclipse.microprofile.rest.client.ext.AsyncInvocationInterceptor;
import org.eclipse.microprofile.rest.client.ext.AsyncInvocationInterceptorFactory;

/**
 * Carries the caller's OpenTelemetry context onto the thread that runs an async MicroProfile Rest Client invocation
 * ({@code CompletionStage} methods), so its CLIENT span has the caller's span as parent; the scope is opened and closed
 * on that thread. A call that ends there without a response (transport failure) ends its span with status ERROR.
 * Not a public API.
 */
public class ScouterAsyncInvocationInterceptorFactory implements AsyncInvocationInterceptorFactory {
  @Override
  public AsyncInvocationInterceptor newInterceptor() {
    return new Interceptor();
  }

  private static final class Interceptor implements AsyncInvocationInterceptor {
    private Context captured;
    private AsyncInvocations.Frame frame;

    @Override
    public void prepareContext() {
      captured = Context.current();
    }

    @Override
    public void applyContext() {
      frame = AsyncInvocations.enter(captured);
    }

    @Override
    public void removeContext() {
      AsyncInvocations.Frame f = frame;
      frame = null;
      AsyncInvocations.exit(f);
    }
  }
}
