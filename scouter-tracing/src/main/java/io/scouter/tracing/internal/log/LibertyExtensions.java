package io.scouter.tracing.internal.log;

import io.opentelemetry.api.trace.SpanContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Open Liberty's documented way to add fields to log records: {@code LogRecordContext.registerExtension(key,
 * extension)} (an {@code ibm-api} package every application sees). Liberty asks each extension for its value when a
 * record is created, on the logging thread, and writes it as the field {@code ext_<key>} in JSON logs
 * ({@code messages.log} with {@code <logging messageFormat="json"/>}, JSON console, logstash). Liberty holds
 * extensions weakly: this object keeps them. Reflective, so the library has no Liberty dependency.
 */
final class LibertyExtensions {
  private static final Logger LOG = Logger.getLogger(LibertyExtensions.class.getName());
  private static final String API = "com.ibm.websphere.logging.hpel.LogRecordContext";

  private final Method unregister;
  private final List<String> keys;
  @SuppressWarnings("unused") // strong references: Liberty keeps only weak ones
  private final List<Object> extensions;

  private LibertyExtensions(Method unregister, List<String> keys, List<Object> extensions) {
    this.unregister = unregister;
    this.keys = keys;
    this.extensions = extensions;
  }

  /** Registers the three extensions; {@code null} when not on Liberty or when the keys are taken. */
  static LibertyExtensions register(ClassLoader loader) {
    Class<?> api;
    Class<?> extension;
    try {
      api = Class.forName(API, false, loader);
      extension = Class.forName(API + "$Extension", false, loader);
    } catch (ClassNotFoundException | LinkageError notLiberty) {
      return null;
    }
    try {
      Method register = api.getMethod("registerExtension", String.class, extension);
      Method unregister = api.getMethod("unregisterExtension", String.class);
      List<String> keys = new ArrayList<>(3);
      List<Object> refs = new ArrayList<>(3);
      for (String key : List.of(LogCorrelation.TRACE_ID, LogCorrelation.SPAN_ID, LogCorrelation.IS_SAMPLED)) {
        Object ext = Proxy.newProxyInstance(extension.getClassLoader(), new Class<?>[] {extension},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "getValue":
                  return value(key);
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == args[0];
                default:
                  return "scouter:" + key;
              }
            });
        try {
          register.invoke(null, key, ext);
          keys.add(key);
          refs.add(ext);
        } catch (InvocationTargetException taken) {
          // another application registered the key first ("Extension with the key ... is registered already")
          LOG.log(Level.INFO, "Scouter log correlation: Liberty log extension " + key + " not registered: "
              + taken.getCause().getMessage());
        }
      }
      return keys.isEmpty() ? null : new LibertyExtensions(unregister, List.copyOf(keys), List.copyOf(refs));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "Scouter log correlation: Liberty's LogRecordContext could not be used", e);
      return null;
    }
  }

  private static String value(String key) {
    SpanContext ctx = LogCorrelation.currentSpanContext();
    if (!ctx.isValid()) {
      return null; // Liberty leaves the field out
    }
    switch (key) {
      case LogCorrelation.TRACE_ID:
        return ctx.getTraceId();
      case LogCorrelation.SPAN_ID:
        return ctx.getSpanId();
      default:
        return ctx.isSampled() ? "true" : "false";
    }
  }

  void unregister() {
    for (String key : keys) {
      try {
        unregister.invoke(null, key);
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.log(Level.FINE, "Scouter: Liberty log extension " + key + " not unregistered", e);
      }
    }
  }
}
