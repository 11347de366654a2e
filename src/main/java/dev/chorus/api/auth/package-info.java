/**
 * Bearer-token authentication for REST: the {@link dev.chorus.api.auth.Authenticated} binding, the
 * filter that enforces it, and the request-scoped {@link dev.chorus.api.auth.CurrentUser}.
 *
 * <p>Depends on {@code im.session}.
 */
package dev.chorus.api.auth;
