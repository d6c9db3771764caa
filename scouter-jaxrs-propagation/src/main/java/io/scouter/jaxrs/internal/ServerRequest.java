package io.scouter.jaxrs.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.scouter.tracing.ActiveSpan;
import io.scouter.tracing.internal.SpanErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * One traced request on the server: its SERVER span, the scope that makes it current on the thread that accepted the
 * request, and the client calls started under it. The scope is only ever closed on that thread; the span ends once,
 * after the response entity is written (or when the response has none). Not a public API.
 */
public final class ServerRequest {
  /** Request property holding this object. */
  public static final String PROPERTY = "io.scouter.jaxrs.server-request";
  /** Context key: the server request a context belongs to (lets client calls register with it). */
  static final ContextKey<ServerRequest> CONTEXT_KEY = ContextKey.named("scouter-jaxrs-server-request");
  private static final Logger LOG = Logger.getLogger(ServerRequest.class.getName());
  private static final ThreadLocal<ServerRequest> OPEN_ON_THREAD = new ThreadLocal<>();
  private static final AtomicInteger OPEN_SCOPES = new AtomicInteger();

  final ActiveSpan span;
  final String method;
  private Context context;
  private final Thread owner;
  private Scope scope;
  /** A second scope when the runtime runs the resource on another thread than the one that accepted the request. */
  private Thread worker;
  private Scope workerScope;
  private final AtomicBoolean ended = new AtomicBoolean();
  private List<ClientCall> clientCalls;
  private volatile java.lang.reflect.Method resourceMethod;

  private ServerRequest(ActiveSpan span, String method, Context context) {
    this.span = span;
    this.method = method;
    this.context = context;
    this.owner = Thread.currentThread();
  }

  /** Makes {@code span} current on this thread (child context of {@code parent}) and remembers the scope. */
  static ServerRequest open(ActiveSpan span, String method, Context parent) {
    ServerRequest req = new ServerRequest(span, method, null);
    Context ctx = parent.with(span.unwrap()).with(CONTEXT_KEY, req);
    req.context = ctx;
    req.scope = ctx.makeCurrent();
    OPEN_ON_THREAD.set(req);
    OPEN_SCOPES.incrementAndGet();
    return req;
  }

  /**
   * The context a new request starts from: the current one, unless it is a server request of ours (then a scope was
   * left behind, e.g. by an async resource without the CDI hook), in which case it is the root.
   */
  static Context baseContext() {
    Context current = Context.current();
    return current.get(CONTEXT_KEY) != null ? Context.root() : current;
  }

  /**
   * Makes the span current on this thread too when the runtime moved the request here after matching (Quarkus REST
   * runs blocking resource methods on a worker thread, its pre-matching filters on the I/O thread), so {@code @Traced}
   * beans and client calls in the resource method are children of the SERVER span.
   */
  synchronized void followToThisThread() {
    Thread t = Thread.currentThread();
    if (t == owner || t == worker || ended.get() || Context.current() == context) {
      return;
    }
    if (workerScope != null) {
      return; // already followed to another worker; only one at a time
    }
    ServerRequest leftover = OPEN_ON_THREAD.get();
    if (leftover != null && leftover != this) {
      closeLeftover();
    }
    worker = t;
    workerScope = context.makeCurrent();
    OPEN_ON_THREAD.set(this);
    OPEN_SCOPES.incrementAndGet();
  }

  /** Closes the scope if this is the thread that opened it and the span's context is still the current one. */
  public boolean closeScope() {
    synchronized (this) {
      if (Thread.currentThread() == worker && workerScope != null) {
        if (Context.current() != context) {
          return false;
        }
        workerScope.close();
        workerScope = null;
        worker = null;
        if (OPEN_ON_THREAD.get() == this) {
          OPEN_ON_THREAD.remove();
        }
        OPEN_SCOPES.decrementAndGet();
        return true;
      }
    }
    if (Thread.currentThread() != owner || scope == null || Context.current() != context) {
      return false;
    }
    scope.close();
    scope = null;
    if (OPEN_ON_THREAD.get() == this) {
      OPEN_ON_THREAD.remove();
    }
    OPEN_SCOPES.decrementAndGet();
    return true;
  }

  /** Closes a scope an earlier request left on this thread (called before a new request starts here). */
  static void closeLeftover() {
    ServerRequest r = OPEN_ON_THREAD.get();
    if (r != null) {
      OPEN_ON_THREAD.remove();
      if (r.closeScope()) {
        LOG.fine("Scouter: closed a server span scope left on this thread by an earlier request");
      }
    }
  }

  /** The matched resource method (from ResourceInfo). */
  void matched(java.lang.reflect.Method m) {
    resourceMethod = m;
  }

  /**
   * An intercepted (async) resource method returned on this thread: closes the scope of this thread's server request
   * if that method is the request's matched resource method (not a nested call of another resource's method).
   */
  public static void resourceMethodReturned(java.lang.reflect.Method m) {
    ServerRequest r = OPEN_ON_THREAD.get();
    if (r == null) {
      return;
    }
    java.lang.reflect.Method matched = r.resourceMethod;
    if (matched == null || (matched.getName().equals(m.getName())
        && java.util.Arrays.equals(matched.getParameterTypes(), m.getParameterTypes()))) {
      r.closeScope();
    }
  }

  /** Server scopes currently open on any thread (tests). */
  public static int openScopes() {
    return OPEN_SCOPES.get();
  }

  /** The context with the server span current. */
  public Context context() {
    return context;
  }

  /** Records the response status; 5xx sets status ERROR. */
  void status(int status) {
    Span s = span.unwrap();
    if (!s.isRecording()) {
      return;
    }
    s.setAttribute(HttpAttributes.STATUS, status);
    if (status >= 500) {
      s.setAttribute(HttpAttributes.ERROR_TYPE, Integer.toString(status));
      s.setStatus(StatusCode.ERROR, "HTTP " + status);
    }
  }

  /** Records a failure while writing the response. */
  void error(Throwable t) {
    SpanErrors.record(span.unwrap(), t);
  }

  /** Registers a client call started while this request's span was the parent. */
  synchronized void track(ClientCall call) {
    if (ended.get()) {
      return;
    }
    if (clientCalls == null) {
      clientCalls = new ArrayList<>(2);
    }
    clientCalls.removeIf(ClientCall::isDone);
    clientCalls.add(call);
  }

  /** Ends the span once; client calls still without a response end as abandoned. */
  void end() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    List<ClientCall> calls;
    synchronized (this) {
      calls = clientCalls;
      clientCalls = null;
    }
    if (calls != null) {
      for (ClientCall c : calls) {
        c.abandon();
      }
    }
    span.end();
  }
}
