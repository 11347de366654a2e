/**
 * Turns every failure into a JSON problem body {@code {status, title, detail}} with the right
 * status, so no stack trace or HTML error page ever reaches a client. A domain failure's status
 * comes from its kind ({@code FailureStatus}) and the body adds its machine {@code code}.
 *
 * <p>Depends on {@code im.common} and {@code api.dto}.
 */
package dev.chorus.api.error;
