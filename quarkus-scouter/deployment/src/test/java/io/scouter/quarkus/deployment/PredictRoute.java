package io.scouter.quarkus.deployment;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code GET /predict?text=} calls the traced {@link Pipeline} and answers the {@code scouter.http.uri} the application
 * exports to, then the answer's label.
 */
@ApplicationScoped
public class PredictRoute {
  void routes(@Observes Router router, Pipeline pipeline) {
    router.get("/predict").blockingHandler(rc -> {
      Answer a = pipeline.predict(new Question(rc.request().getParam("text")));
      rc.response().end(ConfigProvider.getConfig().getValue("scouter.http.uri", String.class) + " " + a.label());
    });
  }
}
