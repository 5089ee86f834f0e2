package dev.keycard.token;

import dev.keycard.keys.SigningKey;
import dev.keycard.keys.SigningKeys;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
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
     */
    public IssuedToken issue(
            String subject,
            String username,
            Set<String> roles,
            Map<String, String> attributes,
            String session,
            Instant authTime) {
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

    /** A signed access token and its lifetime in seconds (the OAuth 2.0 {@code expires_in}). */
    public record IssuedToken(String value, long expiresIn) {}
}
