package io.scouter.devserver;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.scouter.tracing.transport.grpc.internal.v1.AuthServiceGrpc;
import io.scouter.tracing.transport.grpc.internal.v1.InsertMessageRequest;
import io.scouter.tracing.transport.grpc.internal.v1.InsertMessageResponse;
import io.scouter.tracing.transport.grpc.internal.v1.LoginRequest;
import io.scouter.tracing.transport.grpc.internal.v1.LoginResponse;
import io.scouter.tracing.transport.grpc.internal.v1.MessageServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A gRPC front end for a {@link ScouterDevServer}: a real grpc-java server on a free loopback port that answers
 * {@code scouter.grpc.v1.AuthService/Login} and {@code scouter.grpc.v1.MessageService/InsertMessage} the way the
 * Scouter server does, sharing the dev server's users, tokens, failure modes and store.
 *
 * <pre>{@code
 * try (ScouterDevServer dev = ScouterDevServer.start(); ScouterDevGrpcServer grpc = ScouterDevGrpcServer.start(dev)) {
 *   TracerConfig config = TracerConfig.builder()
 *       .transport(GrpcConfig.builder().uri(grpc.uri().toString()).username("admin").password("admin").build())
 *       .build();
 *   ...
 *   dev.awaitSpans(3, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Answers: Login → {@code {token, status:"success", message:"Login successful"}}, or {@code UNAUTHENTICATED
 * "Invalid credentials"}. InsertMessage (metadata {@code authorization: Bearer <token>}) → {@code {status:"success",
 * message:"Message queued for processing"}}; {@code UNAUTHENTICATED} (missing, unknown or revoked token);
 * {@code INVALID_ARGUMENT "Invalid message format: …"}; {@code RESOURCE_EXHAUSTED "Service busy, retry later"}
 * (the dev server's 429 failures and rate limit); {@code UNAVAILABLE} (503 failures, and {@code "connection closed"}
 * for {@link ScouterDevServer#closeConnectionsNext}); {@code INTERNAL} (500 failures). When an expired token was
 * refreshed, the response carries {@code x-refreshed-token: Bearer <new token>} (as the server's interceptor writes
 * it) in its headers, or in its trailers when the call failed. The dev server's {@code delayResponses} applies to its
 * HTTP front end only.
 */
public final class ScouterDevGrpcServer implements AutoCloseable {
  /** Request metadata with the bearer token. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  /** Response metadata with a refreshed token. */
  public static final Metadata.Key<String> REFRESHED_TOKEN =
      Metadata.Key.of("x-refreshed-token", Metadata.ASCII_STRING_MARSHALLER);

  private static final Context.Key<String> TOKEN = Context.key("scouter-dev-token");
  private static final Context.Key<AtomicReference<String>> REFRESHED = Context.key("scouter-dev-refreshed");
  private static final String LOOPBACK = "127.0.0.1";
  private static final String HTTP_INVALID_PREFIX = "Failed to deserialize the JSON body into the target type: ";

  private final ScouterDevServer devServer;
  private final Server server;
  private final boolean tls;

  private final String host;

  private ScouterDevGrpcServer(ScouterDevServer devServer, String host, int port,
      javax.net.ssl.KeyManager[] keyManagers) throws IOException {
    this.devServer = devServer;
    this.host = host;
    this.tls = keyManagers != null;
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port), keyManagers == null
        ? InsecureServerCredentials.create()
        : io.grpc.TlsServerCredentials.newBuilder().keyManager(keyManagers).build())
        .addService(new Auth())
        .addService(ServerInterceptors.intercept(new Messages(), new BearerInterceptor()))
        .build()
        .start();
  }

  /** Starts on a free loopback port, in front of {@code devServer}. */
  public static ScouterDevGrpcServer start(ScouterDevServer devServer) {
    return start(devServer, 0);
  }

  /** Starts on loopback {@code port} (0 for a free one), e.g. to bring a "down" server back on its old port. */
  public static ScouterDevGrpcServer start(ScouterDevServer devServer, int port) {
    return start(devServer, LOOPBACK, port, null);
  }

  /**
   * Starts on {@code host} (e.g. {@code 0.0.0.0} to accept calls from other machines) and {@code port} (0 for a free
   * one).
   */
  public static ScouterDevGrpcServer start(ScouterDevServer devServer, String host, int port) {
    return start(devServer, java.util.Objects.requireNonNull(host, "host"), port, null);
  }

  /**
   * Starts on loopback {@code port} (0 for a free one), serving TLS only with the certificate of {@code keyManagers}
   * (e.g. {@code SelfSignedCertificate.keyManagers()}); {@link #uri()} is then {@code https://127.0.0.1:<port>}.
   */
  public static ScouterDevGrpcServer startTls(ScouterDevServer devServer, int port,
      javax.net.ssl.KeyManager[] keyManagers) {
    return start(devServer, LOOPBACK, port, java.util.Objects.requireNonNull(keyManagers, "keyManagers"));
  }

  private static ScouterDevGrpcServer start(ScouterDevServer devServer, String host, int port,
      javax.net.ssl.KeyManager[] keyManagers) {
    try {
      return new ScouterDevGrpcServer(devServer, host, port, keyManagers);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Scouter dev gRPC server: " + e.getMessage(), e);
    }
  }

  /** The URI for {@code scouter.grpc.uri}, e.g. {@code http://127.0.0.1:41234} ({@code https} with TLS). */
  public URI uri() {
    return URI.create((tls ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  public int port() {
    return server.getPort();
  }

  /** The dev server behind this front end. */
  public ScouterDevServer devServer() {
    return devServer;
  }

  /** Stops accepting calls and cuts those in flight after a short grace period. */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(1, TimeUnit.SECONDS)) {
        server.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private final class Auth extends AuthServiceGrpc.AuthServiceImplBase {
    @Override
    public void login(LoginRequest request, StreamObserver<LoginResponse> response) {
      String token = devServer.login(request.getUsername(), request.getPassword());
      if (token == null) {
        response.onError(Status.UNAUTHENTICATED.withDescription("Invalid credentials").asRuntimeException());
        return;
      }
      response.onNext(LoginResponse.newBuilder().setToken(token).setStatus("success").setMessage("Login successful")
          .build());
      response.onCompleted();
    }
  }

  private final class Messages extends MessageServiceGrpc.MessageServiceImplBase {
    @Override
    public void insertMessage(InsertMessageRequest request, StreamObserver<InsertMessageResponse> response) {
      String token = TOKEN.get();
      ScouterDevServer.Result r = devServer.ingest(request.getMessageRecord().toByteArray(), token);
      if (r.refreshedToken() != null) {
        REFRESHED.get().set(r.refreshedToken());
      }
      Status error;
      switch (r.status()) {
        case ACCEPTED:
          response.onNext(InsertMessageResponse.newBuilder().setStatus("success")
              .setMessage("Message queued for processing").build());
          response.onCompleted();
          return;
        case UNAUTHENTICATED:
          error = Status.UNAUTHENTICATED.withDescription(token == null ? "Missing authorization token"
              : "Token refresh failed");
          break;
        case INVALID:
          String detail = r.detail() == null ? "" : r.detail();
          if (detail.startsWith(HTTP_INVALID_PREFIX)) {
            detail = detail.substring(HTTP_INVALID_PREFIX.length());
          }
          error = Status.INVALID_ARGUMENT.withDescription("Invalid message format: " + detail);
          break;
        case BUSY:
          error = Status.RESOURCE_EXHAUSTED.withDescription("Service busy, retry later");
          break;
        case UNAVAILABLE:
          error = Status.UNAVAILABLE.withDescription(r.detail());
          break;
        case DROP_CONNECTION:
          error = Status.UNAVAILABLE.withDescription("connection closed");
          break;
        default:
          error = Status.INTERNAL.withDescription("Failed to enqueue message");
      }
      response.onError(error.asRuntimeException());
    }
  }

  /**
   * Reads {@code authorization: Bearer <token>} into the call's context and writes a refreshed token into the
   * response headers (or trailers, for a call that fails before sending headers).
   */
  private static final class BearerInterceptor implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      String auth = headers.get(AUTHORIZATION);
      String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
      AtomicReference<String> refreshed = new AtomicReference<>();
      ServerCall<Q, R> withToken = new SimpleForwardingServerCall<Q, R>(call) {
        private boolean headersSent;

        @Override
        public void sendHeaders(Metadata responseHeaders) {
          headersSent = true;
          addRefreshed(responseHeaders);
          super.sendHeaders(responseHeaders);
        }

        @Override
        public void close(Status status, Metadata trailers) {
          if (!headersSent) {
            addRefreshed(trailers);
          }
          super.close(status, trailers);
        }

        private void addRefreshed(Metadata md) {
          String t = refreshed.get();
          if (t != null) {
            md.put(REFRESHED_TOKEN, "Bearer " + t);
          }
        }
      };
      Context context = Context.current().withValues(TOKEN, token, REFRESHED, refreshed);
      return Contexts.interceptCall(context, withToken, headers, next);
    }
  }
}
