package io.scouter.tracing.internal.log;

import org.apache.logging.log4j.ThreadContext;

/** Log4j 2's {@code ThreadContext}. Loaded only when {@code org.apache.logging.log4j.ThreadContext} is present. */
final class Log4jSink implements MdcSink {
  @Override
  public void put(String key, String value) {
    ThreadContext.put(key, value);
  }

  @Override
  public String get(String key) {
    return ThreadContext.get(key);
  }

  @Override
  public void remove(String key) {
    ThreadContext.remove(key);
  }

  @Override
  public String name() {
    return "Log4j 2 ThreadContext";
  }
}
