package io.scouter.it.arquillian;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The application's {@code beans.xml} with {@code bean-discovery-mode="all"}. */
@ExtendWith(ArquillianExtension.class)
class DiscoveryAllTest extends ApplicationBeanArchiveContract {
  @Deployment
  static JavaArchive deployment() {
    return application("all");
  }
}
