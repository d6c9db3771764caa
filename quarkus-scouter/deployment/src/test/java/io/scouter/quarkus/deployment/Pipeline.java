package io.scouter.quarkus.deployment;

import io.scouter.cdi.Traced;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A traced bean of the test applications. */
@ApplicationScoped
public class Pipeline {
  @Traced("predict")
  public Answer predict(Question question) {
    return new Answer(question.text().length() > 3 ? "long" : "short", List.of(new Answer.Score("len",
        question.text().length())));
  }
}
