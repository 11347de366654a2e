package dev.chorus.im.call;

/**
 * Whether a user has a tab open that can ring. Only the socket edge knows; it provides the one bean
 * of this type.
 */
public interface OpenTabs {
  boolean anyOpen(String accountId);
}
