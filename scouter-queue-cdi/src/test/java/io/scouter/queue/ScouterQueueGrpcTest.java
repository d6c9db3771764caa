package io.scouter.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scouter.queue.ServerRecordCheck.Server;
import io.scouter.queue.internal.QueueJson;
import io.scouter.devserver.ScouterDevServer;
import io.scouter.devserver.ScouterDevGrpcServer;
import io.scouter.tracing.GrpcConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queue over the Scouter gRPC transport ({@code scouter.grpc.v1 InsertMessage}) to the testkit's dev server. */
class ScouterQueueGrpcTest {

  @Test
  void evalRecordsAndCustomMetrics_arriveOverGrpc() {
    try (ScouterDevServer dev = ScouterDevServer.start(); ScouterDevGrpcServer grpc = ScouterDevGrpcServer.start(dev)) {
      ScouterQueue queue = ScouterQueue.builder()
          .profile("genai", Profiles.path("genai_profile.json"))
          .profile("quality", Profiles.path("custom_profile.json"))
          .transport(GrpcConfig.builder().uri(grpc.uri().toString()).username("admin").password("admin")
              .timeout(Duration.ofSeconds(5)).build())
          .publishInterval(Duration.ofHours(1)).build();
      EvalRecord record = EvalRecord.of(Map.of("input", "hi"));
      queue.get("genai").insert(record);
      queue.get("quality").insert(Metrics.of(Map.of("mae", 1.5)));
      queue.shutdown();
      List<JsonNode> records = dev.records();
      assertThat(dev.rejections()).isEmpty();
      assertThat(ServerRecordCheck.check(QueueJson.MAPPER.valueToTree(records), Server.V0_25))
          .containsExactlyInAnyOrder("GenAIEval", "Custom");
      assertThat(ServerRecordCheck.evalRecords(records).get(0).get("uid").asText()).isEqualTo(record.uid());
      assertThat(queue.stats().published()).isEqualTo(2);
      assertThat(queue.stats().messages()).as("one message per alias").isEqualTo(2);
    }
  }
}
