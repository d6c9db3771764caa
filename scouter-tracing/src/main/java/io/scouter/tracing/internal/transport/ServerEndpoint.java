package io.scouter.tracing.internal.transport;

import io.scouter.tracing.internal.EnvDefault;
import io.scouter.tracing.internal.Tls;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The part {@code HttpConfig} and {@code GrpcConfig} share: the server URI, the credentials, the timeout and the trust
 * store, each unset value taken from the environment the one way ({@link EnvDefault}), checked with errors that name the key and
 * the builder method (never a secret), and the trust store loaded once. Not a public API.
 *
 * <pre>{@code
 * ServerEndpoint e = ServerEndpoint.of(ServerEndpoint.GRPC, draft);   // draft: the builder's values
 * e.uri(); e.trustManagers();
 * }</pre>
 */
public final class ServerEndpoint {
  /** Default request timeout, 10 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * What differs between the transports.
   *
   * @param config the public config class, as errors name it ({@code HttpConfig})
   * @param key the key prefix ({@code scouter.http})
   * @param uri the URI's environment default
   * @param username the user's environment default
   * @param password the password's environment default
   */
  public record Spec(String config, String key, EnvDefault uri, EnvDefault username, EnvDefault password) {}

  /** The HTTP transport's: {@code scouter.http.*}, {@code SCOUTER_SERVER_URI}, admin/admin as the Python client. */
  public static final Spec HTTP = new Spec("HttpConfig", "scouter.http", EnvDefault.HTTP_URI, EnvDefault.HTTP_USERNAME,
      EnvDefault.HTTP_PASSWORD);
  /** The gRPC transport's: {@code scouter.grpc.*}, {@code SCOUTER_GRPC_URI}, guest/guest as upstream. */
  public static final Spec GRPC = new Spec("GrpcConfig", "scouter.grpc", EnvDefault.GRPC_URI, EnvDefault.GRPC_USERNAME,
      EnvDefault.GRPC_PASSWORD);

  /** The values a builder collected; {@code null} means unset. */
  public static final class Draft {
    private String uri;
    private String username;
    private String password;
    private Duration timeout;
    private Path trustStore;
    private String trustStorePassword;
    private String trustStoreType;

    public void uri(String uri) {
      this.uri = uri;
    }

    public void username(String username) {
      this.username = username;
    }

    public void password(String password) {
      this.password = password;
    }

    public void timeout(Duration timeout) {
      this.timeout = timeout;
    }

    public void trustStore(Path path, String password, String type) {
      this.trustStore = Objects.requireNonNull(path, "path");
      this.trustStorePassword = password;
      this.trustStoreType = type;
    }

    /** Whether a trust store was set. */
    public boolean hasTrustStore() {
      return trustStore != null;
    }
  }

  private final URI uri;
  private final String username;
  private final String password;
  private final Duration timeout;
  private final Path trustStore;
  private final String trustStoreType;
  private final TrustManager[] trustManagers;
  private final SSLContext sslContext;

  private ServerEndpoint(Spec spec, Draft d) {
    this.uri = parseUri(spec, spec.uri.or(d.uri));
    this.username = spec.username.or(d.username);
    this.password = spec.password.or(d.password);
    this.timeout = d.timeout != null ? d.timeout : DEFAULT_TIMEOUT;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(spec.config + ".timeout must be positive, was " + timeout);
    }
    this.trustStore = d.trustStore;
    this.trustStoreType = d.trustStore == null ? null : d.trustStoreType;
    if (d.trustStore == null) {
      this.trustManagers = null;
      this.sslContext = null;
    } else {
      // loaded once; errors name the file and the key, never the password
      try {
        this.trustManagers = Tls.trustManagers(d.trustStore, d.trustStorePassword, d.trustStoreType);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + " (" + spec.key + ".truststore / " + spec.config
            + ".trustStore)", e);
      }
      try {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustManagers, null);
        this.sslContext = ctx;
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("Cannot use the trust store '" + d.trustStore + "': " + Tls.oneLine(e), e);
      }
    }
  }

  /**
   * The endpoint of {@code draft}, unset values from the environment.
   *
   * @throws IllegalArgumentException naming the key for an invalid URI or timeout, or a trust store that cannot be
   *     loaded
   */
  public static ServerEndpoint of(Spec spec, Draft draft) {
    return new ServerEndpoint(spec, draft);
  }

  /**
   * An {@code http(s)://host[:port]} URI without a trailing '/'.
   *
   * @throws IllegalArgumentException naming the value, the key and the builder method
   */
  static URI parseUri(Spec spec, String value) {
    try {
      String v = value.trim();
      URI u = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URI");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid Scouter server URI '" + value + "' (" + spec.key + ".uri / "
          + spec.config + ".uri): expected http(s)://host[:port]", e);
    }
  }

  public URI uri() {
    return uri;
  }

  public String username() {
    return username;
  }

  /** Never logged. */
  public String password() {
    return password;
  }

  public Duration timeout() {
    return timeout;
  }

  /** The trust store file, or {@code null}. */
  public Path trustStore() {
    return trustStore;
  }

  /** The trust store's type as given, or {@code null} (none, or the JVM's default type). */
  public String trustStoreType() {
    return trustStoreType;
  }

  /** The trust managers of {@link #trustStore()} (a copy), or {@code null} for the JVM's default trust roots. */
  public TrustManager[] trustManagers() {
    return trustManagers == null ? null : trustManagers.clone();
  }

  /** A TLS context trusting {@link #trustStore()}, or {@code null}. */
  public SSLContext sslContext() {
    return sslContext;
  }
}
