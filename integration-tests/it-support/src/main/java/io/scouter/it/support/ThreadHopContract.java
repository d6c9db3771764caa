package io.scouter.it.support;

import org.junit.jupiter.api.Test;

/**
 * The trace across threads (the sample's {@code ThreadsResource}, {@code GET /api/threads/{via}}), checked the same way
 * in own-SDK ({@link SampleAppContract}) and runtime-SDK ({@link RuntimeSdkContract}) mode.
 */
public interface ThreadHopContract {
  /** See {@link RuntimeIT#checkHopContinuesTheTrace}. */
  void checkHopContinuesTheTrace(String via) throws Exception;

  /** See {@link RuntimeIT#checkHopStartsANewTrace}. */
  void checkHopStartsANewTrace(String via) throws Exception;

  /** See {@link RuntimeIT#checkHopNeedsJakartaConcurrency}. */
  void checkHopNeedsJakartaConcurrency(String via) throws Exception;

  /** See {@link RuntimeIT#defaultContextServicePropagatesTheTrace}. */
  boolean defaultContextServicePropagatesTheTrace();

  /** See {@link RuntimeIT#hasJakartaConcurrency}. */
  boolean hasJakartaConcurrency();

  @Test
  default void managedExecutorTaskContinuesTheTraceWhereTheRuntimePropagatesIt() throws Exception {
    if (!hasJakartaConcurrency()) {
      checkHopNeedsJakartaConcurrency("managed-executor");
    } else if (defaultContextServicePropagatesTheTrace()) {
      checkHopContinuesTheTrace("managed-executor");
    } else {
      checkHopStartsANewTrace("managed-executor");
    }
  }

  @Test
  default void wrappedManagedExecutorTaskContinuesTheTrace() throws Exception {
    if (!hasJakartaConcurrency()) {
      checkHopNeedsJakartaConcurrency("managed-executor-wrapped");
      return;
    }
    checkHopContinuesTheTrace("managed-executor-wrapped");
  }

  @Test
  default void applicationDefinedManagedExecutorContinuesTheTrace() throws Exception {
    if (!hasJakartaConcurrency()) {
      checkHopNeedsJakartaConcurrency("defined-executor");
      return;
    }
    checkHopContinuesTheTrace("defined-executor");
  }

  @Test
  default void asynchronousMethodContinuesTheTrace() throws Exception {
    if (!hasJakartaConcurrency()) {
      checkHopNeedsJakartaConcurrency("asynchronous");
      return;
    }
    checkHopContinuesTheTrace("asynchronous");
  }

  @Test
  default void wrappedExecutorContinuesTheTrace() throws Exception {
    checkHopContinuesTheTrace("wrapped-executor");
  }
}
