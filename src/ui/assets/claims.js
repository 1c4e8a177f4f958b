// jot ui: what claim and header names mean, shown on hover (a title attribute) in the JSON
// trees. Registered claims (RFC 7519), OpenID Connect, other IETF specs, and the common
// provider claims of Entra ID (Azure AD), Auth0, Keycloak and Google. A name not listed is
// shown plain: nothing is guessed. Only names are looked up; values are never read here.
'use strict';
(() => {
  const PAYLOAD = {
    // RFC 7519 registered claims
    iss: 'issuer: who made and signed the token (RFC 7519)',
    sub: 'subject: who the token is about, unique within the issuer (RFC 7519)',
    aud: 'audience: who the token is for; a service must refuse a token not meant for it (RFC 7519)',
    exp: 'expiration time: not to be accepted on or after this time (RFC 7519)',
    nbf: 'not before: not to be accepted before this time (RFC 7519)',
    iat: 'issued at: when the token was made (RFC 7519)',
    jti: 'JWT ID: a unique id, used to detect replay (RFC 7519)',
    // OpenID Connect Core
    auth_time: 'when the user last actually authenticated (OpenID Connect)',
    nonce: 'value from the login request, tying the ID token to it against replay (OpenID Connect)',
    acr: 'authentication context class: how strong the login was (OpenID Connect; Keycloak: 1 = password, 0 = from a remembered session)',
    amr: 'authentication methods used, e.g. pwd, mfa, otp (OpenID Connect, RFC 8176)',
    azp: 'authorized party: the client the token was issued to (OpenID Connect; Entra ID v2, Keycloak, Google)',
    at_hash: 'access token hash: binds the ID token to the access token issued with it (OpenID Connect; Google)',
    c_hash: 'code hash: binds the ID token to the authorization code (OpenID Connect)',
    s_hash: 'state hash: binds the ID token to the state parameter (FAPI)',
    sid: 'session id at the provider, for logout (OpenID Connect; Keycloak, Entra ID)',
    name: 'full name (OpenID Connect)',
    given_name: 'given (first) name (OpenID Connect)',
    family_name: 'surname (OpenID Connect)',
    middle_name: 'middle name (OpenID Connect)',
    nickname: 'casual name (OpenID Connect)',
    preferred_username: 'the name the user likes to be shown as; not unique, not stable: never an id (OpenID Connect; Keycloak, Entra ID v2)',
    profile: 'profile page address (OpenID Connect)',
    picture: 'profile picture address (OpenID Connect; Google)',
    website: 'web page or blog address (OpenID Connect)',
    email: 'email address; trust it only with email_verified (OpenID Connect)',
    email_verified: 'whether the provider verified the email address (OpenID Connect; Google, Auth0, Keycloak)',
    gender: 'gender (OpenID Connect)',
    birthdate: 'birthday, YYYY-MM-DD (OpenID Connect)',
    zoneinfo: 'time zone, e.g. Europe/Paris (OpenID Connect)',
    locale: 'language and region, e.g. en-US (OpenID Connect; Google)',
    phone_number: 'phone number (OpenID Connect)',
    phone_number_verified: 'whether the provider verified the phone number (OpenID Connect)',
    address: 'postal address, an object (OpenID Connect)',
    updated_at: 'when the profile was last changed, in seconds (OpenID Connect)',
    // Other IETF specifications
    scope: 'space-separated scopes granted (RFC 8693, RFC 9068; Auth0, Keycloak)',
    client_id: 'the client the token was issued to (RFC 8693, RFC 9068)',
    cnf: 'confirmation: the key the holder must prove possession of (RFC 7800; DPoP jkt, mTLS x5t#S256)',
    act: 'actor: who acts on behalf of the subject (token exchange, RFC 8693)',
    may_act: 'who may act on behalf of the subject (RFC 8693)',
    groups: 'groups the user belongs to (RFC 9068; Entra ID: group object ids)',
    roles: 'roles granted (RFC 9068; Entra ID app roles)',
    entitlements: 'entitlements granted (RFC 9068)',
    events: 'the events of a Security Event Token (RFC 8417)',
    htm: 'HTTP method of the request a DPoP proof is for (RFC 9449)',
    htu: 'HTTP URL of the request a DPoP proof is for (RFC 9449)',
    ath: 'hash of the access token a DPoP proof goes with (RFC 9449)',
    _sd: 'digests of selectively disclosable claims (SD-JWT, RFC 9901)',
    _sd_alg: 'hash algorithm of the SD-JWT digests (RFC 9901)',
    vct: 'verifiable credential type (SD-JWT VC)',
    status: 'where to check whether the token was revoked (token status list)',
    // Entra ID (Azure AD)
    oid: 'object id: the user or app in Entra ID, stable across apps in the tenant; use with tid as the key (Entra ID)',
    tid: 'tenant id: the Entra ID directory the user signed in to (Entra ID)',
    upn: 'user principal name, e.g. user@contoso.com; can change: not an id (Entra ID)',
    unique_name: 'a display name for the user, v1 tokens; can change: not an id (Entra ID)',
    scp: 'delegated scopes (permissions) the client was granted, space-separated (Entra ID)',
    appid: 'the client app id, v1 tokens (Entra ID)',
    appidacr: 'how the client authenticated, v1: 0 public, 1 secret, 2 certificate (Entra ID)',
    azpacr: 'how the client authenticated, v2: 0 public, 1 secret, 2 certificate (Entra ID)',
    ver: 'token format version, 1.0 or 2.0 (Entra ID)',
    idp: 'the identity provider that authenticated the user (Entra ID)',
    ipaddr: 'IP address the user authenticated from (Entra ID)',
    uti: 'token id, internal (Entra ID)',
    rh: 'internal claim used to revalidate tokens (Entra ID)',
    aio: 'internal claim, opaque (Entra ID)',
    wids: 'directory roles of the user, as role template ids (Entra ID)',
    hasgroups: 'the user is in too many groups to list; ask Microsoft Graph (Entra ID)',
    acrs: 'authentication context ids the user satisfied (Entra ID)',
    xms_cc: 'client capabilities, e.g. cp1 for continuous access evaluation (Entra ID)',
    onprem_sid: 'the on-premises security identifier (Entra ID)',
    ctry: 'the user\'s country or region (Entra ID)',
    login_hint: 'an opaque hint for signing the user in again (Entra ID)',
    // Auth0
    permissions: 'permissions from Auth0 RBAC granted to this client for this API (Auth0)',
    org_id: 'the Auth0 Organization the user logged in through (Auth0)',
    org_name: 'the Auth0 Organization name (Auth0)',
    gty: 'grant type, e.g. client-credentials (Auth0)',
    // Keycloak
    realm_access: 'realm roles of the user: {"roles": […]} (Keycloak)',
    resource_access: 'client roles of the user, per client: {"client": {"roles": […]}} (Keycloak)',
    typ: 'token type: Bearer, ID or Refresh (Keycloak)',
    session_state: 'the Keycloak session id (Keycloak)',
    'allowed-origins': 'web origins allowed for CORS with this token (Keycloak)',
    // Google
    hd: 'hosted domain: the Google Workspace domain of the account; check it to limit sign-in to your domain (Google)',
  };

  const HEADER = {
    alg: 'algorithm that signs or encrypts the token; a verifier must not let the token choose it (RFC 7515)',
    typ: 'media type of the token, e.g. JWT, at+jwt, dpop+jwt (RFC 7515)',
    cty: 'content type of the payload; JWT for a nested token (RFC 7515)',
    kid: 'key id: which key signed or encrypted the token (RFC 7515)',
    jku: 'a URL of a key set; trusting it lets the token pick its key (RFC 7515)',
    jwk: 'a key embedded in the token; trusting it lets anyone sign (RFC 7515)',
    x5u: 'a URL of an X.509 certificate chain (RFC 7515)',
    x5c: 'an X.509 certificate chain embedded in the token (RFC 7515)',
    x5t: 'SHA-1 thumbprint of the signing certificate (RFC 7515)',
    'x5t#S256': 'SHA-256 thumbprint of the signing certificate (RFC 7515)',
    crit: 'extensions the recipient must understand (RFC 7515)',
    b64: 'false: the payload is not base64url-encoded (RFC 7797)',
    enc: 'content encryption algorithm (RFC 7516)',
    zip: 'the plaintext was compressed before encryption (RFC 7516)',
    epk: 'the sender\'s ephemeral public key, ECDH-ES (RFC 7518)',
    apu: 'agreement PartyUInfo, ECDH-ES (RFC 7518)',
    apv: 'agreement PartyVInfo, ECDH-ES (RFC 7518)',
    iv: 'initialisation vector of AES-GCM key wrap (RFC 7518)',
    tag: 'authentication tag of AES-GCM key wrap (RFC 7518)',
    p2s: 'PBES2 salt input (RFC 7518)',
    p2c: 'PBES2 iteration count (RFC 7518)',
    nonce: 'a nonce; in Microsoft Graph access tokens it means the token is not for your API (Entra ID)',
  };

  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

  /** The meaning of a top-level member name, or null for a name jot does not know. */
  function explain(name, where) {
    const table = where === 'header' ? HEADER : PAYLOAD;
    if (own(table, name)) return table[name];
    // Auth0 requires custom claims to be namespaced with a URL (or at least a prefix).
    if (where !== 'header' && /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i.test(name)) {
      return 'a namespaced custom claim: its meaning is set by the issuer (Auth0 requires URL-namespaced custom claims)';
    }
    return null;
  }

  window.jotClaims = { explain };
})();
