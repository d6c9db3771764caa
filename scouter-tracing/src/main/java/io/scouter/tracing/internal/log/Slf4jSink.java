package io.scouter.tracing.internal.log;

import org.slf4j.MDC;

/** SLF4J's {@code MDC} (Logback, or SLF4J bound to any backend). Loaded only when {@code org.slf4j.MDC} is present. */
final class Slf4jSink implements MdcSink {
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

  /** The class name of the bound MDC adapter, to skip SLF4J when it only forwards to another API we write. */
  static String adapterName() {
    Object adapter = MDC.getMDCAdapter();
    return adapter == null ? "" : adapter.getClass().getName();
  }

  @Override
  public String name() {
    return "SLF4J MDC";
  }
}
