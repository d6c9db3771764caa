package io.scouter.cdi.internal.concurrent;

import io.opentelemetry.context.Context;
import io.scouter.tracing.internal.context.ContextSwitch;
import jakarta.annotation.Priority;
import jakarta.enterprise.concurrent.Asynchronous;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Second half of the trace's hop into an {@code @Asynchronous} method (see {@link AsynchronousTraceCapture}): runs
 * after the server's {@code @Asynchronous} interceptor, on the managed executor's thread, before {@code @Traced}
 * ({@code LIBRARY_BEFORE + 100}) and application interceptors, and makes the caller's context current for the
 * method's body; the thread's own context is back when the body returns or throws.
 */
@Asynchronous
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class AsynchronousTraceRestore {
  @AroundInvoke
  Object restore(InvocationContext invocation) throws Exception {
    Object captured = invocation.getContextData().get(AsynchronousTraceCapture.KEY);
    if (!(captured instanceof Context context)) {
      return invocation.proceed();
    }
    Runnable end = ContextSwitch.begin(context);
    try {
      return invocation.proceed();
    } finally {
      end.run();
    }
  }
}
