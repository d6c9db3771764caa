package io.scouter.tracing;

import io.scouter.tracing.internal.EnvDefault;
import io.scouter.tracing.internal.transport.ServerEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The configuration of the HTTP transport to the Scouter server (a value passed to
 * {@link TracerConfig.Builder#transport}): messages go as {@code GET {uri}/scouter/auth/login} then
 * {@code POST {uri}/scouter/message}.
 *
 * <p>Unset values fall back, as MicroProfile Config would, to the system properties {@code scouter.http.uri},
 * {@code scouter.http.username}, {@code scouter.http.password}, {@code scouter.http.auth-token}, then to the
 * environment variables named after them ({@code SCOUTER_HTTP_URI}, ...), then to Scouter's environment variables:
 * {@code SCOUTER_SERVER_URI} (default {@value #DEFAULT_URI}), {@code SCOUTER_USERNAME} / {@code SCOUTER_PASSWORD}
 * (default {@value #DEFAULT_USERNAME} / {@value #DEFAULT_PASSWORD}), {@code SCOUTER_AUTH_TOKEN}. {@link #toString()} never shows the password, the token
 * or the trust store password.
 *
 * <p>An {@code https} URI is verified against the JVM's default trust store, or against a {@link
 * Builder#trustStore trust store} (e.g. for a server with a certificate of a private CA or a self-signed one), or
 * a whole {@link Builder#sslContext SSLContext}. A certificate that is not trusted fails the export (logged, the spans
 * kept and retried); it never falls back to plain HTTP.
 *
 * <pre>{@code
 * HttpConfig http = HttpConfig.builder().uri("https://scouter.example.com").username("svc").password(secret)
 *     .trustStore(Path.of("/etc/scouter/truststore.p12"), trustStorePassword, "PKCS12").build();
 * }</pre>
 */
public final class HttpConfig implements TransportConfig {
  /** The transport name, {@value}. */
  public static final String TYPE = "http";
  /** Default server URI, {@value}. */
  public static final String DEFAULT_URI = "http://localhost:8000";

  /** Default user, {@value} (as the Python client). */
  public static final String DEFAULT_USERNAME = "admin";
  /** Default password, {@value} (as the Python client). */
  public static final String DEFAULT_PASSWORD = "admin";
  /** Default request timeout, 10 seconds. */
  public static final Duration DEFAULT_TIMEOUT = ServerEndpoint.DEFAULT_TIMEOUT;

  private final ServerEndpoint endpoint;
  private final String authToken;
  private final SSLContext sslContext;

  private HttpConfig(Builder b) {
    if (b.endpoint.hasTrustStore() && b.sslContext != null) {
      throw new IllegalArgumentException("HttpConfig: set a trust store or an SSLContext, not both");
    }
    this.endpoint = ServerEndpoint.of(ServerEndpoint.HTTP, b.endpoint);
    this.authToken = EnvDefault.HTTP_AUTH_TOKEN.or(b.authToken);
    this.sslContext = endpoint.sslContext() != null ? endpoint.sslContext() : b.sslContext;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return TYPE;
  }

  public URI uri() {
    return endpoint.uri();
  }

  public String username() {
    return endpoint.username();
  }

  /** The password; never logged. */
  public String password() {
    return endpoint.password();
  }

  /** A pre-issued token, or {@code null}; never logged. */
  public String authToken() {
    return authToken;
  }

  public Duration timeout() {
    return endpoint.timeout();
  }

  /** The trust store file, or {@code null}. */
  public Path trustStore() {
    return endpoint.trustStore();
  }

  /**
   * The TLS context for {@code https} (built from the {@link #trustStore()}, or the one given), or {@code null} for
   * the JVM's default.
   */
  public SSLContext sslContext() {
    return sslContext;
  }

  @Override
  public String toString() {
    return "HttpConfig{uri=" + uri() + ", username=" + username() + ", password="
        + (password() == null ? "null" : "****") + ", authToken=" + (authToken == null ? "null" : "****")
        + ", timeout=" + timeout() + (trustStore() != null ? ", trustStore=" + trustStore() + " ("
            + (endpoint.trustStoreType() == null ? "default type" : endpoint.trustStoreType()) + ", password ****)"
            : sslContext != null ? ", sslContext=custom" : "")
        + "}";
  }

  /** Builder for {@link HttpConfig}. */
  public static final class Builder {
    private final ServerEndpoint.Draft endpoint = new ServerEndpoint.Draft();
    private String authToken;
    private SSLContext sslContext;

    private Builder() {}

    public Builder uri(String uri) {
      endpoint.uri(Objects.requireNonNull(uri, "uri"));
      return this;
    }

    public Builder username(String username) {
      endpoint.username(username);
      return this;
    }

    public Builder password(String password) {
      endpoint.password(password);
      return this;
    }

    public Builder authToken(String authToken) {
      this.authToken = authToken;
      return this;
    }

    public Builder timeout(Duration timeout) {
      endpoint.timeout(timeout);
      return this;
    }

    /**
     * Trusts the certificates in this key store file for an {@code https} URI, instead of the JVM's default trust
     * store. Loaded by {@link #build()}, which fails naming the file (never the password) if it cannot be read.
     *
     * @param password the store's password, or {@code null} for none; never logged
     * @param type {@code PKCS12}, {@code JKS}, ...; {@code null} for the JVM's default ({@code PKCS12})
     */
    public Builder trustStore(Path path, String password, String type) {
      endpoint.trustStore(path, password, type);
      return this;
    }

    /** A whole TLS context for {@code https} (key managers for client certificates, trust managers, protocols). */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /**
     * @throws IllegalArgumentException for an invalid URI or timeout, or a trust store that cannot be loaded
     */
    public HttpConfig build() {
      return new HttpConfig(this);
    }
  }
}
