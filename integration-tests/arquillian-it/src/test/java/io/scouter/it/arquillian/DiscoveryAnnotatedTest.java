package io.scouter.it.arquillian;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The application's {@code beans.xml} with {@code bean-discovery-mode="annotated"} (the CDI 4 default). */
@ExtendWith(ArquillianExtension.class)
class DiscoveryAnnotatedTest extends ApplicationBeanArchiveContract {
  @Deployment
  static JavaArchive deployment() {
    return application("annotated");
  }
}
