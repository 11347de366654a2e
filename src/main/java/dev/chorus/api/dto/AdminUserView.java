package dev.chorus.api.dto;

import dev.chorus.im.admin.UserAdministration;
import java.time.Instant;

/**
 * An account as the admin API shows it: never a password hash or a directory subject. {@code
 * origin} is {@code local}, {@code ldap} or {@code oidc}; {@code admin} whatever made them one.
 */
public record AdminUserView(
    String id,
    String username,
    String displayName,
    String origin,
    boolean admin,
    boolean disabled,
    Instant createdAt,
    boolean online) {
  public static AdminUserView of(UserAdministration.UserSummary s) {
    var a = s.account();
    return new AdminUserView(
        a.id(),
        a.username(),
        a.displayName(),
        a.origin().wire(),
        s.admin(),
        a.isDisabled(),
        a.createdAt(),
        s.online());
  }
}
