package dev.chorus.im.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Creates a conversation and both read markers in a transaction of their own. Two first messages
 * sent at once (two tabs, or both users) would otherwise both insert the same primary key, and the
 * second commit would fail and lose its message; this way the loser of the race fails only here and
 * then finds the winner's row. The conversation stays empty (and unlisted) until a message is
 * stored in it.
 */
@ApplicationScoped
public class ConversationStarter {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  /** Inserts the conversation; fails on commit if another transaction inserted it first. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void create(String key, String accountA, String accountB) {
    if (em.find(DirectConversation.class, key) != null) {
      return;
    }
    em.persist(new DirectConversation(key, accountA, accountB, Instant.EPOCH));
    em.persist(new ReadMarker(key, accountA));
    em.persist(new ReadMarker(key, accountB));
  }
}
