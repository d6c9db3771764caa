package io.scouter.cdi.internal.concurrent;

import io.opentelemetry.context.Context;
import jakarta.annotation.Priority;
import jakarta.enterprise.concurrent.Asynchronous;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * First half of the trace's hop into a Jakarta Concurrency {@code @Asynchronous} method: runs on the caller's thread,
 * before the server's {@code @Asynchronous} interceptor (priority {@code PLATFORM_BEFORE + 5} in the specification)
 * hands the invocation to a managed executor, and leaves the caller's OpenTelemetry {@link Context} in the
 * invocation's context data, which travels with the invocation. {@link AsynchronousTraceRestore} makes it current on
 * the executor's thread. Needed where the server's default {@code ContextService} does not propagate third-party
 * thread context (Open Liberty); harmless where it does (Payara). Added by {@code ScouterExtension} only when the
 * Jakarta Concurrency API is present.
 */
@Asynchronous
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class AsynchronousTraceCapture {
  /** The context-data key of the captured context. */
  static final String KEY = AsynchronousTraceCapture.class.getName();

  @AroundInvoke
  Object capture(InvocationContext invocation) throws Exception {
    invocation.getContextData().putIfAbsent(KEY, Context.current());
    return invocation.proceed();
  }
}
