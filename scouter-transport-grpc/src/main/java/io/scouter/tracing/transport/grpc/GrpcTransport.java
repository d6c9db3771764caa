package io.scouter.tracing.transport.grpc;

import com.google.protobuf.ByteString;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.scouter.tracing.GrpcConfig;
import io.scouter.tracing.internal.Tls;
import io.scouter.tracing.internal.transport.RetryingTransport;
import io.scouter.tracing.transport.grpc.internal.v1.AuthServiceGrpc;
import io.scouter.tracing.transport.grpc.internal.v1.InsertMessageRequest;
import io.scouter.tracing.transport.grpc.internal.v1.InsertMessageResponse;
import io.scouter.tracing.transport.grpc.internal.v1.LoginRequest;
import io.scouter.tracing.transport.grpc.internal.v1.LoginResponse;
import io.scouter.tracing.transport.grpc.internal.v1.MessageServiceGrpc;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * Sends Scouter messages over gRPC as Scouter's own client does: {@code AuthService/Login} (status must be
 * {@code "success"}), then {@code MessageService/InsertMessage} with metadata {@code authorization: Bearer <token>},
 * adopting a token the server hands back in {@code x-refreshed-token}. Beyond upstream (which never retries) it logs
 * in again once on {@code UNAUTHENTICATED} and retries {@code UNAVAILABLE}, {@code RESOURCE_EXHAUSTED} and
 * {@code DEADLINE_EXCEEDED} in the shared {@link RetryingTransport} loop within {@link GrpcConfig#timeout()}; what still
 * fails is reported {@link Outcome#RETRYABLE} so that the exporter keeps the spans. {@code INVALID_ARGUMENT} and
 * other client-side errors are {@link Outcome#REJECTED} at once. Credentials and tokens never reach a log line. Runs
 * on the export worker thread. Not a public API.
 */
final class GrpcTransport extends RetryingTransport {
  private static final Logger LOG = Logger.getLogger(GrpcTransport.class.getName());
  /**
   * Both tonic (the Scouter server) and grpc-java accept at most 4 MiB per decoded message; the margin covers the
   * protobuf framing of {@code message_record} (tag and length, at most 6 bytes) with room to spare.
   */
  static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024 - 4096;
  static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> REFRESHED_TOKEN =
      Metadata.Key.of("x-refreshed-token", Metadata.ASCII_STRING_MARSHALLER);
  private static final long CLOSE_WAIT_MS = 2_000;

  private final GrpcConfig config;
  private final ManagedChannel channel;
  private final AtomicReference<String> token = new AtomicReference<>();

  GrpcTransport(GrpcConfig config) {
    super(LOG, config.uri(), config.timeout(), "scouter.grpc.truststore", "GrpcConfig.trustStore");
    this.config = config;
    this.channel = channel(config.uri(), config.trustManagers());
  }

  /**
   * A channel for {@code http://host[:port]} (plaintext) or {@code https://host[:port]} (TLS: the JDK trust roots, or
   * exactly {@code trusted} when given). An {@code https} URI is never downgraded to plaintext.
   */
  static ManagedChannel channel(URI uri, javax.net.ssl.TrustManager[] trusted) {
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
    ChannelCredentials credentials = !tls ? InsecureChannelCredentials.create()
        : trusted == null ? TlsChannelCredentials.create()
        : TlsChannelCredentials.newBuilder().trustManager(trusted).build();
    // building a channel does no I/O: it resolves and connects on the first call
    return Grpc.newChannelBuilderForAddress(uri.getHost(), port, credentials)
        .userAgent("scouter-tracing-java")
        .build();
  }

  @Override
  public int maxMessageBytes() {
    return MAX_MESSAGE_BYTES;
  }

  @Override
  protected void beforeDelivery() {
    if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
      // the exporter paces its retries of held batches; don't let the channel's reconnect timer fail this one fast
      channel.resetConnectBackoff();
    }
  }

  @Override
  protected void reconnect() {
    // the shared backoff paces the attempts; don't let the channel's reconnect timer fail the next one fast
    channel.resetConnectBackoff();
  }

  /**
   * One insert: delivered; worth retrying (unreachable, busy, timed out); left to the exporter (login refused, server
   * error); or refused for good ({@code INVALID_ARGUMENT}, a token refused right after a fresh login, and other
   * client-side errors).
   */
  @Override
  protected Attempt attempt(byte[] message, long deadline, boolean relogged) {
    String used = null;
    AtomicReference<Metadata> headers = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    try {
      used = token.get();
      if (used == null) {
        used = login(deadline);
        if (used == null) {
          return Attempt.LATER;
        }
      }
      Metadata auth = new Metadata();
      auth.put(AUTHORIZATION, "Bearer " + used);
      InsertMessageResponse response = MessageServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(remainingNanos(deadline), TimeUnit.NANOSECONDS)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth),
              MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
          .insertMessage(InsertMessageRequest.newBuilder().setMessageRecord(ByteString.copyFrom(message)).build());
      adoptRefreshedToken(used, headers.get(), trailers.get());
      if (!"success".equals(response.getStatus())) {
        errors.warn("Scouter server did not accept a message: status '" + snippet(response.getStatus()) + "' "
            + snippet(response.getMessage()));
        return Attempt.REJECTED;
      }
      return Attempt.DELIVERED;
    } catch (StatusRuntimeException e) {
      adoptRefreshedToken(used, headers.get(), e.getTrailers());
      Status status = e.getStatus();
      switch (status.getCode()) {
        case UNAUTHENTICATED:
          if (!relogged && used != null) {
            token.compareAndSet(used, null);
            return Attempt.RELOGIN;
          }
          errors.warn("Scouter server refused the token for user '" + config.username() + "' right after a login: "
              + describe(status));
          return Attempt.REJECTED;
        case UNAVAILABLE:
          SSLException tls = Tls.tlsFailure(e);
          return Attempt.unreachable(tls != null ? redact(Tls.oneLine(tls)) : describe(status), tls != null);
        case DEADLINE_EXCEEDED:
          return Attempt.retry(describe(status));
        case RESOURCE_EXHAUSTED:
          if (tooLarge(status)) {
            errors.warn("Scouter server rejected a message as too large: " + describe(status));
            return Attempt.REJECTED;
          }
          return Attempt.retry(describe(status));
        case INVALID_ARGUMENT:
        case OUT_OF_RANGE:
        case PERMISSION_DENIED:
        case NOT_FOUND:
        case UNIMPLEMENTED:
        case FAILED_PRECONDITION:
        case ALREADY_EXISTS:
          errors.warn("Scouter server rejected a message: " + describe(status));
          return Attempt.REJECTED;
        default: // INTERNAL, UNKNOWN, ABORTED, DATA_LOSS, CANCELLED: the server's trouble; the exporter retries later
          if (!closed()) {
            errors.warn("Scouter server failed a message: " + describe(status)
                + "; the message (spans or queue records) is kept and retried");
          }
          return Attempt.LATER;
      }
    }
  }

  /** grpc-java's answer to a message over the receiver's limit (tonic answers {@code OUT_OF_RANGE}). */
  private static boolean tooLarge(Status status) {
    String d = status.getDescription();
    return d != null && (d.contains("exceeds maximum") || d.contains("too large"));
  }

  /**
   * Logs in; the new token, or {@code null} when the server refused the credentials (warned). Transient failures
   * ({@code UNAVAILABLE}, ...) propagate so that the caller retries them.
   */
  private String login(long deadline) {
    LoginResponse response;
    try {
      response = AuthServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(remainingNanos(deadline), TimeUnit.NANOSECONDS)
          .login(LoginRequest.newBuilder().setUsername(nullToEmpty(config.username()))
              .setPassword(nullToEmpty(config.password())).build());
    } catch (StatusRuntimeException e) {
      switch (e.getStatus().getCode()) {
        case UNAVAILABLE:
        case RESOURCE_EXHAUSTED:
        case DEADLINE_EXCEEDED:
          throw e;
        default:
          errors.warn("Scouter login failed for user '" + config.username() + "': " + describe(e.getStatus()));
          return null;
      }
    }
    if (!"success".equals(response.getStatus())) {
      errors.warn("Scouter login failed for user '" + config.username() + "': status '"
          + redact(snippet(response.getStatus())) + "' " + redact(snippet(response.getMessage())));
      return null;
    }
    if (response.getToken().isEmpty()) {
      errors.warn("Scouter login answered without a token");
      return null;
    }
    token.set(response.getToken());
    return response.getToken();
  }

  /** Takes {@code x-refreshed-token} (bare or {@code Bearer }-prefixed) from the response headers or trailers. */
  private void adoptRefreshedToken(String used, Metadata headers, Metadata trailers) {
    String fresh = headers == null ? null : headers.get(REFRESHED_TOKEN);
    if (fresh == null && trailers != null) {
      fresh = trailers.get(REFRESHED_TOKEN);
    }
    if (fresh == null) {
      return;
    }
    fresh = fresh.trim();
    if (fresh.regionMatches(true, 0, "Bearer ", 0, 7)) {
      fresh = fresh.substring(7).trim();
    }
    if (!fresh.isEmpty() && used != null) {
      token.compareAndSet(used, fresh);
    }
  }

  private String describe(Status status) {
    String d = status.getDescription();
    return status.getCode() + (d == null || d.isEmpty() ? "" : " " + redact(snippet(d)));
  }

  /** Never lets the configured password through, should a server echo it. */
  private String redact(String text) {
    String pw = config.password();
    return pw == null || pw.isEmpty() ? text : text.replace(pw, "****");
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Later sends fail; waits a bounded time for calls in flight, then cuts them. */
  @Override
  public void close() {
    super.close();
    channel.shutdown();
    try {
      if (!channel.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
