package io.scouter.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every environment default is read the one way, whatever the setting: a value in code, else the system property named
 * by the key, else its MicroProfile variable, else the listed variables in order, else the default.
 */
class EnvDefaultTest {
  private final Map<String, String> env = new HashMap<>();

  @AfterEach
  void restore() {
    Env.override(null);
    for (EnvDefault d : EnvDefault.values()) {
      if (d.key() != null) {
        System.clearProperty(d.key());
      }
    }
  }

  @Test
  void everyDefault_followsOnePrecedence() {
    Env.override(env::get);
    int checked = 0;
    for (EnvDefault d : EnvDefault.values()) {
      env.clear();
      assertThat(d.value()).as("%s unset", d).isEqualTo(d.fallback());
      assertThat(d.orElse("caller's")).as("%s unset, caller's default", d).isEqualTo("caller's");
      String[] vars = d.variables();
      assertThat(vars).as("%s names its variables", d).isNotEmpty();
      env.put(vars[vars.length - 1], "last-variable");
      assertThat(d.value()).as("%s from %s", d, vars[vars.length - 1]).isEqualTo("last-variable");
      assertThat(d.variableSet()).isEqualTo(vars[vars.length - 1]);
      env.put(vars[0], " first-variable ");
      assertThat(d.value()).as("%s: the first variable wins, trimmed", d).isEqualTo("first-variable");
      env.put(vars[0], "  ");
      assertThat(d.value()).as("%s: blank is unset", d).isEqualTo(vars.length > 1 ? "last-variable" : d.fallback());
      if (d.key() != null) {
        env.put(Env.variableName(d.key()), "mp-variable");
        assertThat(d.value()).as("%s: the key's MicroProfile variable wins", d).isEqualTo("mp-variable");
        System.setProperty(d.key(), "system-property");
        assertThat(d.value()).as("%s: the system property wins", d).isEqualTo("system-property");
        System.clearProperty(d.key());
      }
      assertThat(d.or("code")).as("%s: a value in code wins", d).isEqualTo("code");
      checked++;
    }
    assertThat(checked).isEqualTo(EnvDefault.values().length).isGreaterThanOrEqualTo(20);
  }
}
