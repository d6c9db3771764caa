package io.scouter.tracing.internal.capture;

/**
 * The JSON array of the items of a stream, built as they pass and bounded by a capture limit: items are added while the
 * array stays within {@code maxLength} characters; the first item that does not fit stops the collection and the array
 * ends with the string {@code "...[truncated]"}, so the result is always valid JSON and memory stays bounded for
 * endless streams. Thread-safe (a stream may end on another thread than the one that consumed it). Not a public API.
 *
 * <pre>{@code
 * BoundedJsonArray items = new BoundedJsonArray(5000);
 * items.add("a"); items.add(42);
 * items.toJson();   // ["a",42]
 * }</pre>
 */
public final class BoundedJsonArray {
  private static final String TRUNCATED = ",\"" + TruncatingGenerator.SUFFIX + "\"]";

  private final int maxLength;
  private final StringBuilder json = new StringBuilder(64).append('[');
  private boolean full;

  /** @param maxLength the most characters of the array before the truncation marker, at least 1 */
  public BoundedJsonArray(int maxLength) {
    this.maxLength = Math.max(1, maxLength);
  }

  /** Adds one item (serialized as captured values are), unless the array is full. */
  public synchronized void add(Object item) {
    if (full) {
      return;
    }
    String value = CaptureSerializer.toJson(item, maxLength);
    // +1 for the separator or the closing bracket
    if (json.length() + value.length() + 1 > maxLength) {
      full = true;
      return;
    }
    if (json.length() > 1) {
      json.append(',');
    }
    json.append(value);
  }

  /** The array of the items added so far, marked when some were left out. */
  public synchronized String toJson() {
    if (!full) {
      return json + "]";
    }
    return json.length() > 1 ? json + TRUNCATED : "[" + TRUNCATED.substring(1);
  }
}
