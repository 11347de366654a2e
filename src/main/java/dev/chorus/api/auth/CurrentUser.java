package dev.chorus.api.auth;

import dev.chorus.im.account.Account;
import dev.chorus.im.session.SessionService;
import jakarta.enterprise.context.RequestScoped;

/** Who is calling, set by {@link BearerTokenFilter} for {@link Authenticated} requests. */
@RequestScoped
public class CurrentUser {
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

  private SessionService.Authenticated require() {
    if (session == null) {
      throw new IllegalStateException("CurrentUser read on a request that was not authenticated");
    }
    return session;
  }
}
