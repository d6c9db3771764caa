package io.scouter.tracing.internal.log;

/** One logging API's per-thread context (MDC); each implementation is loaded only when its API is present. */
interface MdcSink {
  void put(String key, String value);

  void remove(String key);

  String get(String key);

  /** The API's name, for the start-up log line. */
  String name();
}
