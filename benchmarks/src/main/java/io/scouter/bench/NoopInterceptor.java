package io.scouter.bench;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline interceptor: proceeds and nothing else. Enabled globally by its priority (the same band as the Scouter
 * interceptor). {@link #CALLS} counts calls only while {@link #counting} is on, so the sanity check can prove the
 * interceptor runs without adding an atomic increment to the measured path.
 */
@NoopBinding
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class NoopInterceptor {
  static final AtomicLong CALLS = new AtomicLong();
  static volatile boolean counting;

  @AroundInvoke
  public Object proceed(InvocationContext ctx) throws Exception {
    if (counting) {
      CALLS.incrementAndGet();
    }
    return ctx.proceed();
  }
}
