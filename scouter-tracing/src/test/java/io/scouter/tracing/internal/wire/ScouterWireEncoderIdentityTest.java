package io.scouter.tracing.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The byte-level wire encoder writes exactly the bytes of the Jackson-generator encoder it replaced
 * ({@link JacksonReferenceEncoder}): random batches over every attribute type, every JSON escape (control characters,
 * quotes, backslashes, lone and paired surrogates, 2- and 3-byte UTF-8), several scopes, events, links, trace state,
 * negative (unsigned) times, non-finite doubles, null and very long strings.
 */
class ScouterWireEncoderIdentityTest {
  private static final String ALPHABET = "abcXYZ019 _-.:/\\\"'{}[]\n\t\r\b\f\u0001\u001f\u007f\u0080\u00e9\u00df\u07ff"
      + "\u0800\u4e2d\u6587\u2028\uffff\ud83d\ude00\u0000";

  @RepeatedTest(200)
  void randomBatches_encodeToTheReferenceBytes(RepetitionInfo info) {
    Random random = new Random(7000L + info.getCurrentRepetition());
    List<SpanData> spans = randomBatch(random, random.nextInt(30));
    assertSameBytes(ScouterWireEncoder.encode(spans), JacksonReferenceEncoder.encode(spans));
    assertSameBytes(ScouterWireEncoder.encodeRequest(spans), JacksonReferenceEncoder.encodeRequest(spans));
  }

  @Test
  void loneSurrogatesAndControlCharacters_areEscapedLikeJackson() {
    String nasty = "x\ud83dy\ude00z\ud83d\ude00\u0000\u001f\u007f\"\\/" + "end\ud83d";
    List<SpanData> spans = List.of(span(new Random(1), nasty, Attributes.builder().put(nasty, nasty)
        .put("nan", Double.NaN).put("inf", Double.NEGATIVE_INFINITY).put("zero", -0.0)
        .put("min", Long.MIN_VALUE).put("max", Long.MAX_VALUE).build(), StatusData.create(StatusCode.ERROR, nasty)));
    assertSameBytes(ScouterWireEncoder.encode(spans), JacksonReferenceEncoder.encode(spans));
    assertThat(new String(ScouterWireEncoder.encode(spans), StandardCharsets.UTF_8))
        .contains("x\\uD83Dy\\uDE00z\\uD83D\\uDE00\\u0000\\u001F\u007f\\\"\\\\/end\\uD83D");
  }

  @Test
  void longStringsAndBigBatches_growTheBufferAndStayIdentical() {
    Random r = new Random(3);
    StringBuilder big = new StringBuilder();
    while (big.length() < 300_000) {
      big.append(text(r, 50)).append("\u4e2d\"");
    }
    List<SpanData> spans = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      spans.add(span(r, "s" + i, Attributes.builder().put("scouter.tracing.input", big.toString()).build(),
          StatusData.unset()));
    }
    // twice: the second run reuses (or, above the limit, replaces) the thread's buffer
    for (int i = 0; i < 2; i++) {
      assertSameBytes(ScouterWireEncoder.encode(spans), JacksonReferenceEncoder.encode(spans));
      assertSameBytes(ScouterWireEncoder.encode(spans.subList(0, 1)),
          JacksonReferenceEncoder.encode(spans.subList(0, 1)));
    }
  }

  @Test
  void emptyBatch_isIdentical() {
    assertSameBytes(ScouterWireEncoder.encode(List.of()), JacksonReferenceEncoder.encode(List.of()));
    assertSameBytes(ScouterWireEncoder.encodeRequest(List.of()), JacksonReferenceEncoder.encodeRequest(List.of()));
  }

  private static void assertSameBytes(byte[] actual, byte[] expected) {
    // compare as text first for a readable failure, then byte for byte
    assertThat(new String(actual, StandardCharsets.ISO_8859_1))
        .isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
    assertThat(actual).isEqualTo(expected);
  }

  private static SpanData span(Random r, String name, Attributes attrs, StatusData status) {
    return TestSpanData.builder()
        .setSpanContext(SpanContext.create(hex(r, 32), hex(r, 16), TraceFlags.getSampled(), TraceState.getDefault()))
        .setParentSpanContext(SpanContext.getInvalid())
        .setResource(Resource.getDefault())
        .setInstrumentationScopeInfo(InstrumentationScopeInfo.create("s"))
        .setName(name).setKind(SpanKind.INTERNAL)
        .setStartEpochNanos(-3L).setEndEpochNanos(Long.MAX_VALUE)
        .setAttributes(attrs).setTotalAttributeCount(attrs.size() + 2)
        .setStatus(status).setHasEnded(true).build();
  }

  static List<SpanData> randomBatch(Random r, int n) {
    Resource resource = Resource.create(Attributes.builder().put("service.name", text(r, 12))
        .put("scouter.scope", "scouter.tracer.test").build(), r.nextBoolean() ? null : "https://schema/" + text(r, 3));
    List<InstrumentationScopeInfo> scopes = List.of(InstrumentationScopeInfo.create("svc-a"),
        InstrumentationScopeInfo.builder("svc-b").setVersion("1." + text(r, 2)).setSchemaUrl("u" + text(r, 3))
            .setAttributes(attributes(r, 3)).build(),
        InstrumentationScopeInfo.create("svc-" + text(r, 4)));
    int scopeCount = 1 + r.nextInt(scopes.size());
    List<SpanData> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String traceId = hex(r, 32);
      SpanContext parent = switch (r.nextInt(3)) {
        case 0 -> SpanContext.getInvalid();
        case 1 -> SpanContext.create(traceId, hex(r, 16), TraceFlags.getSampled(), TraceState.getDefault());
        default -> SpanContext.createFromRemoteParent(traceId, hex(r, 16), TraceFlags.getDefault(),
            TraceState.builder().put("vendor", "v" + r.nextInt(100)).put("k" + r.nextInt(9), "w").build());
      };
      long start = r.nextInt(10) == 0 ? -r.nextInt(1000) : 1_700_000_000_000_000_000L + (r.nextLong() & 0xffffffffffL);
      List<EventData> events = new ArrayList<>();
      for (int e = r.nextInt(3); e > 0; e--) {
        events.add(EventData.create(start + r.nextInt(1000), text(r, 8), attributes(r, 3)));
      }
      List<LinkData> links = new ArrayList<>();
      for (int l = r.nextInt(3); l > 0; l--) {
        links.add(LinkData.create(SpanContext.createFromRemoteParent(hex(r, 32), hex(r, 16),
            r.nextBoolean() ? TraceFlags.getSampled() : TraceFlags.getDefault(),
            r.nextBoolean() ? TraceState.getDefault() : TraceState.builder().put("a", text(r, 3)
                .replaceAll("[^a-z0-9]", "x")).build()),
            attributes(r, 2), 2 + r.nextInt(3)));
      }
      StatusData status = switch (r.nextInt(3)) {
        case 0 -> StatusData.unset();
        case 1 -> StatusData.ok();
        default -> StatusData.create(StatusCode.ERROR, "IllegalStateException: " + text(r, 10));
      };
      Attributes attrs = attributes(r, 12);
      out.add(TestSpanData.builder()
          .setSpanContext(SpanContext.create(traceId, hex(r, 16),
              r.nextBoolean() ? TraceFlags.getSampled() : TraceFlags.getDefault(), parent.getTraceState()))
          .setParentSpanContext(parent)
          .setResource(resource)
          .setInstrumentationScopeInfo(scopes.get(r.nextInt(scopeCount)))
          .setName(text(r, 20))
          .setKind(SpanKind.values()[r.nextInt(SpanKind.values().length)])
          .setStartEpochNanos(start)
          .setEndEpochNanos(start + (r.nextInt(5) == 0 ? -5 : r.nextInt(1_000_000_000)))
          .setAttributes(attrs)
          .setTotalAttributeCount(attrs.size() + r.nextInt(2))
          .setEvents(events)
          .setTotalRecordedEvents(events.size() + r.nextInt(2))
          .setLinks(links)
          .setTotalRecordedLinks(links.size() + r.nextInt(2))
          .setStatus(status)
          .setHasEnded(true)
          .build());
    }
    return out;
  }

  static Attributes attributes(Random r, int max) {
    AttributesBuilder b = Attributes.builder();
    for (int i = r.nextInt(max + 1); i > 0; i--) {
      String key = text(r, 10);
      switch (r.nextInt(10)) {
        case 0 -> b.put(key, text(r, 30));
        case 1 -> b.put(key, r.nextLong() >> r.nextInt(64));
        case 2 -> b.put(key, r.nextDouble() * Math.pow(10, r.nextInt(40) - 20) - 0.5);
        case 3 -> b.put(key, r.nextBoolean());
        case 4 -> b.put(AttributeKey.stringArrayKey(key), List.of(text(r, 4), text(r, 4)));
        case 5 -> b.put(AttributeKey.longArrayKey(key), List.of(r.nextLong(), 0L, -1L));
        case 6 -> b.put(AttributeKey.doubleArrayKey(key), List.of(r.nextDouble(), 1.5, Double.NaN));
        case 7 -> b.put(AttributeKey.booleanArrayKey(key), List.of(true, false));
        case 8 -> b.put(AttributeKey.stringArrayKey(key), List.of());
        default -> b.put(key, "{\"a\":[1,2,{\"b\":\"" + text(r, 3) + "\"}]}");
      }
    }
    return b.build();
  }

  static String text(Random r, int max) {
    StringBuilder sb = new StringBuilder();
    int len = r.nextInt(max + 1);
    while (sb.length() < len) {
      sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
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
