package dev.chorus.im.audit;

import dev.chorus.im.common.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Stores audit entries, each in its own transaction (an entry is written after the action it
 * records committed, and a failing write never undoes that action), and reads them newest first
 * with filters, paged by the id of the last entry seen.
 */
@ApplicationScoped
public class AuditLog {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;

  /** Filters of a read; every one may be null. {@code actor} is an account id or a username. */
  public record Query(String actor, String action, Instant since, Instant until) {}

  /** One page, newest first; the cursor of the next page if there is one. */
  public record Page(List<AuditEntry> items, Optional<String> nextCursor) {}

  @Transactional(TxType.REQUIRES_NEW)
  public void record(AuditEvent event) {
    em.persist(new AuditEntry(event, clock.instant()));
  }

  /**
   * @throws ValidationException for a bad limit or cursor, or since after until
   */
  // In a transaction although it only reads: Payara hands a non-transactional read after an
  // earlier transaction of the same request an entity manager that is already closed.
  @Transactional
  public Page read(Query query, Integer limit, String cursor) {
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw new ValidationException("limit", "limit must be between 1 and " + MAX_LIMIT + ".");
    }
    Long before = decodeCursor(cursor);
    if (query.since() != null && query.until() != null && query.since().isAfter(query.until())) {
      throw new ValidationException("since", "'since' must not be after 'until'.");
    }
    var where = new ArrayList<String>();
    if (before != null) {
      where.add("e.id < :before");
    }
    if (query.actor() != null) {
      where.add("(e.actorId = :actor or e.actorUsername = :actorName)");
    }
    if (query.action() != null) {
      where.add(query.action().endsWith(".") ? "e.action like :action" : "e.action = :action");
    }
    if (query.since() != null) {
      where.add("e.at >= :since");
    }
    if (query.until() != null) {
      where.add("e.at < :until");
    }
    var jpql =
        "select e from AuditEntry e"
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
            + " order by e.id desc";
    var q = em.createQuery(jpql, AuditEntry.class).setMaxResults(size + 1);
    if (before != null) {
      q.setParameter("before", before);
    }
    if (query.actor() != null) {
      q.setParameter("actor", query.actor());
      q.setParameter("actorName", query.actor().toLowerCase(Locale.ROOT));
    }
    if (query.action() != null) {
      // A prefix holds only [a-z0-9_.]: '_' is the one LIKE wildcard to escape, and a stray
      // match on it would only widen a filter, so it is left as is.
      q.setParameter(
          "action", query.action().endsWith(".") ? query.action() + "%" : query.action());
    }
    if (query.since() != null) {
      q.setParameter("since", query.since());
    }
    if (query.until() != null) {
      q.setParameter("until", query.until());
    }
    var rows = q.getResultList();
    if (rows.size() <= size) {
      return new Page(rows, Optional.empty());
    }
    var page = List.copyOf(rows.subList(0, size));
    return new Page(page, Optional.of(Long.toString(page.get(size - 1).id())));
  }

  /** Deletes entries older than {@code cutoff}; how many. */
  @Transactional
  public int deleteBefore(Instant cutoff) {
    return em.createQuery("delete from AuditEntry e where e.at < :cutoff")
        .setParameter("cutoff", cutoff)
        .executeUpdate();
  }

  static Long decodeCursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      long id = Long.parseLong(cursor);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // falls through to the refusal
    }
    throw new ValidationException("cursor", "The cursor is not one this server gave out.");
  }
}
