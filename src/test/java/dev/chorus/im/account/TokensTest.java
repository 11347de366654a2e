package dev.chorus.im.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class TokensTest {
  @Test
  void tokensCarry256RandomBitsAndAreUnique() {
    var seen = new HashSet<String>();
    for (int i = 0; i < 1000; i++) {
      var t = Tokens.newToken();
      assertEquals(32, Base64.getUrlDecoder().decode(t).length);
      assertTrue(Tokens.looksValid(t));
      assertTrue(seen.add(t));
    }
  }

  @Test
  void storedFormIsAHashNotTheToken() {
    var t = Tokens.newToken();
    var h = Tokens.hash(t);
    assertEquals(64, h.length());
    assertNotEquals(t, h);
    assertEquals(h, Tokens.hash(t));
  }

  @Test
  void malformedTokensAreRejectedBeforeAnyLookup() {
    assertFalse(Tokens.looksValid(null));
    assertFalse(Tokens.looksValid(""));
    assertFalse(Tokens.looksValid("a".repeat(42)));
    assertFalse(Tokens.looksValid("a".repeat(42) + "="));
    assertFalse(Tokens.looksValid("a".repeat(42) + "/"));
  }
}
