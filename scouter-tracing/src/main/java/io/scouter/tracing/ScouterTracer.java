package io.scouter.tracing;

import io.opentelemetry.api.trace.Tracer;
import io.scouter.queue.ScouterQueue;
import io.scouter.tracing.internal.GlobalQueue;
import io.scouter.tracing.internal.CurrentSpanView;
import java.util.Optional;

/**
 * A named tracer (the instrumentation scope on the wire). Obtain it from {@link ScouterTracing#getTracer(String)} or
 * inject it in CDI.
 *
 * <pre>{@code
 * ScouterTracer tracer = ScouterTracing.getTracer("chat-svc");
 * int items = tracer.inSpan("manual_work", span -> {   // an escaping exception is recorded, then rethrown
 *   span.setAttribute("items", 3);
 *   return 3;
 * });
 * try (ActiveSpan span = tracer.startAsCurrentSpan("more_work")) {   // close() cannot see exceptions
 *   span.setAttribute("items", 3);
 * }
 * tracer.currentSpan().setTag("tier", "gold");   // does not end the current span
 * }</pre>
 */
public final class ScouterTracer {
  private final String name;
  private final Tracer tracer;
  private final int captureMaxLength;
  private final CurrentSpanView current;

  ScouterTracer(String name, Tracer tracer, int captureMaxLength) {
    this.name = name;
    this.tracer = tracer;
    this.captureMaxLength = captureMaxLength;
    this.current = new CurrentSpanView(captureMaxLength);
  }

  /**
   * A tracer whose spans do nothing (never sampled, never exported), for when tracing is disabled by configuration.
   */
  public static ScouterTracer noop(String name) {
    return new ScouterTracer(name, io.opentelemetry.api.OpenTelemetry.noop().getTracer(name),
        TracerConfig.DEFAULT_CAPTURE_MAX_LENGTH);
  }

  /** The tracer (scope) name. */
  public String name() {
    return name;
  }

  /** A builder for a new span. */
  public ScouterSpanBuilder spanBuilder(String spanName) {
    return new ScouterSpanBuilder(tracer, spanName, captureMaxLength);
  }

  /** Starts an INTERNAL span as current; close it to end it. */
  public ActiveSpan startAsCurrentSpan(String spanName) {
    return spanBuilder(spanName).startAsCurrent();
  }

  /**
   * Runs {@code body} in a new INTERNAL span, current while it runs, and returns its value; an exception escaping
   * {@code body} is recorded on the span (status ERROR, one {@code exception} event) and rethrown unchanged. Use
   * {@link #spanBuilder(String)}{@code .call(...)} for a kind, label, tags or a remote parent.
   *
   * <pre>{@code
   * Prediction p = tracer.inSpan("predict", span -> {
   *   span.setInput(features);
   *   return model.run(features);
   * });
   * }</pre>
   */
  public <T, E extends Throwable> T inSpan(String spanName, SpanCallable<T, E> body) throws E {
    return spanBuilder(spanName).call(body);
  }

  /**
   * A view of whatever span is current when each method is called. Its {@code close()} does not end the span. When no
   * span is current the view's methods do nothing and {@link ActiveSpan#isRecording()} is {@code false}.
   */
  public ActiveSpan currentSpan() {
    return current;
  }

  /**
   * Sets the <b>process-wide</b> Scouter queue that {@link ActiveSpan#insertQueueItem} inserts into. Although it is
   * called on a tracer (the name and place of upstream's {@code set_scouter_queue}), it is not a setting of this tracer:
   * there is one queue per process, used by the spans of every tracer, including tracers obtained before the call, and
   * the last call on any tracer wins. It also sets the sample ratio of the queue's evaluation queues to 1.0, so that the
   * trace sampler alone decides which records are kept. {@code null} detaches; a queue that shuts down detaches itself.
   *
   * <pre>{@code
   * ScouterTracing.getTracer("any").setScouterQueue(queue);      // for the whole process
   * ScouterTracing.getTracer("other").scouterQueue();            // Optional[queue]
   * }</pre>
   */
  public void setScouterQueue(ScouterQueue queue) {
    if (queue != null) {
      queue.setSampleRatio(1.0);
    }
    GlobalQueue.set(queue);
  }

  /** The process-wide Scouter queue (set by {@link #setScouterQueue} on any tracer), if any. */
  public Optional<ScouterQueue> scouterQueue() {
    return Optional.ofNullable(GlobalQueue.get());
  }

  /** The default cut of captured strings for spans of this tracer. */
  public int captureMaxLength() {
    return captureMaxLength;
  }

  /** The OpenTelemetry tracer underneath. */
  public Tracer unwrap() {
    return tracer;
  }

  @Override
  public String toString() {
    return "ScouterTracer{" + name + "}";
  }
}
