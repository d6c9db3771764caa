package io.scouter.tracing.transport.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
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
import io.scouter.tracing.GrpcConfig;
import io.scouter.tracing.spi.MessageTransport;
import io.scouter.tracing.spi.TransportProvider;
import io.scouter.tracing.transport.grpc.internal.v1.AuthServiceGrpc;
import io.scouter.tracing.transport.grpc.internal.v1.InsertMessageRequest;
import io.scouter.tracing.transport.grpc.internal.v1.InsertMessageResponse;
import io.scouter.tracing.transport.grpc.internal.v1.LoginRequest;
import io.scouter.tracing.transport.grpc.internal.v1.LoginResponse;
import io.scouter.tracing.transport.grpc.internal.v1.MessageServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport alone over real loopback gRPC against a small scripted server (the dev server with strict decoding
 * lives in the testkit, which depends on this module; the end-to-end tests are there).
 */
class GrpcTransportTest {
  private static final byte[] MESSAGE = "{\"request\":{\"resourceSpans\":[]}}".getBytes(StandardCharsets.UTF_8);
  private static final Context.Key<String> AUTH = Context.key("auth");

  private final List<String> authHeaders = new CopyOnWriteArrayList<>();
  private final List<byte[]> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger logins = new AtomicInteger();
  private volatile String loginStatus = "success";
  /** Answers each InsertMessage from its authorization header: null accepts, else the status to fail with. */
  private volatile Function<String, Status> verdict = auth -> null;
  private volatile String refreshedTokenHeader;
  private volatile long delayMs;
  private Server server;
  private GrpcTransport transport;
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final Handler logCapture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logLines.add(r.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void start() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
        .addService(authService())
        .addService(messageService())
        .build().start();
    Logger.getLogger("io.scouter").addHandler(logCapture);
  }

  /** Login: admin/pw gets token-N (N = login count) with status {@link #loginStatus}; else UNAUTHENTICATED. */
  private AuthServiceGrpc.AuthServiceImplBase authService() {
    return new AuthServiceGrpc.AuthServiceImplBase() {
      @Override
      public void login(LoginRequest request, StreamObserver<LoginResponse> response) {
        int n = logins.incrementAndGet();
        if (!"admin".equals(request.getUsername()) || !"pw".equals(request.getPassword())) {
          response.onError(Status.UNAUTHENTICATED.withDescription("Invalid credentials").asRuntimeException());
          return;
        }
        response.onNext(LoginResponse.newBuilder().setToken("token-" + n).setStatus(loginStatus)
            .setMessage("Login successful").build());
        response.onCompleted();
      }
    };
  }

  /** InsertMessage: records the authorization header, answers by {@link #verdict}, sends {@link #refreshedTokenHeader}. */
  private io.grpc.ServerServiceDefinition messageService() {
    ServerInterceptor readAuth = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        return Contexts.interceptCall(Context.current().withValue(AUTH, headers.get(GrpcTransport.AUTHORIZATION)),
            call, headers, next);
      }
    };
    ServerInterceptor refresh = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<Q, R>(call) {
          @Override
          public void sendHeaders(Metadata h) {
            String t = refreshedTokenHeader;
            if (t != null) {
              h.put(GrpcTransport.REFRESHED_TOKEN, t);
            }
            super.sendHeaders(h);
          }
        }, headers);
      }
    };
    return ServerInterceptors.intercept(new MessageServiceGrpc.MessageServiceImplBase() {
      @Override
      public void insertMessage(InsertMessageRequest request, StreamObserver<InsertMessageResponse> response) {
        String header = AUTH.get();
        authHeaders.add(String.valueOf(header));
        sleep(delayMs);
        Status failure = verdict.apply(header);
        if (failure != null) {
          response.onError(failure.asRuntimeException());
          return;
        }
        received.add(request.getMessageRecord().toByteArray());
        response.onNext(InsertMessageResponse.newBuilder().setStatus("success")
            .setMessage("Message queued for processing").build());
        response.onCompleted();
      }
    }, readAuth, refresh);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (transport != null) {
      transport.close();
    }
    server.shutdownNow().awaitTermination();
    Logger.getLogger("io.scouter").removeHandler(logCapture);
  }

  private GrpcTransport transport(String scheme, String password, Duration timeout) {
    transport = new GrpcTransport(GrpcConfig.builder().uri(scheme + "://127.0.0.1:" + server.getPort())
        .username("admin").password(password).timeout(timeout).build());
    return transport;
  }

  private GrpcTransport transport() {
    return transport("http", "pw", Duration.ofSeconds(5));
  }

  private static void sleep(long ms) {
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void providerIsFoundByServiceLoader_forTypeGrpc() {
    List<TransportProvider> providers = StreamSupport.stream(ServiceLoader.load(TransportProvider.class).spliterator(),
        false).filter(p -> p.type().equals("grpc")).collect(Collectors.toList());
    assertThat(providers).singleElement().isInstanceOf(GrpcTransportProvider.class);
    assertThat(providers.get(0).artifact()).isEqualTo("io.scouter:scouter-transport-grpc");
    try (MessageTransport t = providers.get(0).create(GrpcConfig.builder().uri("http://127.0.0.1:1").build())) {
      assertThat(t.maxMessageBytes()).isLessThan(4 * 1024 * 1024).isGreaterThan(4 * 1024 * 1024 - 64 * 1024);
    }
  }

  @Test
  void logsInLazilyOnce_andSendsTheMessageBytesWithTheBearerToken() {
    GrpcTransport t = transport();
    assertThat(logins.get()).as("no I/O before the first send").isZero();
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.DELIVERED);
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.DELIVERED);
    assertThat(logins.get()).isEqualTo(1);
    assertThat(authHeaders).containsExactly("Bearer token-1", "Bearer token-1");
    assertThat(received).hasSize(2);
    assertThat(new String(received.get(0), StandardCharsets.UTF_8)).isEqualTo(new String(MESSAGE,
        StandardCharsets.UTF_8));
    assertThat(t.retries()).isZero();
  }

  @Test
  void loginStatusOtherThanSuccess_isAFailure() {
    loginStatus = "error";
    assertThat(transport().deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.RETRYABLE);
    assertThat(received).isEmpty();
    assertThat(authHeaders).isEmpty();
    assertThat(logLines).anyMatch(l -> l.contains("login failed") && l.contains("error"));
  }

  @Test
  void refreshedToken_bareOrBearerPrefixed_isAdopted() {
    GrpcTransport t = transport();
    refreshedTokenHeader = "fresh-1";
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.DELIVERED);
    refreshedTokenHeader = "Bearer fresh-2";
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.DELIVERED);
    refreshedTokenHeader = null;
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.DELIVERED);
    assertThat(authHeaders).containsExactly("Bearer token-1", "Bearer fresh-1", "Bearer fresh-2");
    assertThat(logins.get()).isEqualTo(1);
  }

  @Test
  void unauthenticated_logsInAgainOnce_thenGivesUp() {
    GrpcTransport t = transport();
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.DELIVERED);
    verdict = auth -> "Bearer token-1".equals(auth) ? Status.UNAUTHENTICATED.withDescription("Token refresh failed")
        : null;
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.DELIVERED);
    assertThat(logins.get()).isEqualTo(2);
    assertThat(t.retries()).isEqualTo(1);
    verdict = auth -> Status.UNAUTHENTICATED;
    assertThat(t.deliver(MESSAGE)).as("refused right after a fresh login").isEqualTo(MessageTransport.Outcome.REJECTED);
    assertThat(logins.get()).isEqualTo(3);
  }

  @Test
  void invalidArgument_isNotRetried_andTheServersDescriptionIsWarned() {
    verdict = auth -> Status.INVALID_ARGUMENT.withDescription("Invalid message format: missing field `request`");
    GrpcTransport t = transport();
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.REJECTED);
    assertThat(authHeaders).hasSize(1);
    assertThat(t.retries()).isZero();
    assertThat(logLines).anyMatch(l -> l.contains("INVALID_ARGUMENT") && l.contains("missing field `request`"));
  }

  @Test
  void resourceExhaustedAndUnavailable_areRetriedWithBackoff() {
    AtomicInteger calls = new AtomicInteger();
    verdict = auth -> {
      int n = calls.incrementAndGet();
      return n == 1 ? Status.RESOURCE_EXHAUSTED.withDescription("Service busy, retry later")
          : n == 2 ? Status.UNAVAILABLE : null;
    };
    GrpcTransport t = transport();
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.DELIVERED);
    assertThat(received).hasSize(1);
    assertThat(t.retries()).isEqualTo(2);
  }

  @Test
  void internal_isNotRetriedNow_butLeftToTheExportersRetry() {
    verdict = auth -> Status.INTERNAL.withDescription("Failed to enqueue message");
    GrpcTransport t = transport();
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.RETRYABLE);
    assertThat(authHeaders).hasSize(1);
    assertThat(logLines).anyMatch(l -> l.contains("INTERNAL"));
  }

  @Test
  void slowServer_isBoundedByTheTimeout() {
    delayMs = 3_000;
    GrpcTransport t = transport("http", "pw", Duration.ofMillis(400));
    long start = System.nanoTime();
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.RETRYABLE);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
    assertThat(logLines).anyMatch(l -> l.contains("DEADLINE_EXCEEDED") || l.contains("timeout"));
  }

  @Test
  void wrongPassword_failsWithoutRetrying_andNeverLogsIt() {
    String secret = "S3cr3t-grpc-Zq81";
    GrpcTransport t = transport("http", secret, Duration.ofSeconds(2));
    assertThat(t.deliver(MESSAGE)).as("credentials may be fixed on the server").isEqualTo(
        MessageTransport.Outcome.RETRYABLE);
    assertThat(t.deliver(MESSAGE)).isNotEqualTo(MessageTransport.Outcome.DELIVERED);
    assertThat(logins.get()).isEqualTo(2);
    assertThat(t.retries()).isZero();
    assertThat(logLines).anyMatch(l -> l.contains("login failed for user 'admin'"));
    assertThat(String.join("\n", logLines)).doesNotContain(secret);
  }

  @Test
  void httpsMeansTls_soAPlaintextServerIsNotReached() {
    GrpcTransport t = transport("https", "pw", Duration.ofMillis(500));
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.RETRYABLE);
    assertThat(logins.get()).isZero();
  }

  @Test
  void serverDown_isRetryable_andTheSameTransportDeliversOnceTheServerIsBack() throws IOException {
    int port = server.getPort();
    server.shutdownNow();
    GrpcTransport t = new GrpcTransport(GrpcConfig.builder().uri("http://127.0.0.1:" + port).username("admin")
        .password("pw").timeout(Duration.ofMillis(1500)).build());
    transport = t;
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.RETRYABLE);
    assertThat(t.retries()).isPositive();
    // refused connections surface as UNAVAILABLE; on a loaded machine the deadline may pass first
    assertThat(logLines).anyMatch(l -> l.contains("unreachable") && (l.contains("UNAVAILABLE") || l.contains("timeout")
        || l.contains("DEADLINE_EXCEEDED")));
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port), InsecureServerCredentials.create())
        .addService(authService()).addService(messageService()).build().start();
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.DELIVERED);
    assertThat(received).hasSize(1);
  }

  @Test
  void close_isBounded_andLaterSendsFail() {
    GrpcTransport t = transport();
    assertThat(t.deliver(MESSAGE)).isEqualTo(MessageTransport.Outcome.DELIVERED);
    long start = System.nanoTime();
    t.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(t.deliver(MESSAGE)).isNotEqualTo(MessageTransport.Outcome.DELIVERED);
    assertThat(received).hasSize(1);
  }
}
