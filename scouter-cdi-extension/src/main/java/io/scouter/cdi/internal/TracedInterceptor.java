package io.scouter.cdi.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.scouter.cdi.Traced;
import io.scouter.cdi.internal.async.SpanCompletion;
import io.scouter.tracing.internal.SpanErrors;
import io.scouter.tracing.internal.UnsampledRoots;
import io.scouter.tracing.internal.capture.CaptureSerializer;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;

/**
 * The interceptor behind {@link Traced}: one span per call, current while the method runs, ended when the result (or
 * the async result) is ready. The span's scope is always closed on the thread that opened it. Not a public API.
 */
@Traced
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class TracedInterceptor {
  private final ScouterBootstrap bootstrap;
  /** The started state, cached to spare a client-proxy call per invocation (interceptors die with the container). */
  private ScouterBootstrap.State state;

  /**
   * The plans of the first {@value #HOT_PLANS} methods this interceptor instance saw (an instance serves one bean; the
   * method objects of its proxy are constants), so the usual call finds its plan by identity without the plan maps.
   * Copy on write, only ever grows; further methods go to the maps.
   */
  private volatile HotPlan[] hot = NO_HOT_PLANS;

  private static final int HOT_PLANS = 4;
  private static final HotPlan[] NO_HOT_PLANS = new HotPlan[0];

  private static final class HotPlan {
    final Method method;
    final Class<?> beanClass;
    final MethodPlan plan;

    HotPlan(Method method, Class<?> beanClass, MethodPlan plan) {
      this.method = method;
      this.beanClass = beanClass;
      this.plan = plan;
    }
  }

  @Inject
  public TracedInterceptor(ScouterBootstrap bootstrap) {
    this.bootstrap = bootstrap;
  }

  @AroundInvoke
  public Object trace(InvocationContext ctx) throws Exception {
    ScouterBootstrap.State state = this.state;
    if (state == null) {
      state = bootstrap.state();
      this.state = state;
    }
    if (!state.enabled()) {
      return ctx.proceed();
    }
    Object target = ctx.getTarget();
    Method method = ctx.getMethod();
    Class<?> beanClass = target == null ? method.getDeclaringClass() : target.getClass();
    MethodPlan plan = null;
    HotPlan[] hot = this.hot;
    for (HotPlan h : hot) {
      if (h.method == method && h.beanClass == beanClass) {
        plan = h.plan;
        break;
      }
    }
    if (plan == null) {
      plan = state.plan(method, beanClass);
      if (hot.length < HOT_PLANS) {
        HotPlan[] more = java.util.Arrays.copyOf(hot, hot.length + 1);
        more[hot.length] = new HotPlan(method, beanClass, plan);
        this.hot = more;
      }
    }
    if (!plan.enabled) {
      return ctx.proceed();
    }
    Context current = Context.current();
    SpanContext parentSpan = Span.fromContext(current).getSpanContext();
    if (parentSpan.isValid() && !parentSpan.isSampled()) {
      // the trace was not sampled upstream and never will be: a child span would be dropped unseen, so skip it and
      // keep the parent current (propagation still carries its trace id and the unsampled flag)
      return ctx.proceed();
    }
    Context parent = plan.withTags(current);
    UnsampledRoots roots = parentSpan.isValid() ? null : state.unsampledRoots();
    Span span = roots == null ? null : roots.start(); // a new trace at ratio 0: the SDK's answer, without the SDK
    if (span == null) {
      Tracer tracer = state.otelTracer();
      span = tracer.spanBuilder(plan.spanName).setParent(parent).setSpanKind(plan.kind)
          .setAllAttributes(plan.startAttributes).startSpan();
    }
    boolean recording = span.isRecording();
    if (recording && plan.captureInput && plan.names.length > 0) {
      span.setAttribute(CaptureSerializer.INPUT_KEY, plan.input(ctx.getParameters()));
    }
    Object result;
    try (Scope ignored = parent.with(span).makeCurrent()) {
      result = ctx.proceed();
    } catch (Throwable error) {
      SpanErrors.record(span, error);
      span.end();
      throw error;
    }
    if (plan.strategy != null && result != null) {
      return plan.strategy.end(result, new SpanCompletion(span, plan.captureOutput, plan.captureLast,
          plan.maxLength));
    }
    if (recording && plan.captureOutput && plan.returnsValue) {
      span.setAttribute(CaptureSerializer.OUTPUT_KEY, CaptureSerializer.toJson(result, plan.maxLength));
    }
    span.end();
    return result;
  }
}
