package io.scouter.tracing.internal.capture;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;

/** Cuts every string leaf (not keys) at a number of characters, on a code-point boundary. */
final class TruncatingGenerator extends JsonGeneratorDelegate {
  static final String SUFFIX = "...[truncated]";
  private final int maxLength;

  TruncatingGenerator(JsonGenerator delegate, int maxLength) {
    super(delegate, false);
    this.maxLength = maxLength;
  }

  static String truncate(String s, int maxLength) {
    if (s == null || s.length() <= maxLength) {
      return s;
    }
    int cut = maxLength;
    if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1)) && Character.isLowSurrogate(s.charAt(cut))) {
      cut--;
    }
    return s.substring(0, cut) + SUFFIX;
  }

  @Override
  public void writeString(String text) throws IOException {
    delegate.writeString(truncate(text, maxLength));
  }

  @Override
  public void writeString(char[] text, int offset, int len) throws IOException {
    if (len <= maxLength) {
      delegate.writeString(text, offset, len);
    } else {
      writeString(new String(text, offset, len));
    }
  }

  @Override
  public void writeString(SerializableString text) throws IOException {
    writeString(text.getValue());
  }

  @Override
  public void writeBinary(Base64Variant variant, byte[] data, int offset, int len) throws IOException {
    writeString(variant.encode(offset == 0 && len == data.length ? data : java.util.Arrays.copyOfRange(data, offset,
        offset + len)));
  }

  @Override
  public void writeBinary(byte[] data, int offset, int len) throws IOException {
    writeBinary(Base64Variants.getDefaultVariant(), data, offset, len);
  }

  @Override
  public void writeBinary(byte[] data) throws IOException {
    writeBinary(Base64Variants.getDefaultVariant(), data, 0, data.length);
  }
}
