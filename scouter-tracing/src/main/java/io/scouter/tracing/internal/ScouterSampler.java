package io.scouter.tracing.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Parent-based sampling with Scouter's one exception: a remote parent whose headers carried no {@code is_sampled}
 * (marked by {@link HeaderCodec#undecided}) made no decision, so {@code root} decides, on the trace id, as it does for
 * a new trace: every service with the same ratio reaches the same decision. Not a public API.
 */
public final class ScouterSampler implements Sampler {
  private final Sampler root;
  private final Sampler parentBased;

  public ScouterSampler(Sampler root) {
    this.root = root;
    this.parentBased = Sampler.parentBased(root);
  }

  @Override
  public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
      Attributes attributes, List<LinkData> parentLinks) {
    SpanContext parent = Span.fromContext(parentContext).getSpanContext();
    if (!parent.isValid()) {
      return root.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks); // as parentBased
    }
    Sampler decides = parent.isRemote() && HeaderCodec.isUndecided(parent) ? root : parentBased;
    return decides.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
  }

  @Override
  public String getDescription() {
    return "ScouterSampler{" + parentBased.getDescription() + ", undecided remote parent: " + root.getDescription()
        + "}";
  }

  @Override
  public String toString() {
    return getDescription();
  }
}
