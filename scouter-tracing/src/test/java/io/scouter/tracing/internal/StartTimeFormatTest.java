package io.scouter.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * {@code scouter.tracing.start_time} is RFC 3339 in UTC with exactly nine fraction digits (zero-padded nanoseconds)
 * and {@code +00:00}, the format the Scouter server parses, and it is the current time.
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
}
