package io.butlerbench.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No untyped value crosses a boundary: a public method of a REST resource ({@code @Path}), a REST
 * client interface ({@code @RegisterRestClient}) or a repository (a Panache repository, or a class
 * named {@code *Repository} or {@code *Store}) neither takes nor returns a BSON document, a Jackson
 * tree, a Vert.x JSON value or a {@code Map<String, Object>}, not even inside a generic type. Run
 * by each service's own subclass over its compiled classes ({@code target/classes}).
 */
public abstract class TypedBoundariesContract {
  private static final Path CLASSES = Path.of("target/classes");
  private static final Set<String> UNTYPED =
      Set.of(
          "org.bson.Document",
          "org.bson.BsonDocument",
          "com.fasterxml.jackson.databind.JsonNode",
          "io.vertx.core.json.JsonObject",
          "io.vertx.core.json.JsonArray");

  /** The service's root package, e.g. {@code io.butlerbench.seeder}. */
  protected abstract String rootPackage();

  /**
   * Justified exceptions as {@code SimpleClassName#method}; each needs its reason beside it and in
   * {@code docs/architecture.md}.
   */
  protected Set<String> allowed() {
    return Set.of();
  }

  @Test
  void noBoundaryTakesOrReturnsAnUntypedValue() throws IOException {
    List<Class<?>> boundaries = boundaries();
    assertTrue(
        boundaries.stream().anyMatch(type -> annotated(type, "jakarta.ws.rs.Path")),
        "no REST resource found under " + CLASSES.toAbsolutePath() + " for " + rootPackage());
    List<String> found = new ArrayList<>();
    for (Class<?> boundary : boundaries) {
      for (Method method : boundary.getDeclaredMethods()) {
        if (!Modifier.isPublic(method.getModifiers())
            || method.isSynthetic()
            || method.isBridge()
            || allowed().contains(boundary.getSimpleName() + "#" + method.getName())) {
          continue;
        }
        List<Type> signature = new ArrayList<>(List.of(method.getGenericParameterTypes()));
        signature.add(method.getGenericReturnType());
        for (Type type : signature) {
          if (untyped(type)) {
            found.add(boundary.getSimpleName() + "#" + method.getName() + ": " + type);
          }
        }
      }
    }
    assertEquals(List.of(), found, "boundaries that take or return an untyped value");
  }

  /** True when {@code type} is, or contains, a type that says nothing about its shape. */
  static boolean untyped(Type type) {
    if (type instanceof Class<?> plain) {
      if (plain.isArray()) {
        return untyped(plain.getComponentType());
      }
      for (Class<?> c = plain; c != null; c = c.getSuperclass()) {
        if (UNTYPED.contains(c.getName())) {
          return true;
        }
      }
      return false;
    }
    if (type instanceof ParameterizedType generic) {
      Type[] arguments = generic.getActualTypeArguments();
      if (generic.getRawType() instanceof Class<?> raw
          && Map.class.isAssignableFrom(raw)
          && arguments.length == 2
          && openValue(arguments[1])) {
        return true;
      }
      return untyped(generic.getRawType()) || Stream.of(arguments).anyMatch(a -> untyped(a));
    }
    if (type instanceof GenericArrayType array) {
      return untyped(array.getGenericComponentType());
    }
    if (type instanceof WildcardType wildcard) {
      return Stream.of(wildcard.getUpperBounds()).anyMatch(b -> untyped(b))
          || Stream.of(wildcard.getLowerBounds()).anyMatch(b -> untyped(b));
    }
    return false;
  }

  private static boolean openValue(Type value) {
    return value.equals(Object.class)
        || (value instanceof WildcardType wildcard
            && wildcard.getLowerBounds().length == 0
            && wildcard.getUpperBounds()[0].equals(Object.class));
  }

  private List<Class<?>> boundaries() throws IOException {
    Path root = CLASSES.resolve(rootPackage().replace('.', '/'));
    assertTrue(Files.isDirectory(root), "no compiled classes at " + root.toAbsolutePath());
    List<Class<?>> boundaries = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = CLASSES.relativize(file).toString().replace('/', '.');
        Class<?> type = load(name.substring(0, name.length() - ".class".length()));
        if (isBoundary(type)) {
          boundaries.add(type);
        }
      }
    }
    return boundaries;
  }

  private static boolean isBoundary(Class<?> type) {
    String name = type.getSimpleName();
    return annotated(type, "jakarta.ws.rs.Path")
        || annotated(type, "org.eclipse.microprofile.rest.client.inject.RegisterRestClient")
        || name.endsWith("Repository")
        || name.endsWith("Store")
        || Stream.of(type.getInterfaces())
            .anyMatch(i -> i.getName().startsWith("io.quarkus.mongodb.panache.PanacheMongo"));
  }

  private static boolean annotated(Class<?> type, String annotation) {
    for (Annotation present : type.getAnnotations()) {
      if (present.annotationType().getName().equals(annotation)) {
        return true;
      }
    }
    return false;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError("compiled class " + name + " does not load", e);
    }
  }
}
