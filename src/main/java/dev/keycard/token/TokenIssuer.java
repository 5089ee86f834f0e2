package dev.keycard.token;

import dev.keycard.keys.SigningKey;
import dev.keycard.keys.SigningKeys;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues access tokens (Flask-JWT-Extended's {@code create_access_token}). The claims are the ones
 * MicroProfile JWT and most other verifiers read: {@code iss}, {@code aud}, {@code sub} (the stable
 * user id), {@code upn} (the username), {@code groups} (the roles), {@code iat}, {@code exp} and a
 * unique {@code jti}, plus {@code sid} (the login it belongs to) and {@code auth_time}. The header names the key ({@code kid}) so verifiers can pick it from the JWKS.
 */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    @ConfigProperty(name = "keycard.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "keycard.audience")
    String audience;

    @Inject
    @ConfigProperty(name = "keycard.token.access-ttl")
    Duration accessTtl;

    @Inject
    SigningKeys keys;

    /**
     * Longer than the clock skew any verifier is likely to allow (Liberty's default is 5 minutes):
     * what revokes a token outlives the last moment a verifier could still accept it.
     */
    public static final Duration SKEW_MARGIN = Duration.ofMinutes(5);

    public Duration accessTtl() {
        return accessTtl;
    }

    /** Until when a revocation of a token expiring at {@code expiresAt} (epoch seconds) must hold. */
    public static Instant revokeUntil(long expiresAt) {
        return Instant.ofEpochSecond(expiresAt).plus(SKEW_MARGIN);
    }

    /**
     * Claim names an administrator's user attribute may not take: registered JWT and OIDC claims,
     * Keycard's own, and the ones common verifiers turn into identity or authorities (Spring's
     * {@code scope}/{@code scp}, Azure's {@code roles}, {@code tid}, {@code oid}, Keycloak's
     * {@code realm_access}, ...).
     */
    public static final Set<String> RESERVED_CLAIMS = Set.of(("iss sub aud exp nbf iat jti upn groups sid auth_time"
                    + " azp client_id scope scp typ cnf act may_act acr amr nonce preferred_username token_type at_hash"
                    + " c_hash roles role permissions authorities entitlements realm_access resource_access tid oid"
                    + " email email_verified phone_number phone_number_verified name given_name family_name nickname"
                    + " address admin is_admin")
            .split(" "));

    /**
     * @param session the token family ("sid"), so that revoking the login revokes its access tokens
     * @param authTime when the user last typed the password ("auth_time", kept across refreshes)
     * @param amr how they signed in then ("amr", kept across refreshes too)
     */
    public IssuedToken issue(
            String subject,
            String username,
            Set<String> roles,
            Map<String, String> attributes,
            String session,
            Instant authTime,
            Amr amr) {
        SigningKey key = keys.active();
        Instant now = Instant.now();
        Instant expiresAt = now.plus(accessTtl);
        JwtClaimsBuilder claims = Jwt.claims();
        // The administrator's extra attributes first: none may take a registered claim's name.
        attributes.forEach((name, value) -> {
            if (!RESERVED_CLAIMS.contains(name)) {
                claims.claim(name, value);
            }
        });
        String token = claims.issuer(issuer)
                .audience(audience)
                .subject(subject)
                .upn(username)
                .groups(roles)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString())
                .claim("sid", session)
                .claim("auth_time", authTime.getEpochSecond())
                .claim("amr", amr.values())
                .jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm().name()))
                .sign(key.privateKey());
        return new IssuedToken(token, accessTtl.toSeconds());
    }

    /**
     * An access token for a service client (OAuth 2.0 client credentials): the client is the
     * subject, named again in {@code client_id}; its roles are the groups. No session, no refresh.
     */
    public IssuedToken issueForClient(String clientId, Set<String> roles) {
        SigningKey key = keys.active();
        Instant now = Instant.now();
        String token = Jwt.claims()
                .issuer(issuer)
                .audience(audience)
                .subject(clientId)
                .upn(clientId)
                .claim("client_id", clientId)
                .groups(roles)
                .issuedAt(now)
                .expiresAt(now.plus(accessTtl))
                .claim("jti", UUID.randomUUID().toString())
                .jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm().name()))
                .sign(key.privateKey());
        return new IssuedToken(token, accessTtl.toSeconds());
    }

    /**
     * What an application's tokens say beyond the user: the client, the audience of its access
     * tokens (null: the client id), the scope granted, the token family ("sid" in access tokens, so
     * revoking the family revokes them), the SSO session ("sid" in ID tokens, as OpenID Connect
     * Back-Channel Logout reads it) and when the user signed in.
     */
    public record Application(
            String clientId,
            String audience,
            Set<String> scopes,
            String family,
            String ssoSession,
            Instant authTime,
            Amr amr) {}

    /**
     * An application's access token for a user (RFC 9068's claims where Keycard has them): like a
     * login's, plus {@code scope} and {@code client_id}, and addressed to the client's registered
     * audience, or to the client itself: an API that checks {@code aud} refuses a token minted for
     * another, and Keycard's own API refuses it unless an administrator registered Keycard's
     * audience for the client (an application's token is not a key to Keycard's admin API).
     */
    public IssuedToken issueForApplication(
            String subject, String username, Set<String> roles, Map<String, String> attributes, Application app) {
        SigningKey key = keys.active();
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.claims();
        attributes.forEach((name, value) -> {
            if (!RESERVED_CLAIMS.contains(name)) {
                claims.claim(name, value);
            }
        });
        String token = claims.issuer(issuer)
                .audience(app.audience() == null ? app.clientId() : app.audience())
                .subject(subject)
                .upn(username)
                .groups(roles)
                .issuedAt(now)
                .expiresAt(now.plus(accessTtl))
                .claim("jti", UUID.randomUUID().toString())
                .claim("sid", app.family())
                .claim("auth_time", app.authTime().getEpochSecond())
                .claim("amr", app.amr().values())
                .claim("client_id", app.clientId())
                .claim("scope", String.join(" ", app.scopes()))
                .jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm().name()))
                .sign(key.privateKey());
        return new IssuedToken(token, accessTtl.toSeconds());
    }

    /**
     * An OpenID Connect ID token (Core 1.0 §2) for the application, signed with the active key:
     * {@code aud} and {@code azp} are the client, {@code at_hash} binds it to the access token it
     * comes with (§3.1.3.6), {@code nonce} is the authorization request's (none after a refresh),
     * {@code amr} says how the user signed in (RFC 8176). {@code claims} are the scope's user claims.
     */
    public String idToken(
            String subject, Application app, String nonce, String accessToken, Map<String, Object> claims) {
        SigningKey key = keys.active();
        Instant now = Instant.now();
        JwtClaimsBuilder builder = Jwt.claims();
        claims.forEach(builder::claim);
        builder.issuer(issuer)
                .audience(app.clientId())
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(accessTtl))
                .claim("jti", UUID.randomUUID().toString())
                .claim("azp", app.clientId())
                .claim("auth_time", app.authTime().getEpochSecond())
                .claim("sid", app.ssoSession())
                .claim("amr", app.amr().values())
                .claim("acr", app.amr().acr())
                .claim("at_hash", atHash(accessToken, key.algorithm().name()));
        if (nonce != null) {
            builder.claim("nonce", nonce);
        }
        return builder.jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm().name()))
                .sign(key.privateKey());
    }

    /**
     * A logout token (OpenID Connect Back-Channel Logout 1.0 §2.4) telling {@code clientId} that the
     * SSO session {@code sid} of {@code subject} has ended. Typed {@code logout+jwt} so that no
     * verifier can take it for an ID or access token; it has no {@code nonce}, as the spec requires.
     */
    public String logoutToken(String clientId, String subject, String sid) {
        SigningKey key = keys.active();
        Instant now = Instant.now();
        return Jwt.claims()
                .issuer(issuer)
                .audience(clientId)
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(2)))
                .claim("jti", UUID.randomUUID().toString())
                .claim("sid", sid)
                .claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
                .jws()
                .header("typ", "logout+jwt")
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm().name()))
                .sign(key.privateKey());
    }

    /**
     * The left half of the access token's hash with the ID token's algorithm's hash function,
     * base64url (OpenID Connect Core 1.0 §3.1.3.6): SHA-256 for RS256/ES256/PS256, and so on.
     */
    static String atHash(String accessToken, String algorithm) {
        String bits = algorithm.substring(2);
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-" + bits).digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No SHA-" + bits + " for " + algorithm, e);
        }
    }

    /** A signed access token and its lifetime in seconds (the OAuth 2.0 {@code expires_in}). */
    public record IssuedToken(String value, long expiresIn) {}
}
