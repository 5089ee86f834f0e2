package dev.keycard.bearer;

import dev.keycard.keys.SigningAlgorithm;
import dev.keycard.keys.SigningKeys;
import dev.keycard.problem.ProblemType;
import dev.keycard.revocation.RevocationCheck;
import dev.keycard.revocation.RevocationMetrics;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.metrics.Counter;

/**
 * The bearer-token use case: who is calling, from the request's {@code Authorization} header.
 * SmallRye JWT checks the signature and claims against the keys Keycard publishes at this moment
 * (a rotation or withdrawal counts from the next request on this node); then the revocation list
 * has its say, the one thing a stateless check cannot know.
 */
@ApplicationScoped
public class BearerTokens {

    /** What the header says about the caller. */
    public sealed interface Outcome permits Anonymous, Accepted, Refused {}

    /** No bearer token: the caller is anonymous (another scheme, such as a client's Basic, is not ours). */
    public record Anonymous() implements Outcome {}

    public record Accepted(JsonWebToken token) implements Outcome {}

    /** A token was sent and is not good: never fall back to anonymous. */
    public record Refused(ProblemType type, String detail) implements Outcome {}

    static final String REVOKED = "The access token has been revoked.";
    private static final Outcome ANONYMOUS = new Anonymous();
    private static final Pattern LIBERTY_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    @Inject
    @ConfigProperty(name = "keycard.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "keycard.audience")
    String audience;

    @Inject
    @ConfigProperty(name = "keycard.token.algorithm")
    String algorithm;

    @Inject
    @ConfigProperty(name = "keycard.token.clock-skew")
    String clockSkew;

    @Inject
    @ConfigProperty(name = "keycard.sso.max-ttl")
    Duration ssoMaxTtl;

    @Inject
    SigningKeys keys;

    @Inject
    RevocationCheck revocation;

    @Inject
    RevocationMetrics metrics;

    private final Map<Defect, Counter> rejections = new EnumMap<>(Defect.class);
    private volatile Verifiers verifiers;

    /**
     * The checks for one published key set: Keycard's own endpoints' (its audience), userinfo's
     * (an application's access token, whatever API it is for) and ID tokens' (as logout hints).
     */
    private record Verifiers(String jwks, TokenVerifier own, TokenVerifier anyAudience, TokenVerifier idTokens) {}

    void registerAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // Observing is enough: the container creates the bean, and @PostConstruct registers.
    }

    @PostConstruct
    void register() {
        for (Defect defect : Defect.values()) {
            rejections.put(defect, metrics.rejections(defect.label));
        }
    }

    public Outcome check(String authorization) {
        return check(authorization, false);
    }

    /**
     * The bearer check for the userinfo endpoint: an application's access token is addressed to
     * its API, not to Keycard, so any audience is accepted here; the endpoint then requires the
     * {@code openid} scope, which only those tokens carry.
     */
    public Outcome checkAnyAudience(String authorization) {
        return check(authorization, true);
    }

    /**
     * An ID token Keycard signed with a key it publishes now, with the claims one has ({@code azp}
     * among them, which no access token carries): for {@code id_token_hint}. Its {@code exp} may
     * have passed by up to {@code keycard.sso.max-ttl}, as long as the SSO session it names could
     * still be alive: an application signs its user out with the ID token it got at sign-in, often
     * long after that token's 15 minutes (RP-Initiated Logout 1.0 §2 asks providers to accept it).
     * An older one is refused as expired.
     */
    public Optional<JsonWebToken> verifiedIdToken(String token) {
        if (token == null || token.isEmpty() || token.length() > 8192 || !keys.loaded()) {
            return Optional.empty();
        }
        return verifiers().idTokens().verify(token) instanceof TokenVerifier.Valid valid
                ? Optional.of(valid.token())
                : Optional.empty();
    }

    private Outcome check(String authorization, boolean anyAudience) {
        if (authorization == null) {
            return ANONYMOUS;
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer")) {
            return ANONYMOUS;
        }
        String token = space < 0 ? "" : authorization.substring(space + 1).strip();
        if (token.isEmpty()) {
            return refused(Defect.MALFORMED);
        }
        if (!keys.loaded()) {
            return new Refused(ProblemType.SERVICE_UNAVAILABLE, "Keycard is starting; try again shortly.");
        }
        TokenVerifier.Verdict verdict =
                (anyAudience ? verifiers().anyAudience() : verifiers().own()).verify(token);
        if (verdict instanceof TokenVerifier.Invalid invalid) {
            return refused(invalid.defect());
        }
        JsonWebToken valid = ((TokenVerifier.Valid) verdict).token();
        return revocation.revoked(valid) ? new Refused(ProblemType.TOKEN_REVOKED, REVOKED) : new Accepted(valid);
    }

    /**
     * A token Keycard signed with a key it publishes now and whose claims hold, revoked or not: for
     * introspection and revocation, which answer about tokens other than their caller's, by the
     * same rules as the bearer check.
     */
    public Optional<JsonWebToken> verified(String token) {
        if (token == null || token.isEmpty() || !keys.loaded()) {
            return Optional.empty();
        }
        return verifiers().anyAudience().verify(token) instanceof TokenVerifier.Valid valid
                ? Optional.of(valid.token())
                : Optional.empty();
    }

    private Refused refused(Defect defect) {
        rejections.get(defect).inc();
        return new Refused(ProblemType.INVALID_TOKEN, defect.detail);
    }

    /** The verifiers for the key set published now; new ones only when that set has changed. */
    private Verifiers verifiers() {
        String published = keys.jwks();
        Verifiers current = verifiers;
        if (current == null || current.jwks() != published) {
            SignatureAlgorithm signature =
                    SignatureAlgorithm.valueOf(SigningAlgorithm.parse(algorithm).name());
            int skew = (int) seconds(clockSkew).toSeconds();
            current = new Verifiers(
                    published,
                    new TokenVerifier(issuer, audience, signature, skew, published),
                    new TokenVerifier(issuer, null, signature, skew, published),
                    new TokenVerifier(
                            issuer,
                            null,
                            signature,
                            (int) ssoMaxTtl.toSeconds(),
                            published,
                            Set.of("sub", "aud", "azp", "iat", "exp")));
            verifiers = current;
        }
        return current;
    }

    /** A duration as Liberty writes them ({@code 60s}, {@code 1m}) or in ISO 8601 ({@code PT60S}). */
    static Duration seconds(String value) {
        Matcher liberty = LIBERTY_DURATION.matcher(value.strip());
        if (!liberty.matches()) {
            return Duration.parse(value.strip());
        }
        long amount = Long.parseLong(liberty.group(1));
        return switch (liberty.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
