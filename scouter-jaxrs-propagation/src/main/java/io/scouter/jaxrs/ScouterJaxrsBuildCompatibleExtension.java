package io.scouter.jaxrs;

import io.scouter.jaxrs.internal.cdi.AsyncResourceScope;
import io.scouter.jaxrs.internal.JaxrsSettings;
import io.scouter.jaxrs.internal.cdi.AsyncResourceScopeInterceptor;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.ClassConfig;
import jakarta.enterprise.inject.build.compatible.spi.Discovery;
import jakarta.enterprise.inject.build.compatible.spi.Enhancement;
import jakarta.enterprise.inject.build.compatible.spi.Messages;
import jakarta.enterprise.inject.build.compatible.spi.MetaAnnotations;
import jakarta.enterprise.inject.build.compatible.spi.MethodConfig;
import jakarta.enterprise.inject.build.compatible.spi.ScannedClasses;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.inject.build.compatible.spi.Validation;
import jakarta.enterprise.lang.model.declarations.ClassInfo;
import jakarta.enterprise.lang.model.declarations.MethodInfo;
import jakarta.enterprise.lang.model.declarations.ParameterInfo;
import jakarta.enterprise.lang.model.types.Type;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.Suspended;
import java.lang.reflect.Modifier;
import java.util.concurrent.CompletionStage;

/**
 * The build-compatible twin of {@link ScouterJaxrsExtension} for Quarkus ArC, which ignores portable extensions: binds
 * the small scope-closing interceptor to async JAX-RS resource methods of CDI-managed resources ({@code @Suspended
 * AsyncResponse} parameter or {@code CompletionStage} return type). Skipped wherever the portable extension runs
 * ({@link SkipIfPortableExtensionPresent}).
 *
 * <pre>{@code
 * // nothing to do: the jar registers it through META-INF/services
 * }</pre>
 */
@SkipIfPortableExtensionPresent(ScouterJaxrsExtension.class)
public class ScouterJaxrsBuildCompatibleExtension implements BuildCompatibleExtension {

  /** Fails the build/start on an invalid {@code scouter.jaxrs.*} or {@code scouter.propagation} value. */
  @Validation
  public void validate(Messages messages) {
    try {
      JaxrsSettings.current();
    } catch (IllegalArgumentException e) {
      messages.error(e.getMessage());
    }
  }

  @Discovery
  public void addInterceptor(MetaAnnotations meta, ScannedClasses classes) {
    meta.addInterceptorBinding(AsyncResourceScope.class);
    classes.add(AsyncResourceScopeInterceptor.class.getName());
  }

  @Enhancement(types = Object.class, withSubtypes = true, withAnnotations = {Path.class, Suspended.class})
  public void bindAsyncResourceMethods(ClassConfig type) {
    ClassInfo info = type.info();
    if (info.isInterface() || info.isAnnotation() || Modifier.isFinal(info.modifiers())) {
      return;
    }
    for (MethodConfig m : type.methods()) {
      if (isAsyncResourceMethod(m.info())) {
        m.addAnnotation(AsyncResourceScope.class);
      }
    }
  }

  static boolean isAsyncResourceMethod(MethodInfo m) {
    int mod = m.modifiers();
    if (!Modifier.isPublic(mod) || Modifier.isStatic(mod) || Modifier.isFinal(mod) || m.isConstructor()
        || m.annotations(a -> a.declaration().hasAnnotation(HttpMethod.class)).isEmpty()) {
      return false;
    }
    if (isCompletionStage(m.returnType())) {
      return true;
    }
    for (ParameterInfo p : m.parameters()) {
      if (p.hasAnnotation(Suspended.class)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCompletionStage(Type t) {
    String name;
    if (t.isClass()) {
      name = t.asClass().declaration().name();
    } else if (t.isParameterizedType()) {
      name = t.asParameterizedType().declaration().name();
    } else {
      return false;
    }
    if (name.equals(CompletionStage.class.getName())) {
      return true;
    }
    try {
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      return CompletionStage.class.isAssignableFrom(Class.forName(name, false,
          cl != null ? cl : ScouterJaxrsBuildCompatibleExtension.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
