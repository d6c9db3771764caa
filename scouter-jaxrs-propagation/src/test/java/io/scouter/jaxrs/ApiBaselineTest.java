package io.scouter.jaxrs;

import io.scouter.apibaseline.ApiBaseline;
import org.junit.jupiter.api.Test;

/** The public API of scouter-jaxrs-propagation is the committed api/scouter-jaxrs-propagation.txt (see the root README, "Public API"). */
class ApiBaselineTest {
  @Test
  void publicApiIsTheCommittedBaseline() {
    ApiBaseline.check("scouter-jaxrs-propagation");
  }
}
