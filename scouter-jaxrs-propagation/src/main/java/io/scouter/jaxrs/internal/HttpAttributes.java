package io.scouter.jaxrs.internal;

import java.net.URI;

/** OpenTelemetry HTTP semantic-convention attribute names and value helpers. Not a public API. */
public final class HttpAttributes {
  public static final String METHOD = "http.request.method";
  public static final String STATUS = "http.response.status_code";
  public static final String ROUTE = "http.route";
  public static final String URL_PATH = "url.path";
  public static final String URL_SCHEME = "url.scheme";
  public static final String URL_FULL = "url.full";
  public static final String SERVER_ADDRESS = "server.address";
  public static final String SERVER_PORT = "server.port";
  public static final String USER_AGENT = "user_agent.original";
  public static final String ERROR_TYPE = "error.type";
  /** Longest attribute value copied from a request (paths, user agents). */
  static final int MAX_VALUE = 1024;

  private HttpAttributes() {}

  static String cap(String v) {
    return v == null || v.length() <= MAX_VALUE ? v : v.substring(0, MAX_VALUE);
  }

  /** The port, the scheme's default when the URI has none, -1 when unknown. */
  static int port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    String scheme = uri.getScheme();
    if ("https".equalsIgnoreCase(scheme)) {
      return 443;
    }
    if ("http".equalsIgnoreCase(scheme)) {
      return 80;
    }
    return -1;
  }

  /**
   * {@code url.full} without secrets: user info is dropped and every query value is replaced by {@code REDACTED}
   * (names are kept), the fragment is dropped.
   */
  public static String fullUrl(URI uri) {
    StringBuilder sb = new StringBuilder(64);
    if (uri.getScheme() != null) {
      sb.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      sb.append(uri.getHost());
      if (uri.getPort() > 0) {
        sb.append(':').append(uri.getPort());
      }
    }
    String path = uri.getRawPath();
    sb.append(path == null || path.isEmpty() ? "/" : path);
    String query = uri.getRawQuery();
    if (query != null && !query.isEmpty()) {
      sb.append('?');
      boolean first = true;
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        if (!first) {
          sb.append('&');
        }
        first = false;
        int eq = pair.indexOf('=');
        sb.append(eq < 0 ? pair : pair.substring(0, eq)).append(eq < 0 ? "" : "=REDACTED");
      }
    }
    return cap(sb.toString());
  }
}
