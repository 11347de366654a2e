package dev.chorus.e2e.bidi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * WebDriver BiDi values (https://w3c.github.io/webdriver-bidi/#data-types-protocolValue) to and
 * from what Selenium's executeScript gives and takes, and Selenium's key codes as BiDi key actions.
 */
class BidiValuesTest {
  static Stream<Arguments> remoteValues() {
    return Stream.of(
        Arguments.of("{\"type\":\"undefined\"}", null),
        Arguments.of("{\"type\":\"null\"}", null),
        Arguments.of("{\"type\":\"string\",\"value\":\"hi\"}", "hi"),
        Arguments.of("{\"type\":\"boolean\",\"value\":true}", true),
        Arguments.of("{\"type\":\"number\",\"value\":42}", 42L),
        Arguments.of("{\"type\":\"number\",\"value\":42.0}", 42L),
        Arguments.of("{\"type\":\"number\",\"value\":1.5}", 1.5),
        Arguments.of("{\"type\":\"number\",\"value\":\"NaN\"}", Double.NaN),
        Arguments.of("{\"type\":\"number\",\"value\":\"-Infinity\"}", Double.NEGATIVE_INFINITY),
        Arguments.of("{\"type\":\"bigint\",\"value\":\"9007199254740993\"}", 9007199254740993L),
        Arguments.of(
            "{\"type\":\"array\",\"value\":[{\"type\":\"number\",\"value\":1},"
                + "{\"type\":\"string\",\"value\":\"x\"}]}",
            List.of(1L, "x")),
        Arguments.of(
            "{\"type\":\"object\",\"value\":[[\"a\",{\"type\":\"number\",\"value\":2}],"
                + "[\"b\",{\"type\":\"null\"}]]}",
            map("a", 2L, "b", null)),
        Arguments.of(
            "{\"type\":\"map\",\"value\":[[{\"type\":\"number\",\"value\":1},"
                + "{\"type\":\"boolean\",\"value\":false}]]}",
            map("1", false)),
        // A cycle is sent as a bare reference without a value.
        Arguments.of("{\"type\":\"object\",\"internalId\":\"7\"}", map()),
        Arguments.of(
            "{\"type\":\"node\",\"sharedId\":\"n-1\",\"value\":{}}", new BidiElement(null, "n-1")));
  }

  @ParameterizedTest
  @MethodSource("remoteValues")
  void remoteValueToJava(String json, Object expected) {
    var value = Json.createReader(new StringReader(json)).readObject();
    assertEquals(expected, BidiValues.remote(value, id -> new BidiElement(null, id)));
  }

  static Stream<Arguments> localValues() {
    return Stream.of(
        Arguments.of(null, "{\"type\":\"null\"}"),
        Arguments.of("a\"b", "{\"type\":\"string\",\"value\":\"a\\\"b\"}"),
        Arguments.of(3, "{\"type\":\"number\",\"value\":3}"),
        Arguments.of(3L, "{\"type\":\"number\",\"value\":3}"),
        Arguments.of(0.25, "{\"type\":\"number\",\"value\":0.25}"),
        Arguments.of(Double.NaN, "{\"type\":\"number\",\"value\":\"NaN\"}"),
        Arguments.of(true, "{\"type\":\"boolean\",\"value\":true}"),
        Arguments.of(
            List.of("x", 1),
            "{\"type\":\"array\",\"value\":[{\"type\":\"string\",\"value\":\"x\"},"
                + "{\"type\":\"number\",\"value\":1}]}"),
        Arguments.of(
            Map.of("k", false),
            "{\"type\":\"object\",\"value\":[[\"k\",{\"type\":\"boolean\",\"value\":false}]]}"));
  }

  @ParameterizedTest
  @MethodSource("localValues")
  void javaToLocalValue(Object value, String expected) {
    assertEquals(expected, BidiValues.local(value).toString());
  }

  @Test
  void anElementIsPassedAsASharedReference() {
    assertEquals(
        "{\"sharedId\":\"n-9\"}", BidiValues.local(new BidiElement(null, "n-9")).toString());
  }

  @Test
  void anUnknownTypeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> BidiValues.local(new Object()));
  }

  static Stream<Arguments> keys() {
    return Stream.of(
        Arguments.of("ab", "down:a up:a down:b up:b"),
        // Enter is WebDriver key U+E007.
        Arguments.of("\uE007", "down:\uE007 up:\uE007"),
        // Shift (U+E008) stays down until Keys.NULL (U+E000), as Keys.chord(SHIFT, ENTER) sends.
        Arguments.of(
            "\uE008\uE007\uE000x", "down:\uE008 down:\uE007 up:\uE007 up:\uE008 down:x up:x"),
        // A modifier still down at the end is released.
        Arguments.of("\uE009a", "down:\uE009 down:a up:a up:\uE009"),
        // A character outside the BMP is one key.
        Arguments.of("\uD83D\uDE00", "down:\uD83D\uDE00 up:\uD83D\uDE00"));
  }

  @ParameterizedTest
  @MethodSource("keys")
  void keysAsSeleniumTypesThem(String text, String expected) {
    var source = BidiInput.type(text).build().getJsonObject(0);
    assertEquals("key", source.getString("type"));
    var steps = source.getJsonArray("actions").stream().map(BidiValuesTest::step).toList();
    assertEquals(expected, String.join(" ", steps));
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    var map = new LinkedHashMap<String, Object>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static String step(JsonValue step) {
    var o = step.asJsonObject();
    return (o.getString("type").equals("keyDown") ? "down:" : "up:") + o.getString("value");
  }
}
