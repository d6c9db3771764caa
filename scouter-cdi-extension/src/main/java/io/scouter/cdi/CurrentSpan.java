package io.scouter.cdi;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.scouter.cdi.internal.ScouterBootstrap;
import io.scouter.queue.QueueItem;
import io.scouter.tracing.ActiveSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * An injectable view of whatever span is current on the calling thread, safe to hold in any scope: each call acts on
 * the span current at that moment, and {@link #close()} never ends it.
 *
 * <pre>{@code
 * @Inject CurrentSpan span;
 *
 * @Traced
 * public Reply chat(Message m) {
 *   span.setTag("user_tier", m.tier());
 *   span.addEvent("moderated", Map.of("passed", true));
 *   ...
 * }
 * }</pre>
 */
@ApplicationScoped
public class CurrentSpan implements ActiveSpan {
  private final ActiveSpan view;

  /** For client proxies only. */
  protected CurrentSpan() {
    this.view = null;
  }

  /** The container's constructor: inject {@code CurrentSpan}, do not create it. */
  @Inject
  CurrentSpan(ScouterBootstrap bootstrap) {
    this.view = bootstrap.state().tracer().currentSpan();
  }

  @Override
  public ActiveSpan setAttribute(String key, Object value) {
    return view.setAttribute(key, value);
  }

  @Override
  public ActiveSpan setTag(String key, Object value) {
    return view.setTag(key, value);
  }

  @Override
  public ActiveSpan setInput(Object value) {
    return view.setInput(value);
  }

  @Override
  public ActiveSpan setInput(Object value, int maxLength) {
    return view.setInput(value, maxLength);
  }

  @Override
  public ActiveSpan setOutput(Object value) {
    return view.setOutput(value);
  }

  @Override
  public ActiveSpan setOutput(Object value, int maxLength) {
    return view.setOutput(value, maxLength);
  }

  @Override
  public ActiveSpan addEvent(String name) {
    return view.addEvent(name);
  }

  @Override
  public ActiveSpan addEvent(String name, Map<String, ?> attributes) {
    return view.addEvent(name, attributes);
  }

  @Override
  public ActiveSpan recordException(Throwable error) {
    return view.recordException(error);
  }

  @Override
  public ActiveSpan setStatus(StatusCode code, String description) {
    return view.setStatus(code, description);
  }

  @Override
  public ActiveSpan updateName(String name) {
    return view.updateName(name);
  }

  @Override
  public ActiveSpan insertQueueItem(String alias, QueueItem item) {
    return view.insertQueueItem(alias, item);
  }

  @Override
  public ActiveSpan addQueueItem(String alias, QueueItem item) {
    return view.addQueueItem(alias, item);
  }

  @Override
  public String traceId() {
    return view.traceId();
  }

  @Override
  public String spanId() {
    return view.spanId();
  }

  @Override
  public boolean isSampled() {
    return view.isSampled();
  }

  @Override
  public boolean isRecording() {
    return view.isRecording();
  }

  @Override
  public Span unwrap() {
    return view.unwrap();
  }

  @Override
  public void end() {
    view.end();
  }

  /** Does nothing: the current span belongs to whoever started it. */
  @Override
  public void close() {}
}
