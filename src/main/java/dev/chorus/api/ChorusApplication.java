package dev.chorus.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Mounts every resource in this package tree under {@code /api}. The annotations describe the API
 * for the server's {@code /openapi} document; every resource method carries its own.
 */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Chorus",
            version = "1",
            description =
                "Chat, rooms, calls and their administration. Errors are JSON problem bodies"
                    + " {status, title, detail, errors?, code?}. The WebSocket protocol is in"
                    + " docs/protocol.md."),
    tags = {
      @Tag(name = "sessions", description = "Log in and out"),
      @Tag(name = "accounts", description = "Register, one's own account, password"),
      @Tag(name = "auth", description = "Sign-in methods and single sign-on (OpenID Connect)"),
      @Tag(name = "users", description = "Find people"),
      @Tag(name = "conversations", description = "Direct conversations and their history"),
      @Tag(name = "rooms", description = "Rooms: directory, settings, members, moderation"),
      @Tag(name = "media", description = "What a browser needs for WebRTC"),
      @Tag(
          name = "streams",
          description =
              "WHIP ingest (RFC 9725) and WHEP playback in rooms, the list of a room's streams"),
      @Tag(name = "admin", description = "Administrators only")
    },
    // Every error is the same JSON problem shape: the methods name these by ref.
    components =
        @Components(
            // Spelled out: Payara does not introspect implementation= here. OpenApiIT checks these
            // names against the Problem record's components, so the two cannot drift apart.
            schemas =
                @Schema(
                    name = "Problem",
                    type = SchemaType.OBJECT,
                    description = "Every error body (RFC 9457 members, plus errors and code)",
                    requiredProperties = {"status", "title"},
                    properties = {
                      @SchemaProperty(name = "status", type = SchemaType.INTEGER),
                      @SchemaProperty(name = "title", type = SchemaType.STRING),
                      @SchemaProperty(name = "detail", type = SchemaType.STRING),
                      @SchemaProperty(
                          name = "errors",
                          type = SchemaType.ARRAY,
                          description = "The invalid fields of a 400: {field, message}"),
                      @SchemaProperty(
                          name = "code",
                          type = SchemaType.STRING,
                          description = "A domain failure's machine code, as on the socket")
                    }),
            responses = {
              @APIResponse(
                  name = "BadRequest",
                  responseCode = "400",
                  description = "Invalid input: a problem body whose errors name the fields",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = "Unauthorized",
                  responseCode = "401",
                  description = "No valid bearer token (or, logging in, wrong credentials)",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = "Forbidden",
                  responseCode = "403",
                  description = "The caller may not do this; detail says why",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = "NotFound",
                  responseCode = "404",
                  description = "No such thing, or the caller may not see it",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = "Conflict",
                  responseCode = "409",
                  description =
                      "The request conflicts with the current state (a name is taken, the media server is off)",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = "NotAcceptable",
                  responseCode = "406",
                  description = "No codec in common, or more tracks than a stream has",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = "PayloadTooLarge",
                  responseCode = "413",
                  description = "The body is larger than allowed",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = "UnsupportedMediaType",
                  responseCode = "415",
                  description = "The body's Content-Type is not the one this address takes",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = "PreconditionFailed",
                  responseCode = "412",
                  description = "If-Match does not match the resource's ETag",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = "Unprocessable",
                  responseCode = "422",
                  description = "Understood but not supported (e.g. a DTLS role or an ICE restart)",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = "PreconditionRequired",
                  responseCode = "428",
                  description = "The request needs If-Match",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = "Unavailable",
                  responseCode = "503",
                  description =
                      "The media server cannot take it now; Retry-After says when to retry",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = "TooManyRequests",
                  responseCode = "429",
                  description = "Over a rate limit or cap; Retry-After says when to try again",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(ref = "Problem")))
            }))
@SecurityScheme(
    securitySchemeName = ChorusApplication.BEARER,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "The token of POST /api/sessions, as 'Authorization: Bearer <token>'.")
public class ChorusApplication extends Application {
  /** The name resources use in {@code @SecurityRequirement}. */
  public static final String BEARER = "bearer";
}
