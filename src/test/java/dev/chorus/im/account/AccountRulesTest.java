package dev.chorus.im.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chorus.im.common.FieldError;
import dev.chorus.im.common.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountRulesTest {
  @Test
  void normalisesUsernameAndDisplayName() {
    var r = AccountRules.validate("  Alice.B_c-1 ", "12345678", "  Alice  B ");
    assertEquals("alice.b_c-1", r.username());
    assertEquals("Alice  B", r.displayName());
    assertEquals("12345678", r.password(), "passwords are never trimmed");
  }

  @Test
  void usernameLengthAndAlphabet() {
    assertEquals(List.of("username"), fieldsOf("ab", "12345678", "X"));
    assertEquals(List.of("username"), fieldsOf("a".repeat(33), "12345678", "X"));
    assertEquals(List.of("username"), fieldsOf("al ice", "12345678", "X"));
    assertEquals(List.of("username"), fieldsOf("alice!", "12345678", "X"));
    assertEquals(List.of("username"), fieldsOf("ålice", "12345678", "X"));
    AccountRules.validate("a".repeat(32), "12345678", "X");
    AccountRules.validate("abc", "12345678", "X");
  }

  @Test
  void passwordLength() {
    assertEquals(List.of("password"), fieldsOf("alice", "1234567", "X"));
    assertEquals(List.of("password"), fieldsOf("alice", "x".repeat(257), "X"));
    assertEquals(List.of("password"), fieldsOf("alice", "", "X"));
    AccountRules.validate("alice", "        ", "X");
  }

  @Test
  void aNewPasswordFollowsTheRegistrationRulesUnderItsOwnFieldName() {
    for (var bad : new String[] {null, "", "1234567", "x".repeat(257)}) {
      var e =
          assertThrows(
              ValidationException.class, () -> AccountRules.validatePassword("newPassword", bad));
      assertEquals(List.of("newPassword"), e.errors().stream().map(FieldError::field).toList());
    }
    assertEquals("12345678", AccountRules.validatePassword("newPassword", "12345678"));
  }

  @Test
  void displayNameLengthAndControlCharacters() {
    assertEquals(List.of("displayName"), fieldsOf("alice", "12345678", "   "));
    assertEquals(List.of("displayName"), fieldsOf("alice", "12345678", "x".repeat(65)));
    assertEquals(List.of("displayName"), fieldsOf("alice", "12345678", "bell\u0007"));
    AccountRules.validate("alice", "12345678", "😀".repeat(64));
  }

  @Test
  void reportsEveryFieldAtOnce() {
    var e = assertThrows(ValidationException.class, () -> AccountRules.validate(null, null, null));
    assertEquals(3, e.errors().size());
    assertEquals("3 fields are invalid: [username, password, displayName]", e.getMessage());
  }

  private static List<String> fieldsOf(String u, String p, String d) {
    var e = assertThrows(ValidationException.class, () -> AccountRules.validate(u, p, d));
    return e.errors().stream().map(FieldError::field).toList();
  }
}
