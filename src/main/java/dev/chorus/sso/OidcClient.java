package dev.chorus.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Talks to one OpenID Connect provider with the Nimbus SDK: discovery (cached, re-read after an
 * hour or after a failure), the authorization URL with PKCE S256, the code exchange, and ID token
 * validation (signature against the provider's JWKS, issuer, audience, nonce, expiry). Every call
 * to the provider has the configured connect and read timeouts.
 */
final class OidcClient {
  private static final Duration METADATA_TTL = Duration.ofHours(1);

  /** Asymmetric algorithms only: an HMAC-signed ID token would need the client secret. */
  private static final Set<JWSAlgorithm> SUPPORTED =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512,
          JWSAlgorithm.EdDSA);

  private final OidcSettings settings;
  private final Clock clock;
  private final int timeoutMillis;

  /** The discovered provider and the validator bound to its keys; replaced when stale. */
  private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator, Instant at) {}

  private volatile Provider provider;

  OidcClient(OidcSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
  }

  /** Where to send the browser to sign in. */
  URI authorizationUri(String state, String nonce, String codeVerifier, URI redirectUri)
      throws SsoException {
    var metadata = provider().metadata();
    return new AuthenticationRequest.Builder(
            new ResponseType(ResponseType.Value.CODE),
            new Scope(settings.scopes().toArray(String[]::new)),
            new ClientID(settings.clientId()),
            redirectUri)
        .endpointURI(metadata.getAuthorizationEndpointURI())
        .state(new State(state))
        .nonce(new Nonce(nonce))
        .codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256)
        .build()
        .toURI();
  }

  /**
   * Exchanges the authorization code (with the PKCE verifier) for tokens and validates the ID
   * token.
   *
   * @return the ID token's claims
   */
  Map<String, Object> exchange(String code, String codeVerifier, URI redirectUri, String nonce)
      throws SsoException {
    var current = provider();
    var grant =
        new AuthorizationCodeGrant(
            new AuthorizationCode(code), redirectUri, new CodeVerifier(codeVerifier));
    var endpoint = current.metadata().getTokenEndpointURI();
    var clientId = new ClientID(settings.clientId());
    TokenRequest request;
    if (settings.clientSecret().isPresent()) {
      var secret = new Secret(settings.clientSecret().get());
      var methods = current.metadata().getTokenEndpointAuthMethods();
      request =
          methods != null
                  && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                  && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)
              ? new TokenRequest.Builder(endpoint, new ClientSecretPost(clientId, secret), grant)
                  .build()
              : new TokenRequest.Builder(endpoint, new ClientSecretBasic(clientId, secret), grant)
                  .build();
    } else {
      request = new TokenRequest.Builder(endpoint, clientId, grant).build();
    }
    var http = request.toHTTPRequest();
    http.setConnectTimeout(timeoutMillis);
    http.setReadTimeout(timeoutMillis);
    TokenResponse response;
    try {
      response = OIDCTokenResponseParser.parse(http.send());
    } catch (IOException e) {
      throw new SsoException(SsoFailure.UNREACHABLE, "token endpoint " + endpoint, e);
    } catch (ParseException e) {
      throw new SsoException(SsoFailure.INVALID_TOKEN, "unreadable token response", e);
    }
    if (!response.indicatesSuccess()) {
      var error = response.toErrorResponse().getErrorObject();
      throw new SsoException(
          SsoFailure.INVALID_TOKEN,
          "token endpoint refused the code: " + error.getCode() + " " + error.getDescription());
    }
    var tokens = response.toSuccessResponse().getTokens();
    if (!(tokens instanceof OIDCTokens oidc) || oidc.getIDToken() == null) {
      throw new SsoException(SsoFailure.INVALID_TOKEN, "the token response has no ID token");
    }
    try {
      return current.validator().validate(oidc.getIDToken(), new Nonce(nonce)).toJSONObject();
    } catch (BadJOSEException e) {
      throw new SsoException(SsoFailure.INVALID_TOKEN, "ID token rejected: " + e.getMessage(), e);
    } catch (JOSEException e) {
      throw new SsoException(SsoFailure.UNREACHABLE, "ID token not verifiable: " + e, e);
    }
  }

  /** The provider's logout endpoint for RP-initiated logout, when it has one. */
  Optional<URI> endSessionEndpoint() throws SsoException {
    return Optional.ofNullable(provider().metadata().getEndSessionEndpointURI());
  }

  private Provider provider() throws SsoException {
    var current = provider;
    if (current != null && clock.instant().isBefore(current.at().plus(METADATA_TTL))) {
      return current;
    }
    synchronized (this) {
      if (provider == current) {
        provider = discover();
      }
      return provider;
    }
  }

  private Provider discover() throws SsoException {
    var issuer = new Issuer(settings.issuer().toString());
    OIDCProviderMetadata metadata;
    try {
      metadata = OIDCProviderMetadata.resolve(issuer, timeoutMillis, timeoutMillis);
    } catch (IOException | GeneralException e) {
      throw new SsoException(
          SsoFailure.UNREACHABLE, "discovery of " + issuer + " failed: " + e.getMessage(), e);
    }
    var algorithms = new HashSet<JWSAlgorithm>(SUPPORTED);
    List<JWSAlgorithm> offered = metadata.getIDTokenJWSAlgs();
    if (offered != null && !offered.isEmpty()) {
      algorithms.retainAll(offered);
    }
    if (algorithms.isEmpty()) {
      throw new SsoException(
          SsoFailure.UNREACHABLE, "the provider signs ID tokens only with " + offered);
    }
    try {
      var retriever = new DefaultResourceRetriever(timeoutMillis, timeoutMillis, 512 * 1024);
      var keys =
          JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(), retriever)
              .refreshAheadCache(false)
              .build();
      var validator =
          new IDTokenValidator(
              metadata.getIssuer(),
              new ClientID(settings.clientId()),
              new JWSVerificationKeySelector<>(algorithms, keys),
              null);
      return new Provider(metadata, validator, clock.instant());
    } catch (MalformedURLException | IllegalArgumentException | NullPointerException e) {
      throw new SsoException(SsoFailure.UNREACHABLE, "no usable jwks_uri in discovery", e);
    }
  }
}
