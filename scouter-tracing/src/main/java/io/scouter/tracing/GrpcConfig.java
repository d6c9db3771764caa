package io.scouter.tracing;

import io.scouter.tracing.internal.transport.ServerEndpoint;
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
  public static final Duration DEFAULT_TIMEOUT = ServerEndpoint.DEFAULT_TIMEOUT;

  private final ServerEndpoint endpoint;

  private GrpcConfig(Builder b) {
    this.endpoint = ServerEndpoint.of(ServerEndpoint.GRPC, b.endpoint);
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

  public Duration timeout() {
    return endpoint.timeout();
  }

  /** The trust store file for an {@code https} URI, or {@code null} for the JVM's default trust roots. */
  public java.nio.file.Path trustStore() {
    return endpoint.trustStore();
  }

  /** The trust managers of {@link #trustStore()}, or {@code null} for the JVM's default trust roots. */
  public javax.net.ssl.TrustManager[] trustManagers() {
    return endpoint.trustManagers();
  }

  @Override
  public String toString() {
    return "GrpcConfig{uri=" + uri() + ", username=" + username() + ", password=****, timeout=" + timeout()
        + (trustStore() == null ? "" : ", trustStore=" + trustStore()) + "}";
  }

  /** Builder for {@link GrpcConfig}. */
  public static final class Builder {
    private final ServerEndpoint.Draft endpoint = new ServerEndpoint.Draft();

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
      endpoint.trustStore(path, password, type);
      return this;
    }

    public Builder uri(String uri) {
      endpoint.uri(uri);
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

    public Builder timeout(Duration timeout) {
      endpoint.timeout(timeout);
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the key ({@code scouter.grpc.uri}, ...) for an invalid URI or timeout,
     *     or a trust store that cannot be loaded
     */
    public GrpcConfig build() {
      return new GrpcConfig(this);
    }
  }
}
