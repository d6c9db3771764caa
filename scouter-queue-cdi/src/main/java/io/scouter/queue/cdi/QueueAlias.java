package io.scouter.queue.cdi;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the {@link io.scouter.queue.QueueBus} of one alias of the configured Scouter queue.
 *
 * <pre>{@code
 * @Inject @QueueAlias("genai") QueueBus genai;   // scouter.queue.genai.profile=classpath:genai_profile.json
 * genai.insert(EvalRecord.of(Map.of("input", q, "response", a)));
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface QueueAlias {
  /** The alias, as in {@code scouter.queue.<alias>.profile}. */
  @Nonbinding
  String value();
}
