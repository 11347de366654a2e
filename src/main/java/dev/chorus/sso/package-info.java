/**
 * Single sign-on with OpenID Connect: the authorization code flow with PKCE (S256) against one
 * configured provider (Keycloak, Entra ID, Okta, ...), ending in an ordinary Chorus session.
 *
 * <p>Why a library and not Jakarta Security's {@code @OpenIdAuthenticationMechanismDefinition}:
 * Jakarta Security 3.0 (Jakarta EE 10, what Payara 6 and WildFly implement) has no PKCE (it came in
 * 4.0), keeps the flow in the HTTP session and signs the caller into the container's security
 * context, while Chorus authenticates every request with its own bearer token and has no HTTP
 * session; on WildFly it also needs the {@code ee-security} Galleon layer and Elytron/Undertow
 * security-domain wiring the provisioned server does not have. The flow here uses the Nimbus OAuth
 * 2.0 / OpenID Connect SDK ({@code com.nimbusds:oauth2-oidc-sdk} from Maven Central, actively
 * maintained, the client many Java OIDC integrations build on) for discovery, the authorization
 * request, the token request and ID token validation (JWKS signature, issuer, audience, nonce,
 * expiry), so nothing cryptographic is written by hand, and the WAR stays portable: the library is
 * plain Java.
 *
 * <p>Payara Micro ships nimbus-jose-jwt 10.5 itself and may load it before the WAR's 10.9.1; the
 * flow works either way ({@code OidcBrowserIT} signs in through Keycloak on Payara Micro).
 *
 * <p>State, nonce and PKCE verifier never leave the server ({@link dev.chorus.sso.ExpiringCodes},
 * bounded, single use); the browser only carries an HttpOnly cookie that binds the callback to it.
 * Accounts are created and synced by the account core ({@code AccountService.signInExternal});
 * passwords are typed at the provider and never reach Chorus.
 *
 * <p>Depends on {@code im.account}, {@code im.session}, {@code im.common}, CDI and MicroProfile
 * Config; the REST edge is {@code api.AuthResource}.
 */
package dev.chorus.sso;
