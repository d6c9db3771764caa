package io.scouter.tracing.transport.kafka;

import io.scouter.apibaseline.ApiBaseline;
import org.junit.jupiter.api.Test;

/** The public API of scouter-transport-kafka is the committed api/scouter-transport-kafka.txt (see the root README, "Public API"). */
class ApiBaselineTest {
  @Test
  void publicApiIsTheCommittedBaseline() {
    ApiBaseline.check("scouter-transport-kafka");
  }
}
