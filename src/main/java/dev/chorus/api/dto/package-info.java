/**
 * JSON shapes of the REST API as records: what a client sends and receives, nothing else.
 *
 * <p>Depends on the JDK and the {@code im} types it converts from.
 */
package dev.chorus.api.dto;
