package io.scouter.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.api.trace.StatusCode;
import io.scouter.tracing.internal.ServerView;
import io.scouter.tracing.internal.wire.ScouterWireEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The wire encoder and the server-faithful decoder agree: decoding what was encoded gives exactly the server view of
 * the original spans, for randomly generated batches (ids, unicode, every attribute type, events, links, errors).
 */
class WireRoundTripTest {
  private static final String ALPHABET = "abcXYZ019 _-.:/\\\"'{}[]\n\t\u00e9\u00df\u4e2d\u6587\ud83d\ude00\u0000";

  @RepeatedTest(50)
  void decodeOfEncode_equalsTheDirectServerView(RepetitionInfo info) throws Exception {
    Random random = new Random(1000L + info.getCurrentRepetition());
    List<SpanData> spans = randomBatch(random, 1 + random.nextInt(40));
    byte[] message = ScouterWireEncoder.encode(spans);
    WireDecoder.Message decoded = WireDecoder.decode(message);
    assertThat(decoded.kind()).isEqualTo(WireDecoder.Kind.TRACE);
    ServerView.Batch direct = ServerView.convert(spans);
    // the message groups spans by scope, so compare independent of order
    assertThat(decoded.spans()).containsExactlyInAnyOrderElementsOf(direct.spans());
    assertThat(decoded.tags()).containsExactlyInAnyOrderElementsOf(direct.tags());
    assertThat(decoded.baggage()).containsExactlyInAnyOrderElementsOf(direct.baggage());
  }

  @Test
  void emptyBatch_isAValidMessageWithNoSpans() throws Exception {
    WireDecoder.Message decoded = WireDecoder.decode(ScouterWireEncoder.encode(List.of()));
    assertThat(decoded.spans()).isEmpty();
  }

  static List<SpanData> randomBatch(Random r, int n) {
    Resource resource = Resource.create(Attributes.builder().put("service.name", text(r, 12))
        .put("scouter.scope", "scouter.tracer.test").put("telemetry.sdk.language", "java").build());
    List<InstrumentationScopeInfo> scopes = List.of(InstrumentationScopeInfo.create("svc-a"),
        InstrumentationScopeInfo.builder("svc-b").setVersion("scouter.tracer.1").build());
    List<SpanData> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String traceId = hex(r, 32);
      SpanContext parent = switch (r.nextInt(3)) {
        case 0 -> SpanContext.getInvalid();
        case 1 -> SpanContext.create(traceId, hex(r, 16), TraceFlags.getSampled(), TraceState.getDefault());
        default -> SpanContext.createFromRemoteParent(traceId, hex(r, 16), TraceFlags.getSampled(),
            TraceState.builder().put("vendor", "v" + r.nextInt(100)).build());
      };
      long start = 1_700_000_000_000_000_000L + (r.nextLong() & 0xffffffffffL);
      List<EventData> events = new ArrayList<>();
      for (int e = r.nextInt(3); e > 0; e--) {
        events.add(EventData.create(start + r.nextInt(1000), text(r, 8), attributes(r, 3)));
      }
      List<LinkData> links = new ArrayList<>();
      if (r.nextInt(4) == 0) {
        links.add(LinkData.create(SpanContext.create(hex(r, 32), hex(r, 16), TraceFlags.getSampled(),
            TraceState.getDefault()), attributes(r, 2)));
      }
      StatusData status = switch (r.nextInt(3)) {
        case 0 -> StatusData.unset();
        case 1 -> StatusData.ok();
        default -> StatusData.create(StatusCode.ERROR, "IllegalStateException: " + text(r, 10));
      };
      Attributes attrs = attributes(r, 12);
      out.add(TestSpanData.builder()
          .setSpanContext(SpanContext.create(traceId, hex(r, 16), TraceFlags.getSampled(), parent.getTraceState()))
          .setParentSpanContext(parent)
          .setResource(resource)
          .setInstrumentationScopeInfo(scopes.get(r.nextInt(scopes.size())))
          .setName(text(r, 20))
          .setKind(SpanKind.values()[r.nextInt(SpanKind.values().length)])
          .setStartEpochNanos(start)
          .setEndEpochNanos(start + (r.nextInt(5) == 0 ? -5 : r.nextInt(1_000_000_000)))
          .setAttributes(attrs)
          .setTotalAttributeCount(attrs.size())
          .setEvents(events)
          .setTotalRecordedEvents(events.size())
          .setLinks(links)
          .setTotalRecordedLinks(links.size())
          .setStatus(status)
          .setHasEnded(true)
          .build());
    }
    return out;
  }

  static Attributes attributes(Random r, int max) {
    AttributesBuilder b = Attributes.builder();
    for (int i = r.nextInt(max + 1); i > 0; i--) {
      String key = switch (r.nextInt(6)) {
        case 0 -> "scouter.tracing.tag." + text(r, 5);
        case 1 -> "baggage.scouter.tracing.tag." + text(r, 5);
        case 2 -> "baggage." + text(r, 5);
        case 3 -> r.nextBoolean() ? "scouter.tracing.input" : "scouter.tracing.output";
        default -> text(r, 10);
      };
      switch (r.nextInt(9)) {
        case 0 -> b.put(key, text(r, 30));
        case 1 -> b.put(key, r.nextLong());
        case 2 -> b.put(key, r.nextDouble() * 1e6 - 5e5);
        case 3 -> b.put(key, r.nextBoolean());
        case 4 -> b.put(AttributeKey.stringArrayKey(key), List.of(text(r, 4), text(r, 4)));
        case 5 -> b.put(AttributeKey.longArrayKey(key), List.of(r.nextLong(), 0L, -1L));
        case 6 -> b.put(AttributeKey.doubleArrayKey(key), List.of(r.nextDouble(), 1.5));
        case 7 -> b.put(AttributeKey.booleanArrayKey(key), List.of(true, false));
        default -> b.put(key, "{\"a\":[1,2,{\"b\":\"" + text(r, 3).replace("\\", "").replace("\"", "") + "\"}]}");
      }
    }
    return b.build();
  }

  static String text(Random r, int max) {
    StringBuilder sb = new StringBuilder();
    int len = r.nextInt(max + 1);
    while (sb.length() < len) {
      int cp = ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, r.nextInt(ALPHABET.codePointCount(0,
          ALPHABET.length()))));
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  static String hex(Random r, int len) {
    StringBuilder sb = new StringBuilder(len);
    while (sb.length() < len) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.toString().replaceFirst("^0", "1");
  }
}
