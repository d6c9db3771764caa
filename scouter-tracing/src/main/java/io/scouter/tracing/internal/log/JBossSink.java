package io.scouter.tracing.internal.log;

import org.jboss.logmanager.MDC;

/**
 * JBoss LogManager's {@code MDC} (Quarkus, WildFly; also what JBoss Logging's {@code MDC} writes to there). Loaded
 * only when {@code org.jboss.logmanager.MDC} is present.
 */
final class JBossSink implements MdcSink {
  @Override
  public void put(String key, String value) {
    MDC.put(key, value);
  }

  @Override
  public String get(String key) {
    return MDC.get(key);
  }

  @Override
  public void remove(String key) {
    MDC.remove(key);
  }

  @Override
  public String name() {
    return "JBoss LogManager MDC";
  }
}
