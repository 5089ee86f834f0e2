package dev.keycard.bearer;

import io.smallrye.jwt.KeyFormat;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.InvalidKeyException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * One access token checked by SmallRye JWT against one published key set: a signature by one of
 * the keys, with the configured algorithm only (RFC 8725 §3.1), then issuer, audience, {@code exp}
 * and {@code iat} (and {@code nbf} if present) within the clock skew, and the identity claims
 * Keycard's endpoints read. Immutable: when the keys change, {@link BearerTokens} makes a new one,
 * so the key set SmallRye parsed and cached is never one that was withdrawn.
 */
final class TokenVerifier {

    /** A valid token, or what it lacked or got wrong. */
    sealed interface Verdict permits Valid, Invalid {}

    record Valid(JsonWebToken token) implements Verdict {}

    record Invalid(Defect defect) implements Verdict {}

    private final String jwks;
    private final JWTParser parser;

    /** The claims an access token must have: the ones Keycard's endpoints read. */
    static final Set<String> ACCESS_TOKEN_CLAIMS = Set.of("sub", "upn", "iat", "exp");

    TokenVerifier(String issuer, String audience, SignatureAlgorithm algorithm, int clockSkewSeconds, String jwks) {
        this(issuer, audience, algorithm, clockSkewSeconds, jwks, ACCESS_TOKEN_CLAIMS);
    }

    /** {@code audience} null: any audience (the caller checks it); {@code required}: the claims it must have. */
    TokenVerifier(
            String issuer,
            String audience,
            SignatureAlgorithm algorithm,
            int clockSkewSeconds,
            String jwks,
            Set<String> required) {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setIssuedBy(issuer);
        if (audience != null) {
            context.setExpectedAudience(Set.of(audience));
        }
        context.setSignatureAlgorithm(Set.of(algorithm));
        context.setClockSkew(clockSkewSeconds);
        // The keys as a JWK Set held in memory: parsed once per key set, no file, no URL to fetch.
        context.setPublicKeyContent(jwks);
        context.setKeyFormat(KeyFormat.JWK);
        // RSA keys under 2048 bits are refused (SmallRye relaxes this by default).
        context.setRelaxVerificationKeyValidation(false);
        context.setRequiredClaims(required);
        this.jwks = jwks;
        this.parser = new DefaultJWTParser(context);
    }

    /** The key set this verifier trusts, as published. */
    String jwks() {
        return jwks;
    }

    Verdict verify(String token) {
        try {
            return new Valid(parser.parse(token));
        } catch (ParseException refused) {
            return new Invalid(defect(refused));
        } catch (RuntimeException unreadable) {
            // A token too broken for SmallRye to raise its own exception (bad base64, bad JSON).
            return new Invalid(Defect.MALFORMED);
        }
    }

    private static Defect defect(ParseException refused) {
        Throwable cause = refused.getCause();
        if (cause instanceof UnresolvableKeyException) {
            return Defect.BAD_SIGNATURE; // no published key for the token's kid and algorithm
        }
        if (!(cause instanceof InvalidJwtException invalid)) {
            return Defect.MALFORMED; // e.g. issued after it expires
        }
        if (invalid.hasExpired()) {
            return Defect.EXPIRED;
        }
        if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID)
                || invalid.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return Defect.NOT_YET_VALID;
        }
        if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return Defect.WRONG_AUDIENCE;
        }
        if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return Defect.WRONG_ISSUER;
        }
        if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)
                || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)
                || causedBy(invalid, UnresolvableKeyException.class)
                || causedBy(invalid, InvalidAlgorithmException.class)
                || causedBy(invalid, InvalidKeyException.class)) {
            return Defect.BAD_SIGNATURE;
        }
        if (invalid.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)
                || invalid.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)
                || invalid.hasErrorCode(ErrorCodes.SUBJECT_MISSING)
                // SmallRye's own required-claims check: no jose4j error code, no cause.
                || invalid.getErrorDetails().isEmpty() && invalid.getCause() == null) {
            return Defect.MISSING_CLAIM;
        }
        return Defect.MALFORMED;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
