package dev.chorus.im.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * One transaction that has committed when the call returns: user administration changes accounts,
 * sessions and rooms all or nothing, and only then closes sockets and writes the audit log.
 */
@ApplicationScoped
public class AdminTransaction {
  @Transactional
  public <T> T call(Supplier<T> work) {
    return work.get();
  }
}
