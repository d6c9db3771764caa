package io.scouter.jaxrs.app;

/** Thrown by a resource and answered by {@link BoomMapper}. */
public class BoomException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BoomException(String message) {
    super(message);
  }
}
