package io.scouter.jaxrs.internal;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The route template of a matched request ({@code /orders/{id}}), built from the base URI's path and the {@link Path}
 * annotations of the matched resource class, sub-resource locators and resource method. Never contains the raw path's
 * values. Not a public API.
 */
public final class RouteResolver {
  private static final int MAX_CACHE = 4096;
  private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

  private RouteResolver() {}

  /** The route, or {@code null} when the resource is unknown. */
  public static String route(UriInfo uriInfo, Class<?> resourceClass, Method method) {
    if (resourceClass == null || method == null) {
      return null;
    }
    String base = uriInfo.getBaseUri().getRawPath();
    List<Object> matched = uriInfo.getMatchedResources();
    List<Class<?>> chain = new ArrayList<>();
    if (matched != null && matched.size() > 1) {
      for (int i = matched.size() - 1; i >= 0; i--) {
        chain.add(userClass(matched.get(i).getClass()));
      }
    } else {
      chain.add(userClass(resourceClass));
    }
    StringBuilder key = new StringBuilder(base).append('|');
    for (Class<?> c : chain) {
      key.append(c.getName()).append('>');
    }
    key.append(method.getDeclaringClass().getName()).append('#').append(method.getName())
        .append(method.getParameterCount());
    String k = key.toString();
    String cached = CACHE.get(k);
    if (cached != null) {
      return cached;
    }
    String route = compute(base, chain, method);
    if (CACHE.size() < MAX_CACHE) {
      CACHE.put(k, route);
    }
    return route;
  }

  private static String compute(String base, List<Class<?>> chain, Method method) {
    StringBuilder sb = new StringBuilder();
    append(sb, base);
    append(sb, classPath(chain.get(0)));
    for (int i = 1; i < chain.size(); i++) {
      append(sb, locatorPath(chain.get(i - 1), chain.get(i)));
    }
    append(sb, methodPath(method));
    String r = sb.length() == 0 ? "/" : sb.toString();
    return normalise(r);
  }

  private static void append(StringBuilder sb, String segment) {
    if (segment == null || segment.isEmpty() || segment.equals("/")) {
      return;
    }
    if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '/') {
      sb.setLength(sb.length() - 1);
    }
    if (!segment.startsWith("/")) {
      sb.append('/');
    }
    sb.append(segment);
  }

  /** Collapses repeated slashes, drops a trailing slash and reduces {@code {id: [0-9]+}} to {@code {id}}. */
  static String normalise(String route) {
    StringBuilder out = new StringBuilder(route.length());
    int depth = 0;
    boolean inRegex = false;
    for (int i = 0; i < route.length(); i++) {
      char c = route.charAt(i);
      if (c == '{') {
        depth++;
        if (depth == 1) {
          inRegex = false;
          out.append(c);
          continue;
        }
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          inRegex = false;
          out.append(c);
          continue;
        }
      }
      if (depth >= 1) {
        if (c == ':' && depth == 1) {
          inRegex = true;
        }
        if (!inRegex && c != ' ' && depth == 1) {
          out.append(c);
        }
        continue;
      }
      if (c == '/' && out.length() > 0 && out.charAt(out.length() - 1) == '/') {
        continue;
      }
      out.append(c);
    }
    if (out.length() > 1 && out.charAt(out.length() - 1) == '/') {
      out.setLength(out.length() - 1);
    }
    if (out.length() == 0 || out.charAt(0) != '/') {
      out.insert(0, '/');
    }
    return out.toString();
  }

  private static Class<?> userClass(Class<?> c) {
    // CDI/Weld proxies and subclasses: take the first class that is not synthetic
    Class<?> k = c;
    while (k != null && k.getSuperclass() != null
        && (k.isSynthetic() || k.getName().contains("$$") || k.getName().contains("$Proxy$")
            || k.getName().contains("_Subclass") || k.getName().contains("_ClientProxy"))) {
      k = k.getSuperclass();
    }
    return k == null ? c : k;
  }

  private static String classPath(Class<?> c) {
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      Path p = k.getAnnotation(Path.class);
      if (p != null) {
        return p.value();
      }
      for (Class<?> i : k.getInterfaces()) {
        Path ip = i.getAnnotation(Path.class);
        if (ip != null) {
          return ip.value();
        }
      }
    }
    return null;
  }

  private static String methodPath(Method m) {
    Path p = annotated(m, Path.class);
    return p == null ? null : p.value();
  }

  /** The {@link Path} of the locator method of {@code parent} returning {@code child}. */
  private static String locatorPath(Class<?> parent, Class<?> child) {
    for (Method m : parent.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || isHttpMethod(m)) {
        continue;
      }
      Path p = annotated(m, Path.class);
      if (p != null && (m.getReturnType().isAssignableFrom(child) || m.getReturnType() == Class.class
          || m.getReturnType() == Object.class)) {
        return p.value();
      }
    }
    return null;
  }

  private static boolean isHttpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
        return true;
      }
    }
    return false;
  }

  /** The annotation on the method or on the method it implements or overrides (JAX-RS annotation inheritance). */
  private static <A extends Annotation> A annotated(Method m, Class<A> type) {
    A a = m.getAnnotation(type);
    if (a != null) {
      return a;
    }
    for (Class<?> k = m.getDeclaringClass(); k != null && k != Object.class; k = k.getSuperclass()) {
      a = find(k, m, type);
      if (a != null) {
        return a;
      }
      for (Class<?> i : k.getInterfaces()) {
        a = find(i, m, type);
        if (a != null) {
          return a;
        }
      }
    }
    return null;
  }

  private static <A extends Annotation> A find(Class<?> k, Method m, Class<A> type) {
    try {
      return k.getDeclaredMethod(m.getName(), m.getParameterTypes()).getAnnotation(type);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
