package io.scouter.cdi;

import io.scouter.tracing.SpanKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** The Java twins of the functions decorated in the Python test suite. */
@ApplicationScoped
public class SyncService {
  private static final Executor POOL = Executors.newFixedThreadPool(3, r -> {
    Thread t = new Thread(r, "sync-service-pool");
    t.setDaemon(true);
    return t;
  });

  @Inject
  Inner inner;

  @Inject
  CurrentSpan currentSpan;

  /** A pydantic-like record argument. */
  public record Payload(double feature0, String name) {}

  @Traced("test_function")
  public int testFunction(int a, int b) {
    return a + b;
  }

  @Traced
  public Payload withRecord(Payload payload, int times) {
    return new Payload(payload.feature0() * times, payload.name());
  }

  @Traced
  public String withOptional(String required, Optional<String> optional) {
    return required + optional.orElse("-");
  }

  @Traced
  public void throwing(String message) {
    throw new IllegalArgumentException(message);
  }

  @Traced(value = "outer", kind = SpanKind.SERVER, label = "api", tags = {"env=prod", "team=ml"})
  public String outer(String x) {
    currentSpan.setTag("tier", "gold");
    currentSpan.addEvent("validated", java.util.Map.of("checks", java.util.Map.of("passed", 5)));
    return inner.inner(x) + "!";
  }

  @Traced
  public String secrets(String user, String password, String apiKey, @NoCapture String session, String accessToken) {
    return user;
  }

  @Traced(maxLength = 10)
  public String longText(String text) {
    return text;
  }

  /** Runs {@link Inner#inner} on a pool thread, with the caller's context. */
  @Traced
  public CompletionStage<String> asyncOuter(String x) {
    io.opentelemetry.context.Context ctx = io.opentelemetry.context.Context.current();
    return CompletableFuture.supplyAsync(ctx.wrapSupplier(() -> inner.inner(x)), POOL);
  }

  /** The current span's trace id, span id, sampled flag and the baggage, as seen inside a traced call. */
  @Traced(tags = {"env=prod"})
  public String probe() {
    io.opentelemetry.api.trace.SpanContext sc = io.opentelemetry.api.trace.Span.current().getSpanContext();
    StringBuilder baggage = new StringBuilder();
    io.opentelemetry.api.baggage.Baggage.current().forEach((k, v) -> baggage.append(k).append('=')
        .append(v.getValue()).append(';'));
    return sc.getTraceId() + " " + sc.getSpanId() + " " + sc.isSampled() + " " + baggage;
  }

  /** Not traced by the class (no class-level binding): plain method. */
  public String untraced(String x) {
    return x;
  }

  @ApplicationScoped
  public static class Inner {
    @Traced("inner")
    public String inner(String x) {
      return x.toUpperCase();
    }
  }
}
