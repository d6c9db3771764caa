package io.scouter.tracing.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The login answer's token is read with Jackson core alone, as databind's tree read it. */
class LoginTokenTest {
  @Test
  void theStringFieldToken_whateverElseTheObjectHolds() throws IOException {
    assertThat(HttpTransport.token("{\"token\":\"abc\"}")).isEqualTo("abc");
    assertThat(HttpTransport.token("{\"user\":{\"token\":\"nested\",\"a\":[1,{\"b\":2}]},\"token\":\"t\",\"x\":null}"))
        .isEqualTo("t");
    assertThat(HttpTransport.token("{\"token\":\"a\\u0062\\\"c\"}")).isEqualTo("ab\"c");
    assertThat(HttpTransport.token("{\"token\":\"first\",\"token\":\"last\"}")).isEqualTo("last");
  }

  @Test
  void noToken_whenAbsentNotAStringOrNotAnObject() throws IOException {
    assertThat(HttpTransport.token("{}")).isNull();
    assertThat(HttpTransport.token("{\"other\":\"x\"}")).isNull();
    assertThat(HttpTransport.token("{\"token\":42}")).isNull();
    assertThat(HttpTransport.token("{\"token\":{\"value\":\"x\"}}")).isNull();
    assertThat(HttpTransport.token("[\"token\"]")).isNull();
    assertThat(HttpTransport.token("\"token\"")).isNull();
    assertThat(HttpTransport.token("")).isNull();
  }

  @Test
  void invalidJsonThrows() {
    assertThatThrownBy(() -> HttpTransport.token("{\"token\":")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> HttpTransport.token("{token:\"x\"}")).isInstanceOf(IOException.class);
  }
}
