package io.scouter.testkit;

import io.scouter.apibaseline.ApiBaseline;
import org.junit.jupiter.api.Test;

/** The public API of scouter-testkit is the committed api/scouter-testkit.txt (see the root README, "Public API"). */
class ApiBaselineTest {
  @Test
  void publicApiIsTheCommittedBaseline() {
    ApiBaseline.check("scouter-testkit");
  }
}
