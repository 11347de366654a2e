package dev.chorus.api.auth;

import dev.chorus.im.account.Account;
import dev.chorus.im.account.AdminPolicy;
import dev.chorus.im.common.ForbiddenException;
import dev.chorus.im.session.SessionService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** Who is calling, set by {@link BearerTokenFilter} for {@link Authenticated} requests. */
@RequestScoped
public class CurrentUser {
  @Inject AdminPolicy adminPolicy;

  private SessionService.Authenticated session;

  void set(SessionService.Authenticated session) {
    this.session = session;
  }

  public Account account() {
    return require().account();
  }

  public String tokenHash() {
    return require().tokenHash();
  }

  /**
   * Fails with 403 unless the caller is an administrator ({@code chorus.admins}).
   *
   * @throws ForbiddenException for everyone else
   */
  public Account requireAdmin() {
    var account = account();
    if (!adminPolicy.isAdmin(account)) {
      throw new ForbiddenException("Only Chorus administrators may do this.");
    }
    return account;
  }

  private SessionService.Authenticated require() {
    if (session == null) {
      throw new IllegalStateException("CurrentUser read on a request that was not authenticated");
    }
    return session;
  }
}
