package dev.chorus.im.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chorus.im.account.Account;
import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.Failure;
import dev.chorus.im.common.NotFoundException;
import dev.chorus.im.common.ValidationException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat failures carry the codes the protocol documents ({@code invalid_message}, {@code
 * unknown_user}) from where they are thrown, so REST and the socket show the same code.
 */
class ChatFailuresTest {
  private static final UserRef ALICE = new UserRef("a-1", "alice", "Alice");
  private ChatService chat;

  @BeforeEach
  void wire() {
    chat = new ChatService();
    chat.accounts = new OnlyAlice();
  }

  @Test
  void aMessageThatBreaksTheRulesIsAnInvalidMessage() {
    for (var text : new String[] {null, "", "   ", "x".repeat(ChatRules.MAX_TEXT + 1)}) {
      var e = assertThrows(ValidationException.class, () -> ChatRules.text(text));
      assertEquals("invalid_message", e.code());
      assertEquals(Failure.BAD_REQUEST, e.failure());
      assertEquals("text", e.errors().get(0).field());
    }
    var id = assertThrows(ValidationException.class, () -> ChatRules.clientMessageId(""));
    assertEquals("invalid_message", id.code());
    assertEquals("text", ChatRules.text("text"));
  }

  @Test
  void sendingToNobodyIsAnUnknownUser() {
    var e =
        assertThrows(NotFoundException.class, () -> chat.sendDirect(ALICE, "nobody", "hi", null));
    assertEquals("unknown_user", e.code());
    assertEquals(Failure.NOT_FOUND, e.failure());
    var read = assertThrows(NotFoundException.class, () -> chat.markRead(ALICE, "nobody", 1));
    assertEquals("unknown_user", read.code());
  }

  @Test
  void aBadTextIsRefusedBeforeTheRecipientIsLookedUp() {
    var e =
        assertThrows(ValidationException.class, () -> chat.sendDirect(ALICE, "nobody", " ", null));
    assertEquals("invalid_message", e.code());
  }

  @Test
  void aMessageToOneselfIsAnInvalidMessage() {
    var e =
        assertThrows(ValidationException.class, () -> chat.sendDirect(ALICE, "alice", "hi", null));
    assertEquals("invalid_message", e.code());
    assertEquals("to", e.errors().get(0).field());
  }

  private static final class OnlyAlice extends AccountService {
    @Override
    public Optional<Account> findByUsername(String username) {
      if (!username.equals(ALICE.username())) {
        return Optional.empty();
      }
      return Optional.of(
          new Account() {
            @Override
            public String id() {
              return ALICE.id();
            }

            @Override
            public String username() {
              return ALICE.username();
            }

            @Override
            public String displayName() {
              return ALICE.displayName();
            }
          });
    }
  }
}
