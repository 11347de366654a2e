/**
 * JSON shapes of the REST API as records: what a client sends and receives, nothing else.
 *
 * <p>Depends on the JDK, the {@code im} types it converts from and {@code wire} (the shapes the
 * socket sends too, such as a message).
 */
package dev.chorus.api.dto;
