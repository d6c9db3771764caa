package io.scouter.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.scouter.tracing.transport.grpc.internal.v1.AuthServiceGrpc;
import io.scouter.tracing.transport.grpc.internal.v1.InsertMessageRequest;
import io.scouter.tracing.transport.grpc.internal.v1.InsertMessageResponse;
import io.scouter.tracing.transport.grpc.internal.v1.LoginRequest;
import io.scouter.tracing.transport.grpc.internal.v1.LoginResponse;
import io.scouter.tracing.transport.grpc.internal.v1.MessageServiceGrpc;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dev gRPC front end alone, driven with the raw generated stubs. */
class ScouterDevGrpcServerTest {
  private static final String TRACE = "{\"request\":{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":"
      + "\"service.name\",\"value\":{\"stringValue\":\"raw\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"raw\"},"
      + "\"spans\":[{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\","
      + "\"traceState\":\"\",\"parentSpanId\":\"\",\"flags\":257,\"name\":\"raw-span\",\"kind\":2,"
      + "\"startTimeUnixNano\":\"1700000000000000000\",\"endTimeUnixNano\":\"1700000000100000000\","
      + "\"attributes\":[],\"droppedAttributesCount\":0,\"events\":[],\"droppedEventsCount\":0,\"links\":[],"
      + "\"droppedLinksCount\":0,\"status\":{\"message\":\"\",\"code\":0}}],\"schemaUrl\":\"\"}],"
      + "\"schemaUrl\":\"\"}]}}";

  private ScouterDevServer devServer;
  private ScouterDevGrpcServer grpcServer;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    devServer = ScouterDevServer.start();
    grpcServer = ScouterDevGrpcServer.start(devServer);
    channel = Grpc.newChannelBuilderForAddress("127.0.0.1", grpcServer.port(), InsecureChannelCredentials.create())
        .build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
    grpcServer.close();
    devServer.close();
  }

  private String login() {
    LoginResponse r = AuthServiceGrpc.newBlockingStub(channel)
        .login(LoginRequest.newBuilder().setUsername("admin").setPassword("admin").build());
    assertThat(r.getStatus()).isEqualTo("success");
    assertThat(r.getToken()).isNotEmpty();
    return r.getToken();
  }

  private MessageServiceGrpc.MessageServiceBlockingStub messages(String token, AtomicReference<Metadata> headers,
      AtomicReference<Metadata> trailers) {
    Metadata md = new Metadata();
    if (token != null) {
      md.put(ScouterDevGrpcServer.AUTHORIZATION, "Bearer " + token);
    }
    return MessageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md),
            MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));
  }

  private static InsertMessageRequest request(String json) {
    return InsertMessageRequest.newBuilder().setMessageRecord(ByteString.copyFrom(json, StandardCharsets.UTF_8))
        .build();
  }

  @Test
  void uriIsLoopbackHttp() {
    assertThat(grpcServer.uri().toString()).isEqualTo("http://127.0.0.1:" + grpcServer.port());
    assertThat(grpcServer.port()).isPositive();
  }

  @Test
  void validTraceMessage_isQueued_andStored() {
    InsertMessageResponse r = messages(login(), new AtomicReference<>(), new AtomicReference<>())
        .insertMessage(request(TRACE));
    assertThat(r.getStatus()).isEqualTo("success");
    assertThat(r.getMessage()).isEqualTo("Message queued for processing");
    assertThat(devServer.spans()).singleElement().satisfies(s -> {
      assertThat(s.spanName()).isEqualTo("raw-span");
      assertThat(s.spanKind()).isEqualTo("SERVER");
      assertThat(s.serviceName()).isEqualTo("raw");
    });
  }

  @Test
  void invalidJson_isInvalidArgument() {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
        () -> messages(login(), new AtomicReference<>(), new AtomicReference<>()).insertMessage(request("{not json")));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription()).startsWith("Invalid message format: ");
    assertThat(devServer.rejections()).hasSize(1);
    assertThat(devServer.spans()).isEmpty();
  }

  @Test
  void noToken_isUnauthenticated() {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
        () -> messages(null, new AtomicReference<>(), new AtomicReference<>()).insertMessage(request(TRACE)));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(e.getStatus().getDescription()).isEqualTo("Missing authorization token");
    StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class,
        () -> messages("forged", new AtomicReference<>(), new AtomicReference<>()).insertMessage(request(TRACE)));
    assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(devServer.spans()).isEmpty();
  }

  @Test
  void badCredentials_areUnauthenticated() {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
        () -> AuthServiceGrpc.newBlockingStub(channel)
            .login(LoginRequest.newBuilder().setUsername("admin").setPassword("nope").build()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(devServer.logins()).isEqualTo(1);
  }

  @Test
  void expiredToken_isServed_withXRefreshedTokenInTheResponseHeaders() {
    String token = login();
    devServer.expireTokens();
    AtomicReference<Metadata> headers = new AtomicReference<>();
    InsertMessageResponse r = messages(token, headers, new AtomicReference<>()).insertMessage(request(TRACE));
    assertThat(r.getStatus()).isEqualTo("success");
    String refreshed = headers.get().get(ScouterDevGrpcServer.REFRESHED_TOKEN);
    assertThat(refreshed).startsWith("Bearer ").isNotEqualTo("Bearer " + token);
    // the old token is gone, the refreshed one works
    StatusRuntimeException old = catchThrowableOfType(StatusRuntimeException.class,
        () -> messages(token, new AtomicReference<>(), new AtomicReference<>()).insertMessage(request(TRACE)));
    assertThat(old.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(messages(refreshed.substring(7), new AtomicReference<>(), new AtomicReference<>())
        .insertMessage(request(TRACE)).getStatus()).isEqualTo("success");
  }

  @Test
  void failureModes_mapToGrpcStatusCodes_andARefreshedTokenRidesOnTheTrailers() {
    String token = login();
    devServer.failNext(1, 429);
    assertThat(code(token)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    devServer.failNext(1, 503);
    assertThat(code(token)).isEqualTo(Status.Code.UNAVAILABLE);
    devServer.failNext(1, 500);
    assertThat(code(token)).isEqualTo(Status.Code.INTERNAL);
    devServer.closeConnectionsNext(1);
    assertThat(code(token)).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(devServer.spans()).isEmpty();

    devServer.expireTokens();
    devServer.failNext(1, 429);
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
        () -> messages(token, new AtomicReference<>(), trailers).insertMessage(request(TRACE)));
    assertThat(e.getStatus().getDescription()).isEqualTo("Service busy, retry later");
    assertThat(e.getTrailers().get(ScouterDevGrpcServer.REFRESHED_TOKEN)).startsWith("Bearer ");
  }

  private Status.Code code(String token) {
    return catchThrowableOfType(StatusRuntimeException.class,
        () -> messages(token, new AtomicReference<>(), new AtomicReference<>()).insertMessage(request(TRACE)))
        .getStatus().getCode();
  }
}
