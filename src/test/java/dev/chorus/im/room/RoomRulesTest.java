package dev.chorus.im.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chorus.im.common.ValidationException;
import org.junit.jupiter.api.Test;

class RoomRulesTest {
  @Test
  void aRoomPasswordHasAMinimumLengthOrIsNone() {
    var e =
        assertThrows(
            ValidationException.class, () -> RoomRules.validate("Design", "", "public", "12345"));
    assertEquals("password", e.errors().get(0).field());
    assertEquals("123456", RoomRules.validate("Design", "", "public", "123456").password());
    assertNull(RoomRules.validate("Design", "", "public", "").password());
    assertNull(RoomRules.validate("Design", "", "public", null).password());
  }

  @Test
  void topicsAndReasonsMustFitTheirColumnsEvenInEmoji() {
    // 200 emoji are 400 UTF-16 units: more than the 200-character column holds.
    var emoji = "😀".repeat(RoomRules.TOPIC_MAX);
    var e =
        assertThrows(
            ValidationException.class, () -> RoomRules.validate("Design", emoji, "public", null));
    assertEquals("topic", e.errors().get(0).field());
    assertThrows(ValidationException.class, () -> RoomRules.reason(emoji));
    assertEquals("😀".repeat(100), RoomRules.reason("😀".repeat(100)));
  }
}
