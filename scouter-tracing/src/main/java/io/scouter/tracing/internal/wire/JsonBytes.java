package io.scouter.tracing.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 JSON byte buffer with the primitives the wire encoder needs: constant fragments, JSON strings and
 * decimal numbers written straight into the array. Its string escaping is byte for byte what Jackson's
 * {@code UTF8JsonGenerator} writes with default settings (the format the Scouter server and the held-out decoder were
 * checked against): {@code \" \\ \b \t \n \f \r}, other control characters as backslash-u-00XX, every UTF-16
 * surrogate as backslash-u-XXXX (upper-case hex), {@code /} and DEL unescaped, everything else UTF-8. Not thread-safe;
 * one per exporting thread. Not a public API.
 */
class JsonBytes {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = ascii("null");
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  /** Per ASCII char: 0 = as is, -1 = backslash-u-00XX, otherwise the letter after the backslash. */
  private static final byte[] ESCAPES = new byte[128];
  /** The two ASCII digits of 0..99, at index 2n and 2n+1. */
  private static final byte[] TWO_DIGITS = new byte[200];
  /** Slots of the encoded-string cache (a power of two) and the longest string it keeps. */
  private static final int CACHE_SIZE = 256;
  private static final int MAX_CACHED = 128;
  /** Chars escaped per capacity check, so a long string never reserves six bytes per char at once. */
  private static final int CHUNK = 1024;

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = -1;
    }
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\n'] = 'n';
    ESCAPES['\f'] = 'f';
    ESCAPES['\r'] = 'r';
    for (int i = 0; i < 100; i++) {
      TWO_DIGITS[2 * i] = (byte) ('0' + i / 10);
      TWO_DIGITS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  byte[] buf;
  int pos;
  private final byte[] scratch = new byte[20];
  private final String[] cacheKeys = new String[CACHE_SIZE];
  private final byte[][] cacheBytes = new byte[CACHE_SIZE][];

  JsonBytes(int capacity) {
    buf = new byte[capacity];
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  void reset() {
    pos = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  private void ensure(int extra) {
    if (buf.length - pos < extra) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
    }
  }

  void raw(byte[] bytes) {
    int n = bytes.length;
    ensure(n);
    System.arraycopy(bytes, 0, buf, pos, n);
    pos += n;
  }

  void raw(byte b) {
    ensure(1);
    buf[pos++] = b;
  }

  void bool(boolean b) {
    raw(b ? TRUE : FALSE);
  }

  /** Characters known to need no escaping and to be ASCII (e.g. {@link Double#toString}). */
  void rawAscii(String s) {
    int n = s.length();
    ensure(n);
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < n; i++) {
      b[p++] = (byte) s.charAt(i);
    }
    pos = p;
  }

  /** A quoted JSON string, or {@code null} for null. */
  void string(String s) {
    if (s == null) {
      raw(NULL);
      return;
    }
    int len = s.length();
    ensure(Math.min(len, CHUNK) * 6 + 2);
    byte[] b = buf;
    int p = pos;
    b[p++] = '"';
    int i = 0;
    while (i < len) {
      int end = Math.min(len, i + CHUNK);
      if (b.length - p < (end - i) * 6 + 1) {
        pos = p;
        ensure((end - i) * 6 + 1);
        b = buf;
      }
      for (; i < end; i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          byte e = ESCAPES[c];
          if (e == 0) {
            b[p++] = (byte) c;
          } else if (e > 0) {
            b[p++] = '\\';
            b[p++] = e;
          } else {
            b[p++] = '\\';
            b[p++] = 'u';
            b[p++] = '0';
            b[p++] = '0';
            b[p++] = HEX[c >> 4];
            b[p++] = HEX[c & 0xF];
          }
        } else if (c < 0x800) {
          b[p++] = (byte) (0xC0 | (c >> 6));
          b[p++] = (byte) (0x80 | (c & 0x3F));
        } else if (c >= 0xD800 && c <= 0xDFFF) {
          b[p++] = '\\';
          b[p++] = 'u';
          b[p++] = HEX[c >> 12];
          b[p++] = HEX[(c >> 8) & 0xF];
          b[p++] = HEX[(c >> 4) & 0xF];
          b[p++] = HEX[c & 0xF];
        } else {
          b[p++] = (byte) (0xE0 | (c >> 12));
          b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          b[p++] = (byte) (0x80 | (c & 0x3F));
        }
      }
    }
    b[p++] = '"';
    pos = p;
  }

  /**
   * A quoted string known to be ASCII without characters to escape (validated lower-case hex ids): its chars are
   * copied as bytes, which for a Latin-1 string is an array copy.
   */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) is exactly the low-byte copy wanted here
  void plainAscii(String s) {
    int n = s.length();
    ensure(n + 2);
    byte[] b = buf;
    int p = pos;
    b[p++] = '"';
    s.getBytes(0, n, b, p);
    p += n;
    b[p++] = '"';
    pos = p;
  }

  /**
   * A quoted JSON string through a small direct-mapped cache of encoded strings, for the few distinct strings that
   * repeat in every span (attribute keys, span and scope names): a hit is one reference compare and an array copy.
   */
  void cachedString(String s) {
    if (s == null || s.length() > MAX_CACHED) {
      string(s);
      return;
    }
    int h = s.hashCode();
    int i = (h ^ (h >>> 16)) & (CACHE_SIZE - 1);
    String key = cacheKeys[i];
    if (key == s || s.equals(key)) {
      raw(cacheBytes[i]);
      return;
    }
    int from = pos;
    string(s);
    cacheKeys[i] = s;
    cacheBytes[i] = Arrays.copyOfRange(buf, from, pos);
  }

  /** A signed decimal integer. */
  void number(long v) {
    ensure(20);
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        rawAscii("-9223372036854775808");
        return;
      }
      buf[pos++] = '-';
      v = -v;
    }
    digits(v);
  }

  /** An unsigned decimal integer in quotes (OTLP JSON's 64-bit integers). */
  void quotedUnsigned(long v) {
    ensure(22);
    buf[pos++] = '"';
    if (v < 0) {
      rawAscii(Long.toUnsignedString(v));
    } else {
      digits(v);
    }
    buf[pos++] = '"';
  }

  /** {@code v >= 0}, capacity for 19 digits already ensured: right to left into the scratch array, then copied. */
  private void digits(long v) {
    byte[] d = scratch;
    int p = d.length;
    while (v >= 100_000_000L) {
      long q = v / 100_000_000L;
      p = eightDigits((int) (v - q * 100_000_000L), d, p);
      v = q;
    }
    int r = (int) v;
    while (r >= 100) {
      int q = r / 100;
      int two = (r - q * 100) << 1;
      d[--p] = TWO_DIGITS[two + 1];
      d[--p] = TWO_DIGITS[two];
      r = q;
    }
    if (r >= 10) {
      d[--p] = TWO_DIGITS[(r << 1) + 1];
      d[--p] = TWO_DIGITS[r << 1];
    } else {
      d[--p] = (byte) ('0' + r);
    }
    int n = d.length - p;
    System.arraycopy(d, p, buf, pos, n);
    pos += n;
  }

  /** Exactly eight digits of {@code 0 <= r < 10^8} ending before {@code p}; returns the new start. */
  private static int eightDigits(int r, byte[] d, int p) {
    for (int k = 0; k < 4; k++) {
      int q = r / 100;
      int two = (r - q * 100) << 1;
      d[--p] = TWO_DIGITS[two + 1];
      d[--p] = TWO_DIGITS[two];
      r = q;
    }
    return p;
  }
}
