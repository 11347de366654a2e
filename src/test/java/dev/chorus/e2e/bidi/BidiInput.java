package dev.chorus.e2e.bidi;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Real input through {@code input.performActions}
 * (https://w3c.github.io/webdriver-bidi/#command-input-performActions): a mouse click at an
 * element's centre and key strokes, so pages see trusted events with user activation.
 */
final class BidiInput {
  /** Selenium's Keys.NULL: releases the modifiers held so far. */
  private static final int NULL = 0xE000;

  /** Selenium's Keys for Shift, Control, Alt and Meta (both sides): held until NULL or the end. */
  private static final List<Integer> MODIFIERS =
      List.of(0xE008, 0xE009, 0xE00A, 0xE03D, 0xE050, 0xE051, 0xE052, 0xE053);

  private BidiInput() {}

  /** A left click at the centre of the element with {@code sharedId}. */
  static JsonArrayBuilder click(String sharedId) {
    var origin =
        Json.createObjectBuilder()
            .add("type", "element")
            .add("element", Json.createObjectBuilder().add("sharedId", sharedId));
    var steps =
        Json.createArrayBuilder()
            .add(
                Json.createObjectBuilder()
                    .add("type", "pointerMove")
                    .add("x", 0)
                    .add("y", 0)
                    .add("origin", origin))
            .add(Json.createObjectBuilder().add("type", "pointerDown").add("button", 0))
            .add(Json.createObjectBuilder().add("type", "pointerUp").add("button", 0));
    return Json.createArrayBuilder()
        .add(
            Json.createObjectBuilder()
                .add("type", "pointer")
                .add("id", "mouse")
                .add("parameters", Json.createObjectBuilder().add("pointerType", "mouse"))
                .add("actions", steps));
  }

  /**
   * Key strokes for {@code text} as Selenium's sendKeys reads it: WebDriver key codes (U+E000…) are
   * special keys, a modifier stays down until Keys.NULL or the end of the text.
   */
  static JsonArrayBuilder type(CharSequence text) {
    var steps = Json.createArrayBuilder();
    var held = new ArrayList<String>();
    text.codePoints()
        .forEach(
            cp -> {
              var key = new String(Character.toChars(cp));
              if (cp == NULL) {
                held.forEach(k -> steps.add(key("keyUp", k)));
                held.clear();
              } else if (MODIFIERS.contains(cp)) {
                steps.add(key("keyDown", key));
                held.add(key);
              } else {
                steps.add(key("keyDown", key)).add(key("keyUp", key));
              }
            });
    held.forEach(k -> steps.add(key("keyUp", k)));
    return Json.createArrayBuilder()
        .add(
            Json.createObjectBuilder()
                .add("type", "key")
                .add("id", "keyboard")
                .add("actions", steps));
  }

  private static jakarta.json.JsonObjectBuilder key(String type, String value) {
    return Json.createObjectBuilder().add("type", type).add("value", value);
  }
}
