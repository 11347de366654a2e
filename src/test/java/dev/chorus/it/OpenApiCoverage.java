package dev.chorus.it;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks an OpenAPI document against the JAX-RS resources in the WAR, found by reflection over
 * every class of {@code dev.chorus} annotated with {@code @Path}: each resource method (HTTP method
 * and full path under the application path) must be an operation with a summary, a tag and a
 * success response (with a schema when the method returns an entity); a method that can fail (it
 * needs a login, takes a body or names something in its path) must list a 4xx response whose body
 * is the JSON problem shape; a method that needs a login must list 401 and the bearer scheme.
 */
public final class OpenApiCoverage {
  private static final Set<String> PROBLEM_MEMBERS = Set.of("status", "title", "detail");
  private static final Set<Class<? extends Annotation>> PARAMETER_ANNOTATIONS =
      Set.of(
          PathParam.class,
          QueryParam.class,
          HeaderParam.class,
          CookieParam.class,
          FormParam.class,
          MatrixParam.class,
          BeanParam.class,
          Context.class);

  private OpenApiCoverage() {}

  /** One JAX-RS resource method. */
  public record Endpoint(
      String httpMethod, String path, Method method, boolean authenticated, boolean canFail) {
    @Override
    public String toString() {
      return httpMethod.toUpperCase(Locale.ROOT)
          + " "
          + path
          + " ("
          + method.getDeclaringClass().getSimpleName()
          + "."
          + method.getName()
          + ")";
    }
  }

  /**
   * The server's document as JSON text. The server builds it on the first request, which can take a
   * while on a busy machine, hence the long timeout.
   */
  public static String fetch(HttpClient http, URI base) {
    var request =
        HttpRequest.newBuilder(base.resolve("openapi?format=JSON"))
            .header("Accept", "application/json")
            .timeout(Duration.ofMinutes(2))
            .build();
    try {
      var reply = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (reply.statusCode() != 200) {
        throw new AssertionError("/openapi answered " + reply.statusCode() + ": " + reply.body());
      }
      return reply.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonObject parse(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  /** Every resource method of the main classes, sorted by path and method. */
  public static List<Endpoint> endpoints() {
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chorus");
    var applications =
        classes.stream().filter(c -> c.isAnnotatedWith(ApplicationPath.class)).toList();
    if (applications.size() != 1) {
      throw new AssertionError("expected one @ApplicationPath class, found " + applications);
    }
    var root = applications.get(0).reflect().getAnnotation(ApplicationPath.class).value();
    var endpoints = new ArrayList<Endpoint>();
    for (var javaClass : classes) {
      if (!javaClass.isAnnotatedWith(Path.class)) {
        continue;
      }
      var type = javaClass.reflect();
      var classPath = type.getAnnotation(Path.class).value();
      for (var method : type.getMethods()) {
        var http = httpMethod(method);
        var sub = method.getAnnotation(Path.class);
        if (http == null) {
          if (sub != null) {
            throw new AssertionError("sub-resource locators are not checked yet: " + method);
          }
          continue;
        }
        var path = join(root, classPath, sub == null ? "" : sub.value());
        boolean authenticated = authenticated(type) || authenticated(method);
        endpoints.add(
            new Endpoint(http, path, method, authenticated, authenticated || takesInput(method)));
      }
    }
    endpoints.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::httpMethod));
    return endpoints;
  }

  /** What the document lacks, one line per gap; empty when it covers every endpoint. */
  public static List<String> gaps(JsonObject doc, List<Endpoint> endpoints) {
    var gaps = new ArrayList<String>();
    var paths = doc.getJsonObject("paths");
    if (paths == null) {
      return List.of("the document has no paths");
    }
    for (var e : endpoints) {
      var item = paths.getJsonObject(e.path());
      var operation = item == null ? null : item.getJsonObject(e.httpMethod());
      if (operation == null) {
        gaps.add(e + ": not in the document");
        continue;
      }
      if (operation.getString("summary", "").isBlank()) {
        gaps.add(e + ": no summary (@Operation)");
      }
      if (!operation.containsKey("tags") || operation.getJsonArray("tags").isEmpty()) {
        gaps.add(e + ": no @Tag");
      }
      var responses = operation.getJsonObject("responses");
      if (responses == null) {
        gaps.add(e + ": no responses");
        continue;
      }
      var success =
          responses.keySet().stream().filter(c -> c.startsWith("2") || c.startsWith("3")).toList();
      if (success.isEmpty()) {
        gaps.add(e + ": no success response");
      } else if (returnsEntity(e.method())
          && success.stream().noneMatch(c -> hasSchema(doc, responses.getJsonObject(c)))) {
        gaps.add(e + ": the success response has no schema");
      }
      if (e.canFail()
          && responses.keySet().stream()
              .noneMatch(
                  c -> c.startsWith("4") && isProblem(doc, resolve(doc, responses.get(c))))) {
        gaps.add(e + ": no 4xx response with the problem body");
      }
      if (e.authenticated()) {
        if (!responses.containsKey("401")) {
          gaps.add(e + ": needs a login but lists no 401");
        }
        if (!requiresBearer(doc, operation)) {
          gaps.add(e + ": needs a login but names no bearer security requirement");
        }
      }
    }
    return gaps;
  }

  private static String httpMethod(Method method) {
    for (var a : method.getAnnotations()) {
      var http = a.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value().toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  private static boolean authenticated(java.lang.reflect.AnnotatedElement element) {
    for (var a : element.getAnnotations()) {
      if (a.annotationType().getName().equals("dev.chorus.api.auth.Authenticated")) {
        return true;
      }
    }
    return false;
  }

  /** A body (a parameter without a JAX-RS annotation), or a path naming something. */
  private static boolean takesInput(Method method) {
    for (var annotations : method.getParameterAnnotations()) {
      boolean entity = true;
      for (var a : annotations) {
        if (a instanceof PathParam) {
          return true;
        }
        if (PARAMETER_ANNOTATIONS.contains(a.annotationType())) {
          entity = false;
        }
      }
      if (entity) {
        return true;
      }
    }
    return false;
  }

  private static boolean returnsEntity(Method method) {
    var type = method.getReturnType();
    return type != void.class && type != Response.class;
  }

  static String join(String... parts) {
    var b = new StringBuilder();
    for (var part : parts) {
      var p = part.replaceAll("^/+|/+$", "");
      if (!p.isEmpty()) {
        b.append('/').append(p);
      }
    }
    return b.length() == 0 ? "/" : b.toString();
  }

  /** Follows a {@code $ref} inside the document ({@code #/components/...}). */
  private static JsonObject resolve(JsonObject doc, JsonValue value) {
    if (!(value instanceof JsonObject object)) {
      return null;
    }
    var ref = object.get("$ref");
    if (!(ref instanceof JsonString s) || !s.getString().startsWith("#/")) {
      return object;
    }
    JsonValue at = doc;
    for (var step : s.getString().substring(2).split("/")) {
      if (!(at instanceof JsonObject o) || !o.containsKey(step)) {
        return null;
      }
      at = o.get(step);
    }
    return resolve(doc, at);
  }

  private static boolean hasSchema(JsonObject doc, JsonObject response) {
    var r = resolve(doc, response);
    var content = r == null ? null : r.getJsonObject("content");
    return content != null
        && content.values().stream()
            .map(JsonObject.class::cast)
            .anyMatch(m -> resolve(doc, m.get("schema")) != null);
  }

  private static boolean isProblem(JsonObject doc, JsonObject response) {
    var content = response == null ? null : response.getJsonObject("content");
    if (content == null) {
      return false;
    }
    for (var media : content.values()) {
      var schema = resolve(doc, ((JsonObject) media).get("schema"));
      var properties = schema == null ? null : schema.getJsonObject("properties");
      if (properties != null && properties.keySet().containsAll(PROBLEM_MEMBERS)) {
        return true;
      }
    }
    return false;
  }

  private static boolean requiresBearer(JsonObject doc, JsonObject operation) {
    var security =
        operation.containsKey("security")
            ? operation.getJsonArray("security")
            : doc.getJsonArray("security");
    if (security == null) {
      return false;
    }
    var schemes =
        doc.getJsonObject("components") == null
            ? null
            : doc.getJsonObject("components").getJsonObject("securitySchemes");
    return security.stream()
        .map(JsonObject.class::cast)
        .flatMap(s -> s.keySet().stream())
        .anyMatch(
            name ->
                schemes != null
                    && schemes.containsKey(name)
                    && "bearer"
                        .equalsIgnoreCase(schemes.getJsonObject(name).getString("scheme", "")));
  }
}
