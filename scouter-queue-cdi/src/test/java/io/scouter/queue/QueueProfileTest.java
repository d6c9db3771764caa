package io.scouter.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reading profile files as upstream's DriftProfile::from_profile_path, and refusing unusable ones naming the file. */
class QueueProfileTest {

  @Test
  void everyUpstreamProfileTypeIsRead() {
    QueueProfile genai = QueueProfile.read(Profiles.path("genai_profile.json"));
    assertThat(genai.driftType()).isEqualTo(DriftType.GENAI);
    assertThat(genai.uid()).isEqualTo(Profiles.GENAI_UID);
    assertThat(genai.identifier()).isEqualTo("scouter/chat_eval/v1.0.0/genai");
    assertThat(genai.sampleRatio()).isEqualTo(1.0);
    assertThat(genai.batchSize()).isEqualTo(25);

    QueueProfile agent = QueueProfile.read(Profiles.path("agent_profile.json"));
    assertThat(agent.driftType()).isEqualTo(DriftType.AGENT);
    assertThat(agent.driftType().entityName()).isEqualTo("Agent");
    assertThat(agent.identifier()).isEqualTo("scouter/agent_eval/v1.0.0/agent");

    QueueProfile spc = QueueProfile.read(Profiles.path("spc_profile.json"));
    assertThat(spc.driftType()).isEqualTo(DriftType.SPC);
    assertThat(spc.batchSize()).isEqualTo(4);
    assertThat(spc.driftType().accepts()).isEqualTo(EntityType.FEATURE);

    QueueProfile psi = QueueProfile.read(Profiles.path("psi_profile.json"));
    assertThat(psi.driftType()).isEqualTo(DriftType.PSI);
    assertThat(psi.batchSize()).isEqualTo(1000);

    QueueProfile custom = QueueProfile.read(Profiles.path("custom_profile.json"));
    assertThat(custom.driftType()).isEqualTo(DriftType.CUSTOM);
    assertThat(custom.uid()).isEqualTo(Profiles.CUSTOM_UID);
    assertThat(custom.batchSize()).isEqualTo(3);
    assertThat(custom.driftType().entityName()).isEqualTo("Metric");
  }

  @Test
  void unreadableFile_isRefusedNamingIt() {
    Path missing = Path.of("/nonexistent/dir/profile.json");
    assertThatThrownBy(() -> QueueProfile.read(missing))
        .isInstanceOf(QueueProfileException.class)
        .hasMessageContaining("/nonexistent/dir/profile.json")
        .hasMessageContaining("cannot read the file");
    assertThatThrownBy(() -> ScouterQueue.fromPath(java.util.Map.of("a", missing), new io.scouter.tracing.MockConfig()))
        .hasMessageContaining("/nonexistent/dir/profile.json");
  }

  @Test
  void unknownProfileType_isRefusedNamingTheFileAndTheKnownTypes() {
    Path legacy = Profiles.path("legacy_llm_profile.json");
    assertThatThrownBy(() -> QueueProfile.read(legacy))
        .isInstanceOf(QueueProfileException.class)
        .hasMessageContaining(legacy.toString())
        .hasMessageContaining("unknown config.drift_type 'LLM'")
        .hasMessageContaining("Spc, Psi, Custom, GenAI, Agent");
  }

  @Test
  void notJson_orNotAProfile_isRefusedNamingTheSource() {
    assertThatThrownBy(() -> QueueProfile.parse("{nope", "inline.json"))
        .hasMessageStartingWith("Scouter profile inline.json: not valid JSON");
    assertThatThrownBy(() -> QueueProfile.parse("{\"features\":{}}", "inline.json"))
        .hasMessageContaining("missing object 'config'");
    assertThatThrownBy(() -> QueueProfile.parse("{\"config\":{\"space\":\"s\"}}", "inline.json"))
        .hasMessageContaining("missing string 'config.drift_type'");
  }

  @Test
  void incompleteProfiles_nameTheMissingField() {
    assertThatThrownBy(() -> QueueProfile.read(Profiles.variant("spc_profile.json", "\"sample_size\": 4,", "")))
        .hasMessageContaining("config.sample_size must be an integer >= 1");
    assertThatThrownBy(() -> QueueProfile.read(Profiles.variant("custom_profile.json",
        "\"uid\": \"0195c1b2-7a3e-7c41-9a2b-3f5e6d7c8b94\",", "")))
        .hasMessageContaining("missing string 'config.uid'");
    assertThatThrownBy(() -> QueueProfile.read(Profiles.variant("genai_profile.json", "\"sample_ratio\": 1.0",
        "\"sample_ratio\": 1.5")))
        .hasMessageContaining("config.sample_ratio must be a number between 0.0 and 1.0");
  }

  @Test
  void evalProfileWithoutUid_getsAFreshUuid7_asUpstreamsSerdeDefault() {
    QueueProfile p = QueueProfile.read(Profiles.variant("genai_profile.json",
        "\"uid\": \"0195c1b2-7a3e-7c41-9a2b-3f5e6d7c8b90\",", ""));
    assertThat(io.scouter.queue.internal.Uuid7.isUuid7(p.uid())).isTrue();
  }
}
