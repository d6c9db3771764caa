package io.scouter.jaxrs.internal.cdi;

import io.scouter.jaxrs.internal.ServerRequest;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * When an async resource method returns on the request thread, closes the SERVER span's scope there (the span itself
 * ends later, when the async response is written on another thread). Without it the scope would stay on the request
 * thread until the next request the thread serves. Not a public API.
 */
@AsyncResourceScope
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class AsyncResourceScopeInterceptor {
  @AroundInvoke
  public Object closeScopeOnReturn(InvocationContext ctx) throws Exception {
    try {
      return ctx.proceed();
    } finally {
      ServerRequest.resourceMethodReturned(ctx.getMethod());
    }
  }
}
