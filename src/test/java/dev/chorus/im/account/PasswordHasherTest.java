package dev.chorus.im.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  // Cheap parameters keep the test fast; the format and the algorithm are the same.
  private final PasswordHasher hasher = new PasswordHasher(new PasswordHasher.Params(1024, 1, 1));

  @Test
  void hashIsArgon2idInPhcFormatAndVerifies() {
    var hash = hasher.hash("correct horse battery");
    assertTrue(
        hash.matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"),
        hash);
    assertTrue(hasher.verify("correct horse battery", hash));
  }

  @Test
  void wrongPasswordDoesNotVerify() {
    var hash = hasher.hash("correct horse battery");
    assertFalse(hasher.verify("correct horse batterY", hash));
    assertFalse(hasher.verify("", hash));
  }

  @Test
  void saltMakesEqualPasswordsHashDifferently() {
    assertNotEquals(hasher.hash("same password"), hasher.hash("same password"));
  }

  @Test
  void verifiesHashesMadeWithOtherParameters() {
    var stronger = new PasswordHasher(new PasswordHasher.Params(2048, 2, 1));
    var hash = stronger.hash("upgrade me");
    assertTrue(hasher.verify("upgrade me", hash), "parameters are read from the stored hash");
  }

  @Test
  void unreadableStoredHashesNeverVerify() {
    for (var bad :
        new String[] {
          null,
          "",
          "plain",
          "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
          "$argon2id$v=19$m=0,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
          "$argon2id$v=19$m=x,t=1,p=1$a$b",
          "$argon2id$v=19$m=1024,t=1,p=1$!!!$aGFzaA",
          "$argon2id$v=19$m=1024,t=1,p=1,q=2$a$b"
        }) {
      assertFalse(hasher.verify("anything", bad), String.valueOf(bad));
    }
  }

  @Test
  void unicodePasswordsRoundTrip() {
    var hash = hasher.hash("pässwörd-🔑");
    assertTrue(hasher.verify("pässwörd-🔑", hash));
    assertFalse(hasher.verify("passwörd-🔑", hash));
  }
}
