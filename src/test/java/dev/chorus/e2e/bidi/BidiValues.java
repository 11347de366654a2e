package dev.chorus.e2e.bidi;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.WebElement;

/**
 * Java values to BiDi LocalValues and RemoteValues back to what Selenium's executeScript returns:
 * Long for integers, Double, Boolean, String, List, Map and WebElement for DOM nodes. See
 * https://w3c.github.io/webdriver-bidi/#data-types-protocolValue.
 */
final class BidiValues {
  private BidiValues() {}

  /** The LocalValue for a script argument; elements are passed as shared references. */
  static JsonValue local(Object value) {
    if (value == null) {
      return typed("null").build();
    } else if (value instanceof String s) {
      return typed("string").add("value", s).build();
    } else if (value instanceof Boolean b) {
      return typed("boolean").add("value", b).build();
    } else if (value instanceof Integer || value instanceof Long) {
      return typed("number").add("value", ((Number) value).longValue()).build();
    } else if (value instanceof Number n) {
      var d = n.doubleValue();
      return Double.isFinite(d)
          ? typed("number").add("value", d).build()
          : typed("number")
              .add("value", Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity")
              .build();
    } else if (value instanceof BidiElement e) {
      return Json.createObjectBuilder().add("sharedId", e.sharedId()).build();
    } else if (value instanceof Collection<?> c) {
      var items = Json.createArrayBuilder();
      c.forEach(item -> items.add(local(item)));
      return typed("array").add("value", items).build();
    } else if (value instanceof Map<?, ?> m) {
      var pairs = Json.createArrayBuilder();
      m.forEach(
          (k, v) -> pairs.add(Json.createArrayBuilder().add(String.valueOf(k)).add(local(v))));
      return typed("object").add("value", pairs).build();
    }
    throw new IllegalArgumentException("cannot pass " + value.getClass() + " to a script");
  }

  private static jakarta.json.JsonObjectBuilder typed(String type) {
    return Json.createObjectBuilder().add("type", type);
  }

  static JsonArray arguments(Object... args) {
    var array = Json.createArrayBuilder();
    for (var arg : args) {
      array.add(local(arg));
    }
    return array.build();
  }

  /** The Java value of a RemoteValue; {@code element} makes a WebElement of a node's sharedId. */
  static Object remote(JsonObject value, Function<String, WebElement> element) {
    var type = value.getString("type");
    var inner = value.get("value");
    return switch (type) {
      case "undefined", "null" -> null;
      case "string" -> ((JsonString) inner).getString();
      case "boolean" -> inner == JsonValue.TRUE;
      case "number" -> number(inner);
      case "bigint" -> Long.parseLong(((JsonString) inner).getString());
      case "node" -> element.apply(value.getString("sharedId"));
      case "array", "set", "nodelist", "htmlcollection" -> {
        var list = new ArrayList<Object>();
        if (inner instanceof JsonArray items) {
          items.forEach(item -> list.add(remote(item.asJsonObject(), element)));
        }
        yield list;
      }
      case "object", "map" -> {
        var map = new LinkedHashMap<String, Object>();
        if (inner instanceof JsonArray pairs) {
          for (var pair : pairs) {
            var key = pair.asJsonArray().get(0);
            var name =
                key instanceof JsonString s
                    ? s.getString()
                    : String.valueOf(remote(key.asJsonObject(), element));
            map.put(name, remote(pair.asJsonArray().getJsonObject(1), element));
          }
        }
        yield map;
      }
      case "date" -> ((JsonString) inner).getString();
      default -> inner instanceof JsonString s ? s.getString() : null;
    };
  }

  private static Object number(JsonValue inner) {
    if (inner instanceof JsonString special) {
      return switch (special.getString()) {
        case "NaN" -> Double.NaN;
        case "-0" -> -0.0;
        case "Infinity" -> Double.POSITIVE_INFINITY;
        default -> Double.NEGATIVE_INFINITY;
      };
    }
    var n = (JsonNumber) inner;
    var d = n.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15 ? (Object) (long) d : d;
  }
}
