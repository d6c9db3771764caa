package io.scouter.quarkus.deployment;

import io.scouter.apibaseline.ApiBaseline;
import org.junit.jupiter.api.Test;

/** The public API of quarkus-scouter-deployment is the committed api/quarkus-scouter-deployment.txt (see the root README, "Public API"). */
class ApiBaselineTest {
  @Test
  void publicApiIsTheCommittedBaseline() {
    ApiBaseline.check("quarkus-scouter-deployment");
  }
}
