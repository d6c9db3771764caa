package io.scouter.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * {@code scouter.tracing.start_time} is RFC 3339 in UTC with exactly nine fraction digits (zero-padded nanoseconds)
 * and {@code +00:00}, the format the Scouter server parses, and it is the current time; a local root's is the start
 * time the SDK gave the span, its children's their root's.
 */
class StartTimeFormatTest {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx");

  @Test
  void nowIsRfc3339WithNineFractionDigitsInUtc() {
    StartAttributesProcessor processor = new StartAttributesProcessor();
    for (int i = 0; i < 2_000; i++) {
      OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC);
      String s = processor.now();
      OffsetDateTime after = OffsetDateTime.now(ZoneOffset.UTC);
      assertThat(s).hasSize(35).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}\\+00:00");
      OffsetDateTime parsed = OffsetDateTime.parse(s, FORMAT);
      // the same clock, formatted: within the two readings (1 ms of slack for clocks of different precision)
      assertThat(parsed).isBetween(before.minus(Duration.ofMillis(1)), after.plus(Duration.ofMillis(1)));
      assertThat(parsed.format(FORMAT)).isEqualTo(s);
    }
  }

  @Test
  void aLocalRootsStartTimeIsItsOwnStart_andItsChildInheritsIt() {
    io.opentelemetry.sdk.trace.SdkTracerProvider provider = io.opentelemetry.sdk.trace.SdkTracerProvider.builder()
        .addSpanProcessor(new StartAttributesProcessor()).build();
    try {
      io.opentelemetry.api.trace.Tracer tracer = provider.get("t");
      for (int i = 0; i < 200; i++) {
        // SDK start times with nanoseconds of every length (the clock's), and an explicit one with few digits
        io.opentelemetry.api.trace.SpanBuilder builder = tracer.spanBuilder("root");
        if (i % 2 == 1) {
          builder.setStartTimestamp(1_700_000_000_000_000_000L + i * 1_001L, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        io.opentelemetry.api.trace.Span root = builder.startSpan();
        io.opentelemetry.sdk.trace.ReadableSpan readable = (io.opentelemetry.sdk.trace.ReadableSpan) root;
        String s = readable.getAttribute(StartAttributesProcessor.START_TIME);
        long nanos = readable.toSpanData().getStartEpochNanos();
        String expected = FORMAT.withZone(ZoneOffset.UTC).format(java.time.Instant.ofEpochSecond(0, nanos));
        assertThat(s).isEqualTo(expected);
        io.opentelemetry.api.trace.Span child = tracer.spanBuilder("child")
            .setParent(io.opentelemetry.context.Context.root().with(root)).startSpan();
        assertThat(((io.opentelemetry.sdk.trace.ReadableSpan) child).getAttribute(StartAttributesProcessor.START_TIME))
            .isSameAs(s);
        child.end();
        root.end();
      }
    } finally {
      provider.shutdown();
    }
  }
}
