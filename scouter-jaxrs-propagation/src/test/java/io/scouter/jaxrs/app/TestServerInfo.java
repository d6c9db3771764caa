package io.scouter.jaxrs.app;

/** Where the test server listens, set by the test harness before it starts. */
public final class TestServerInfo {
  private static volatile String baseUri;
  private static volatile String refusedUri;

  private TestServerInfo() {}

  public static void set(String base, String refused) {
    baseUri = base;
    refusedUri = refused;
  }

  /** {@code http://127.0.0.1:<port>/} */
  public static String baseUri() {
    return baseUri;
  }

  /** A URI on which nothing listens. */
  public static String refusedUri() {
    return refusedUri;
  }
}
