package io.scouter.tracing.transport.grpc;

import io.scouter.apibaseline.ApiBaseline;
import org.junit.jupiter.api.Test;

/** The public API of scouter-transport-grpc is the committed api/scouter-transport-grpc.txt (see the root README, "Public API"). */
class ApiBaselineTest {
  @Test
  void publicApiIsTheCommittedBaseline() {
    ApiBaseline.check("scouter-transport-grpc");
  }
}
