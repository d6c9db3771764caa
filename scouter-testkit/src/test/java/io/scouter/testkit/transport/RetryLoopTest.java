package io.scouter.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.devserver.ScouterDevGrpcServer;
import io.scouter.devserver.ScouterDevServer;
import io.scouter.testkit.LogCapture;
import io.scouter.tracing.GrpcConfig;
import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.TransportConfig;
import io.scouter.tracing.internal.transport.Transports;
import io.scouter.tracing.spi.MessageTransport;
import io.scouter.tracing.spi.MessageTransport.Outcome;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one retry loop ({@code RetryingTransport}) behaves the same for HTTP and gRPC, over real sockets to the dev
 * server: a revoked token costs one fresh login and one retry, a busy server is retried until it accepts (each message
 * once), a server that is down is retried within the timeout and then warned about once, naming the URI, never the
 * password, and a refused message is not retried.
 */
class RetryLoopTest {
  private static final String SECRET = "retry-loop-s3cret";
  private static final byte[] MESSAGE = "{\"records\":[{\"AgentEval\":{\"record\":{}}}]}"
      .getBytes(StandardCharsets.UTF_8);
  private ScouterDevServer dev;
  private ScouterDevGrpcServer grpc;
  private MessageTransport transport;

  @BeforeEach
  void start() {
    dev = ScouterDevServer.builder().user("ops", SECRET).build();
    grpc = ScouterDevGrpcServer.start(dev);
  }

  @AfterEach
  void stop() {
    if (transport != null) {
      transport.close();
    }
    grpc.close();
    dev.close();
  }

  private MessageTransport open(String type, String uri, Duration timeout) {
    TransportConfig config = type.equals("http")
        ? HttpConfig.builder().uri(uri).username("ops").password(SECRET).timeout(timeout).build()
        : GrpcConfig.builder().uri(uri).username("ops").password(SECRET).timeout(timeout).build();
    transport = Transports.create(config);
    return transport;
  }

  private MessageTransport open(String type) {
    return open(type, (type.equals("http") ? dev.httpUri() : grpc.uri()).toString(), Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "grpc"})
  void revokedToken_oneFreshLogin_oneRetry_delivered(String type) {
    MessageTransport t = open(type);
    assertThat(t.deliver(MESSAGE)).isEqualTo(Outcome.DELIVERED);
    assertThat(dev.logins()).isEqualTo(1);
    dev.revokeTokens();
    assertThat(t.deliver(MESSAGE)).isEqualTo(Outcome.DELIVERED);
    assertThat(dev.logins()).isEqualTo(2);
    assertThat(t.retries()).isEqualTo(1);
    assertThat(dev.records()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "grpc"})
  void busyServer_isRetriedWithBackoff_untilItAccepts_once(String type) {
    MessageTransport t = open(type);
    dev.failNext(2, 503);
    assertThat(t.deliver(MESSAGE)).isEqualTo(Outcome.DELIVERED);
    dev.failNext(1, 429);
    assertThat(t.deliver(MESSAGE)).isEqualTo(Outcome.DELIVERED);
    assertThat(t.retries()).isEqualTo(3);
    assertThat(dev.records()).as("each message stored once").hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "grpc"})
  void refusedMessage_isNotRetried(String type) {
    MessageTransport t = open(type);
    assertThat(t.deliver("{\"neither\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo(Outcome.REJECTED);
    assertThat(t.retries()).isZero();
    assertThat(dev.rejections()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "grpc"})
  void serverDown_retriedWithinTheTimeout_thenOneWarningNamingTheUri_neverThePassword(String type)
      throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String uri = "http://127.0.0.1:" + port;
    try (LogCapture logs = LogCapture.start()) {
      MessageTransport t = open(type, uri, Duration.ofMillis(800));
      assertThat(t.deliver(MESSAGE)).isEqualTo(Outcome.RETRYABLE);
      assertThat(t.retries()).as("attempts repeated within the timeout").isPositive();
      assertThat(logs.records()).filteredOn(r -> r.contains("Scouter server unreachable at " + uri + " ("))
          .as("the shared loop's warning").hasSize(1).allSatisfy(r -> assertThat(r).contains("for 800 ms"));
      logs.assertNoneContain(SECRET);
      assertThat(t.deliver(MESSAGE)).isEqualTo(Outcome.RETRYABLE);
      assertThat(logs.records()).filteredOn(r -> r.contains("unreachable")).as("rate-limited").hasSize(1);
    }
  }
}
