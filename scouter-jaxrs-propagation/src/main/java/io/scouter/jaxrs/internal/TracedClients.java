package io.scouter.jaxrs.internal;

import io.opentelemetry.context.Context;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.CompletionStageRxInvoker;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.SyncInvoker;
import jakarta.ws.rs.client.WebTarget;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Dynamic-proxy wrappers around a JAX-RS {@link Client}, {@link WebTarget}, {@link Invocation.Builder},
 * {@link Invocation} and {@link CompletionStageRxInvoker}. At each invocation the wrapper passes the calling thread's
 * OpenTelemetry context and a {@link CallHook} as request properties, so the client filter parents the CLIENT span
 * correctly even on an async executor thread, and a transport failure (which no response filter sees) ends the span
 * with the exception: sync calls through the thrown exception, {@code rx()} through the failed stage, {@code async()}
 * through the future (it is implemented on {@code rx()}). The wrappers implement every interface of the wrapped
 * object, so casts to implementation interfaces keep working. Not a public API.
 */
public final class TracedClients {
  private enum Kind {
    CLIENT, TARGET, BUILDER, INVOCATION, RX
  }

  private TracedClients() {}

  public static Client client(Client c) {
    return isTraced(c) ? c : (Client) wrap(c, Kind.CLIENT, Client.class, null);
  }

  public static WebTarget target(WebTarget t) {
    return isTraced(t) ? t : (WebTarget) wrap(t, Kind.TARGET, WebTarget.class, null);
  }

  static boolean isTraced(Object o) {
    return o != null && Proxy.isProxyClass(o.getClass()) && Proxy.getInvocationHandler(o) instanceof Handler;
  }

  private static Object wrap(Object delegate, Kind kind, Class<?> api, Invocation.Builder builder) {
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    interfaces.add(api);
    for (Class<?> k = delegate.getClass(); k != null; k = k.getSuperclass()) {
      collect(k, interfaces);
    }
    Handler h = new Handler(delegate, kind, builder);
    ClassLoader loader = delegate.getClass().getClassLoader();
    try {
      return Proxy.newProxyInstance(loader, interfaces.toArray(new Class<?>[0]), h);
    } catch (IllegalArgumentException notVisible) {
      return Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, h);
    }
  }

  private static void collect(Class<?> k, Set<Class<?>> out) {
    for (Class<?> i : k.getInterfaces()) {
      if (java.lang.reflect.Modifier.isPublic(i.getModifiers())) {
        out.add(i);
      }
      collect(i, out);
    }
  }

  /** Sets the per-call properties on a builder and returns the hook. */
  static CallHook prepare(Invocation.Builder builder) {
    CallHook hook = new CallHook();
    builder.property(CallHook.PROPERTY, hook);
    builder.property(CallHook.PARENT_PROPERTY, Context.current());
    return hook;
  }

  private static final class Handler implements InvocationHandler {
    private final Object delegate;
    private final Kind kind;
    /** For RX: the builder the invoker came from. */
    private final Invocation.Builder builder;

    Handler(Object delegate, Kind kind, Invocation.Builder builder) {
      this.delegate = delegate;
      this.kind = kind;
      this.builder = builder;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      if (m.getDeclaringClass() == Object.class) {
        switch (m.getName()) {
          case "equals":
            return proxy == args[0];
          case "hashCode":
            return System.identityHashCode(proxy);
          case "toString":
            return "Traced(" + delegate + ")";
          default:
            break;
        }
      }
      switch (kind) {
        case BUILDER:
          return builderCall(proxy, m, args);
        case INVOCATION:
          return invocationCall(proxy, m, args);
        case RX:
          return rxCall(m, args);
        default:
          return result(proxy, call(m, args));
      }
    }

    private Object builderCall(Object proxy, Method m, Object[] args) throws Throwable {
      Invocation.Builder b = (Invocation.Builder) delegate;
      String name = m.getName();
      if (name.equals("async") && m.getParameterCount() == 0) {
        return new TracedAsyncInvoker(b);
      }
      if (name.equals("rx")) {
        if (m.getParameterCount() == 0) {
          return wrap(call(m, args), Kind.RX, CompletionStageRxInvoker.class, b);
        }
        b.property(CallHook.PARENT_PROPERTY, Context.current()); // custom RxInvoker: parent only
        return call(m, args);
      }
      if (m.getDeclaringClass() == SyncInvoker.class || isSyncMethod(m)) {
        CallHook hook = prepare(b);
        try {
          return call(m, args);
        } catch (Throwable t) {
          hook.failed(t);
          throw t;
        }
      }
      return result(proxy, call(m, args));
    }

    private Object invocationCall(Object proxy, Method m, Object[] args) throws Throwable {
      Invocation inv = (Invocation) delegate;
      String name = m.getName();
      if (name.equals("invoke") || name.equals("submit")) {
        CallHook hook = new CallHook();
        inv.property(CallHook.PROPERTY, hook);
        inv.property(CallHook.PARENT_PROPERTY, Context.current());
        Object r;
        try {
          r = call(m, args);
        } catch (Throwable t) {
          hook.failed(t);
          throw t;
        }
        return r instanceof Future && !(r instanceof CompletionStage) ? new ObservedFuture<>((Future<?>) r, hook) : r;
      }
      return result(proxy, call(m, args));
    }

    private Object rxCall(Method m, Object[] args) throws Throwable {
      CallHook hook = prepare(builder);
      Object r;
      try {
        r = call(m, args);
      } catch (Throwable t) {
        hook.failed(t);
        throw t;
      }
      if (r instanceof CompletionStage) {
        ((CompletionStage<?>) r).whenComplete((v, e) -> {
          if (e != null) {
            hook.failed(e);
          }
        });
      }
      return r;
    }

    private Object call(Method m, Object[] args) throws Throwable {
      try {
        return m.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private Object result(Object proxy, Object r) {
      if (r == null) {
        return null;
      }
      if (r == delegate) {
        return proxy;
      }
      if (isTraced(r)) {
        return r;
      }
      if (r instanceof Invocation.Builder) {
        return wrap(r, Kind.BUILDER, Invocation.Builder.class, null);
      }
      if (r instanceof WebTarget) {
        return wrap(r, Kind.TARGET, WebTarget.class, null);
      }
      if (r instanceof Invocation) {
        return wrap(r, Kind.INVOCATION, Invocation.class, null);
      }
      if (r instanceof Client) {
        return wrap(r, Kind.CLIENT, Client.class, null);
      }
      return r;
    }

    private static boolean isSyncMethod(Method m) {
      try {
        SyncInvoker.class.getMethod(m.getName(), m.getParameterTypes());
        return true;
      } catch (NoSuchMethodException e) {
        return false;
      }
    }
  }

  /** A future that reports its failure to the hook when someone waits for it. */
  private static final class ObservedFuture<T> implements Future<T> {
    private final Future<T> delegate;
    private final CallHook hook;

    ObservedFuture(Future<T> delegate, CallHook hook) {
      this.delegate = delegate;
      this.hook = hook;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return delegate.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
      return delegate.isCancelled();
    }

    @Override
    public boolean isDone() {
      return delegate.isDone();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
      try {
        return delegate.get();
      } catch (ExecutionException e) {
        hook.failed(e.getCause() == null ? e : e.getCause());
        throw e;
      }
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
      try {
        return delegate.get(timeout, unit);
      } catch (ExecutionException e) {
        hook.failed(e.getCause() == null ? e : e.getCause());
        throw e;
      }
    }
  }
}
