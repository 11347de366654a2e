package dev.chorus.im.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The roles of many people in one room, a few queries for all of them. Entering a room lists
 * everyone in it with their role: looked up one by one, a room of 1,000 cost 1,000 queries per
 * arrival, so filling it cost half a million, and fifty people coming back at once held up
 * everyone's chat for seconds.
 */
@ApplicationScoped
public class RoomRoles {
  /** Ids per query: well inside every database's limit on bound parameters. */
  static final int CHUNK = 500;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  /** Role by account id, for those of {@code accountIds} who are members (in a transaction). */
  Map<String, RoomRole> of(String roomId, Collection<String> accountIds) {
    var roles = new HashMap<String, RoomRole>();
    var ids = List.copyOf(accountIds);
    for (int from = 0; from < ids.size(); from += CHUNK) {
      var chunk = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
      for (var m :
          em.createQuery(
                  "select m from RoomMember m where m.roomId = :r and m.accountId in :ids",
                  RoomMember.class)
              .setParameter("r", roomId)
              .setParameter("ids", chunk)
              .getResultList()) {
        roles.put(m.accountId(), m.role());
      }
    }
    return roles;
  }
}
