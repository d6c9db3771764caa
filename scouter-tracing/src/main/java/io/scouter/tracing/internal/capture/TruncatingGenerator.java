package io.scouter.tracing.internal.capture;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;

/**
 * The generator every captured value is written through: cuts every string leaf (not keys) at a number of characters,
 * on a code-point boundary, and writes the value of every property or map key that {@link Redaction} names a secret,
 * at any depth, as {@code "[redacted]"} (a structured value is left out whole).
 */
final class TruncatingGenerator extends JsonGeneratorDelegate {
  static final String SUFFIX = "...[truncated]";
  static final String REDACTED = "[redacted]";
  private final int maxLength;
  private final Redaction redaction;
  /** The field just written names a secret: its value is replaced. */
  private boolean redactNext;
  /** Inside a replaced object or array: how deep; its tokens are dropped. */
  private int skipDepth;

  TruncatingGenerator(JsonGenerator delegate, int maxLength) {
    super(delegate, false);
    this.maxLength = maxLength;
    this.redaction = Redaction.current();
  }

  /** Before a scalar value: {@code true} when it is dropped (inside a replaced value) or replaced by the mask. */
  private boolean masked() throws IOException {
    if (skipDepth > 0) {
      return true;
    }
    if (redactNext) {
      redactNext = false;
      delegate.writeString(REDACTED);
      return true;
    }
    return false;
  }

  /** Before the start of an object or array. */
  private boolean maskedStart() throws IOException {
    if (skipDepth > 0) {
      skipDepth++;
      return true;
    }
    if (redactNext) {
      redactNext = false;
      delegate.writeString(REDACTED);
      skipDepth = 1;
      return true;
    }
    return false;
  }

  /** Before the end of an object or array. */
  private boolean maskedEnd() {
    if (skipDepth > 0) {
      skipDepth--;
      return true;
    }
    return false;
  }

  @Override
  public void writeFieldName(String name) throws IOException {
    if (skipDepth > 0) {
      return;
    }
    delegate.writeFieldName(name);
    redactNext = redaction.matches(name);
  }

  @Override
  public void writeFieldName(SerializableString name) throws IOException {
    if (skipDepth > 0) {
      return;
    }
    delegate.writeFieldName(name);
    redactNext = redaction.matches(name.getValue());
  }

  @Override
  public void writeFieldId(long id) throws IOException {
    writeFieldName(Long.toString(id));
  }

  @Override
  public void writeStartObject() throws IOException {
    if (!maskedStart()) {
      delegate.writeStartObject();
    }
  }

  @Override
  public void writeStartObject(Object forValue) throws IOException {
    if (!maskedStart()) {
      delegate.writeStartObject(forValue);
    }
  }

  @Override
  public void writeStartObject(Object forValue, int size) throws IOException {
    if (!maskedStart()) {
      delegate.writeStartObject(forValue, size);
    }
  }

  @Override
  public void writeEndObject() throws IOException {
    if (!maskedEnd()) {
      delegate.writeEndObject();
    }
  }

  @Override
  public void writeStartArray() throws IOException {
    if (!maskedStart()) {
      delegate.writeStartArray();
    }
  }

  @Override
  @SuppressWarnings("deprecation")
  public void writeStartArray(int size) throws IOException {
    if (!maskedStart()) {
      delegate.writeStartArray(size);
    }
  }

  @Override
  public void writeStartArray(Object forValue) throws IOException {
    if (!maskedStart()) {
      delegate.writeStartArray(forValue);
    }
  }

  @Override
  public void writeStartArray(Object forValue, int size) throws IOException {
    if (!maskedStart()) {
      delegate.writeStartArray(forValue, size);
    }
  }

  @Override
  public void writeEndArray() throws IOException {
    if (!maskedEnd()) {
      delegate.writeEndArray();
    }
  }

  @Override
  public void writeArray(int[] array, int offset, int length) throws IOException {
    writeStartArray(array, length);
    for (int i = offset; i < offset + length; i++) {
      writeNumber(array[i]);
    }
    writeEndArray();
  }

  @Override
  public void writeArray(long[] array, int offset, int length) throws IOException {
    writeStartArray(array, length);
    for (int i = offset; i < offset + length; i++) {
      writeNumber(array[i]);
    }
    writeEndArray();
  }

  @Override
  public void writeArray(double[] array, int offset, int length) throws IOException {
    writeStartArray(array, length);
    for (int i = offset; i < offset + length; i++) {
      writeNumber(array[i]);
    }
    writeEndArray();
  }

  @Override
  public void writeArray(String[] array, int offset, int length) throws IOException {
    writeStartArray(array, length);
    for (int i = offset; i < offset + length; i++) {
      writeString(array[i]);
    }
    writeEndArray();
  }

  @Override
  public void writeNumber(short v) throws IOException {
    if (!masked()) {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(int v) throws IOException {
    if (!masked()) {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(long v) throws IOException {
    if (!masked()) {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(java.math.BigInteger v) throws IOException {
    if (!masked()) {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(double v) throws IOException {
    if (!masked()) {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(float v) throws IOException {
    if (!masked()) {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(java.math.BigDecimal v) throws IOException {
    if (!masked()) {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(String encodedValue) throws IOException {
    if (!masked()) {
      delegate.writeNumber(encodedValue);
    }
  }

  @Override
  public void writeNumber(char[] encodedValueBuffer, int offset, int length) throws IOException {
    if (!masked()) {
      delegate.writeNumber(encodedValueBuffer, offset, length);
    }
  }

  @Override
  public void writeBoolean(boolean state) throws IOException {
    if (!masked()) {
      delegate.writeBoolean(state);
    }
  }

  @Override
  public void writeNull() throws IOException {
    if (!masked()) {
      delegate.writeNull();
    }
  }

  @Override
  public void writeRawValue(String text) throws IOException {
    if (!masked()) {
      delegate.writeRawValue(text);
    }
  }

  @Override
  public void writeRawValue(String text, int offset, int len) throws IOException {
    if (!masked()) {
      delegate.writeRawValue(text, offset, len);
    }
  }

  @Override
  public void writeRawValue(char[] text, int offset, int len) throws IOException {
    if (!masked()) {
      delegate.writeRawValue(text, offset, len);
    }
  }

  @Override
  public void writeRawValue(SerializableString text) throws IOException {
    if (!masked()) {
      delegate.writeRawValue(text);
    }
  }

  @Override
  public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
    writeString(new String(text, offset, length, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
    writeString(new String(text, offset, length, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public void writeString(java.io.Reader reader, int len) throws IOException {
    if (!masked()) {
      delegate.writeString(reader, len);
    }
  }

  @Override
  public void writeEmbeddedObject(Object object) throws IOException {
    if (!masked()) {
      delegate.writeEmbeddedObject(object);
    }
  }

  @Override
  public int writeBinary(Base64Variant variant, java.io.InputStream data, int dataLength) throws IOException {
    if (!masked()) {
      return delegate.writeBinary(variant, data, dataLength);
    }
    return 0;
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
    if (!masked()) {
      delegate.writeString(truncate(text, maxLength));
    }
  }

  @Override
  public void writeString(char[] text, int offset, int len) throws IOException {
    if (len > maxLength) {
      writeString(new String(text, offset, len));
    } else if (!masked()) {
      delegate.writeString(text, offset, len);
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
