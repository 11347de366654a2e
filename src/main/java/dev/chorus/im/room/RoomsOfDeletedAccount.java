package dev.chorus.im.room;

import dev.chorus.im.chat.RoomMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * What happens to rooms when an administrator deletes an account: each room it owned passes to its
 * longest-standing admin, else its longest-standing member; a room with nobody else in it is
 * deleted with its messages. The account's memberships, invites and bans go. The database part
 * joins the caller's transaction; {@link #announce} runs after it committed.
 */
@ApplicationScoped
public class RoomsOfDeletedAccount {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject RoomMessages messages;
  @Inject RoomOccupancy occupancy;
  @Inject Event<RoomEvent> events;

  /** The rooms that changed owner and those that were deleted. */
  public record Outcome(List<String> handedOver, List<String> deleted) {}

  @Transactional(Transactional.TxType.MANDATORY)
  public Outcome release(String accountId) {
    var owned =
        em.createQuery("select r from Room r where r.ownerId = :a", Room.class)
            .setParameter("a", accountId)
            .getResultList();
    var handedOver = new ArrayList<String>();
    var deleted = new ArrayList<String>();
    for (var room : owned) {
      var successor =
          em.createQuery(
                  "select m from RoomMember m where m.roomId = :r and m.accountId <> :a"
                      + " order by case when m.role = :admin then 0 else 1 end, m.joinedAt",
                  RoomMember.class)
              .setParameter("r", room.id())
              .setParameter("a", accountId)
              .setParameter("admin", RoomRole.ADMIN)
              .setMaxResults(1)
              .getResultStream()
              .findFirst();
      if (successor.isPresent()) {
        successor.get().setRole(RoomRole.OWNER);
        em.createQuery("update Room r set r.ownerId = :o where r.id = :r")
            .setParameter("o", successor.get().accountId())
            .setParameter("r", room.id())
            .executeUpdate();
        handedOver.add(room.id());
      } else {
        messages.deleteAll(room.id());
        for (var entity : List.of("RoomBan", "RoomInvite", "RoomMember", "RoomPresenter")) {
          em.createQuery("delete from " + entity + " x where x.roomId = :r")
              .setParameter("r", room.id())
              .executeUpdate();
        }
        em.remove(room);
        deleted.add(room.id());
      }
    }
    for (var entity : List.of("RoomMember", "RoomInvite", "RoomBan", "RoomPresenter")) {
      em.createQuery("delete from " + entity + " x where x.accountId = :a")
          .setParameter("a", accountId)
          .executeUpdate();
    }
    return new Outcome(List.copyOf(handedOver), List.copyOf(deleted));
  }

  /** After the commit: deleted rooms are closed for whoever is in them, the others refreshed. */
  public void announce(Outcome outcome) {
    for (var roomId : outcome.deleted()) {
      events.fire(new RoomEvent.RoomClosed(roomId, occupancy.close(roomId)));
    }
    for (var roomId : outcome.handedOver()) {
      events.fire(new RoomEvent.RoomUpdated(roomId));
    }
  }
}
