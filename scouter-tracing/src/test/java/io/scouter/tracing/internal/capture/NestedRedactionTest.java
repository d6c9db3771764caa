package io.scouter.tracing.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets inside captured values: a record component, bean property or map key whose name {@link Redaction} lists is
 * written as {@code "[redacted]"} at any depth, whatever the compiler flags; the rest is captured and the JSON stays
 * valid.
 */
class NestedRedactionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Credentials(String user, String password) {}

  record Login(Credentials credentialsHolder, String client, Map<String, Object> extra) {}

  /** A bean, not a record. */
  public static final class Account {
    public String getName() {
      return "bob";
    }

    public String getApiKey() {
      return "k-123";
    }

    public char[] getPin() {
      return "0000".toCharArray();
    }
  }

  @AfterEach
  void defaults() {
    Redaction.use(Redaction.of(Redaction.DEFAULT_NAMES));
  }

  private static String capture(Object value) throws Exception {
    String json = CaptureSerializer.toJson(value, 5000);
    JSON.readTree(json); // always valid JSON
    assertThat(json).doesNotContain("hunter2").doesNotContain("k-123").doesNotContain("s3cr3t");
    return json;
  }

  @Test
  void recordComponentIsRedacted() throws Exception {
    assertThat(capture(new Credentials("bob", "hunter2"))).isEqualTo("{\"password\":\"[redacted]\",\"user\":\"bob\"}");
  }

  @Test
  void beanPropertyIsRedacted() throws Exception {
    assertThat(capture(new Account())).isEqualTo("{\"apiKey\":\"[redacted]\",\"name\":\"bob\",\"pin\":\"0000\"}");
  }

  @Test
  void nestedAtAnyDepth_structuredSecretsLeftOutWhole_siblingsKept() throws Exception {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("access_token", "s3cr3t");
    extra.put("secrets", Map.of("db", "hunter2", "list", List.of("hunter2", Map.of("x", "hunter2"))));
    extra.put("tokens", List.of("I", "love", "tracing")); // NLP tokens, as max_tokens: not a secret
    extra.put("zone", "eu");
    String json = capture(new Login(new Credentials("bob", "hunter2"), "cli", extra));
    assertThat(json)
        .isEqualTo("{\"client\":\"cli\",\"credentialsHolder\":{\"password\":\"[redacted]\",\"user\":\"bob\"},"
            + "\"extra\":{\"access_token\":\"[redacted]\",\"secrets\":\"[redacted]\","
            + "\"tokens\":[\"I\",\"love\",\"tracing\"],\"zone\":\"eu\"}}");
  }

  @Test
  void listsOfObjectsAndOptionals() throws Exception {
    String json = capture(List.of(Optional.of(new Credentials("a", "hunter2")), Map.of("Authorization", "Bearer k-123"),
        Map.of("numbers", new int[] {1, 2})));
    assertThat(json).isEqualTo("[{\"password\":\"[redacted]\",\"user\":\"a\"},{\"Authorization\":\"[redacted]\"},"
        + "{\"numbers\":[1,2]}]");
  }

  @Test
  void numbersAndNullsUnderASecretNameAreMaskedToo() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pinSecret", 1234);
    m.put("password", null);
    m.put("oldPasswords", new long[] {1L, 2L});
    assertThat(capture(m)).isEqualTo("{\"oldPasswords\":\"[redacted]\",\"password\":\"[redacted]\","
        + "\"pinSecret\":\"[redacted]\"}");
  }

  @Test
  void theConfiguredNamesApply() throws Exception {
    Redaction.use(Redaction.of(List.of("ssn")));
    assertThat(CaptureSerializer.toJson(Map.of("user_ssn", "123", "password", "p"), 5000))
        .isEqualTo("{\"password\":\"p\",\"user_ssn\":\"[redacted]\"}");
  }

  @Test
  void matchingIgnoresCaseAndSeparators_pluralsOnlyWhereTheyNameSecrets() {
    Redaction r = Redaction.of(Redaction.DEFAULT_NAMES);
    assertThat(List.of("password", "userPassword", "API_KEY", "api-key", "accessToken", "credentials", "secrets",
        "oldPasswords", "apiKeys", "Authorization", "clientSecret")).allMatch(r::matches);
    assertThat(List.of("user", "name", "tokens", "max_tokens", "tokenizer", "secretary", "passage", "id"))
        .noneMatch(r::matches);
  }
}
