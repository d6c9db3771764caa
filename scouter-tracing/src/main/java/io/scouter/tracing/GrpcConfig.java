package io.scouter.tracing;

import io.scouter.tracing.internal.Env;
import java.net.URI;
import java.time.Duration;

/**
 * The configuration of the gRPC transport to the Scouter server (a value passed to
 * {@link TracerConfig.Builder#transport}): messages go as {@code scouter.grpc.v1.MessageService/InsertMessage}; needs
 * the {@code io.scouter:scouter-transport-grpc} artifact.
 *
 * <p>Unset values fall back to the system properties {@code scouter.grpc.uri}, {@code scouter.grpc.username},
 * {@code scouter.grpc.password}, then the environment variables named after them ({@code SCOUTER_GRPC_URI}, ...), then
 * to {@code SCOUTER_GRPC_URI} (default {@value #DEFAULT_URI}; {@code https} means TLS) and
 * {@code SCOUTER_USERNAME} / {@code SCOUTER_PASSWORD} (default {@value #DEFAULT_USERNAME} / {@value
 * #DEFAULT_PASSWORD}, as upstream).
 *
 * <pre>{@code
 * TracerConfig.builder().transport(GrpcConfig.builder().uri("http://scouter:50051").build())
 * }</pre>
 */
public final class GrpcConfig implements TransportConfig {
  /** The transport name, {@value}. */
  public static final String TYPE = "grpc";
  /** Default server URI, {@value}. */
  public static final String DEFAULT_URI = "http://localhost:50051";
  /** Default user, {@value} (as upstream's gRPC settings). */
  public static final String DEFAULT_USERNAME = "guest";
  /** Default password, {@value}. */
  public static final String DEFAULT_PASSWORD = "guest";
  /** Default call timeout, 10 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final URI uri;
  private final String username;
  private final String password;
  private final Duration timeout;
  private final java.nio.file.Path trustStore;
  private final javax.net.ssl.TrustManager[] trustManagers;

  private GrpcConfig(Builder b) {
    this.uri = HttpConfig.parseUri(b.uri != null ? b.uri : Env.setting("scouter.grpc.uri", DEFAULT_URI, "SCOUTER_GRPC_URI"));
    this.username = b.username != null ? b.username : Env.setting("scouter.grpc.username", DEFAULT_USERNAME, "SCOUTER_USERNAME");
    this.password = b.password != null ? b.password : Env.setting("scouter.grpc.password", DEFAULT_PASSWORD, "SCOUTER_PASSWORD");
    this.timeout = b.timeout != null ? b.timeout : DEFAULT_TIMEOUT;
    this.trustStore = b.trustStore;
    this.trustManagers = b.trustStore == null ? null
        : io.scouter.tracing.internal.Tls.trustManagers(b.trustStore, b.trustStorePassword, b.trustStoreType);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return TYPE;
  }

  public URI uri() {
    return uri;
  }

  public String username() {
    return username;
  }

  /** The password; never logged. */
  public String password() {
    return password;
  }

  public Duration timeout() {
    return timeout;
  }

  /** The trust store file for an {@code https} URI, or {@code null} for the JVM's default trust roots. */
  public java.nio.file.Path trustStore() {
    return trustStore;
  }

  /** The trust managers of {@link #trustStore()}, or {@code null} for the JVM's default trust roots. */
  public javax.net.ssl.TrustManager[] trustManagers() {
    return trustManagers == null ? null : trustManagers.clone();
  }

  @Override
  public String toString() {
    return "GrpcConfig{uri=" + uri + ", username=" + username + ", password=****, timeout=" + timeout
        + (trustStore == null ? "" : ", trustStore=" + trustStore) + "}";
  }

  /** Builder for {@link GrpcConfig}. */
  public static final class Builder {
    private String uri;
    private String username;
    private String password;
    private Duration timeout;
    private java.nio.file.Path trustStore;
    private String trustStorePassword;
    private String trustStoreType;

    private Builder() {}

    /**
     * Trust exactly the certificates in this key store for an {@code https} URI (e.g. a server with a self-signed or
     * private-CA certificate) instead of the JVM's default trust roots; the password is never logged.
     *
     * <pre>{@code
     * GrpcConfig.builder().uri("https://scouter:50051")
     *     .trustStore(Path.of("/etc/scouter/truststore.p12"), trustStorePassword, "PKCS12").build();
     * }</pre>
     *
     * @param type the key store type ({@code PKCS12}, {@code JKS}); {@code null} for the JVM's default
     */
    public Builder trustStore(java.nio.file.Path path, String password, String type) {
      this.trustStore = java.util.Objects.requireNonNull(path, "path");
      this.trustStorePassword = password;
      this.trustStoreType = type;
      return this;
    }

    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public GrpcConfig build() {
      return new GrpcConfig(this);
    }
  }
}
