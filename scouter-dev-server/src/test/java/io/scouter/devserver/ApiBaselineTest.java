package io.scouter.devserver;

import io.scouter.apibaseline.ApiBaseline;
import org.junit.jupiter.api.Test;

/** The public API of scouter-dev-server is the committed api/scouter-dev-server.txt (see the root README, "Public API"). */
class ApiBaselineTest {
  @Test
  void publicApiIsTheCommittedBaseline() {
    ApiBaseline.check("scouter-dev-server");
  }
}
