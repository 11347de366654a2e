package dev.chorus.im.account;

import dev.chorus.im.common.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds people: case-insensitive prefix search on the username and on any word of the display name,
 * ordered by username and paged by a keyset cursor (so pages stay stable while people register).
 */
@ApplicationScoped
public class UserDirectory {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;
  static final int MAX_QUERY = 64;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  /** One page of accounts and the cursor of the next page, if any. */
  public record Page(List<Account> items, Optional<String> nextCursor) {}

  public Page search(String query, Integer limit, String cursor) {
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw new ValidationException("limit", "limit must be between 1 and " + MAX_LIMIT + ".");
    }
    var q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    if (q.length() > MAX_QUERY) {
      throw new ValidationException("q", "The search text must be at most 64 characters.");
    }
    var after = decodeCursor(cursor);
    var like = escapeLike(q) + "%";
    var rows =
        em.createQuery(
                "select a from Account a where a.deletedAt is null and a.username > :after and (a.username like :p escape '!'"
                    + " or lower(a.displayName) like :p escape '!'"
                    + " or lower(a.displayName) like :wp escape '!') order by a.username",
                Account.class)
            .setParameter("after", after)
            .setParameter("p", like)
            .setParameter("wp", "% " + like)
            .setMaxResults(size + 1)
            .getResultList();
    if (rows.size() <= size) {
      return new Page(rows, Optional.empty());
    }
    var page = rows.subList(0, size);
    return new Page(List.copyOf(page), Optional.of(encodeCursor(page.get(size - 1).username())));
  }

  static String escapeLike(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  static String encodeCursor(String username) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(username.getBytes(StandardCharsets.UTF_8));
  }

  static String decodeCursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return "";
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("cursor", "The cursor is not one this server gave out.");
    }
  }
}
