package io.scouter.quarkus.runtime;

import io.scouter.apibaseline.ApiBaseline;
import org.junit.jupiter.api.Test;

/** The public API of quarkus-scouter is the committed api/quarkus-scouter.txt (see the root README, "Public API"). */
class ApiBaselineTest {
  @Test
  void publicApiIsTheCommittedBaseline() {
    ApiBaseline.check("quarkus-scouter");
  }
}
