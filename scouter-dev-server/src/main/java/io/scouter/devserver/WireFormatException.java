package io.scouter.devserver;

/**
 * A message the Scouter server would reject (its serde deserialization fails), with the JSON path of the problem.
 *
 * <pre>{@code
 * try { WireDecoder.decode(bytes); } catch (WireFormatException e) { fail(e.getMessage()); }
 * }</pre>
 */
public final class WireFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public WireFormatException(String message) {
    super(message);
  }
}
