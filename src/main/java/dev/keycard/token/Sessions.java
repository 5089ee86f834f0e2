package dev.keycard.token;

import dev.keycard.RandomToken;
import dev.keycard.Sha256;
import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.revocation.RevocationList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refresh-token families: one per login. Refresh tokens are opaque 256-bit random strings, stored
 * only as SHA-256 hashes (a hash of 256 random bits cannot be reversed; no slow hash is needed).
 * Each refresh spends the presented token and hands out a new one in the same family. A spent token
 * presented again after the grace window means two parties hold the family's tokens: the family is
 * revoked with every access token minted from it.
 */
@ApplicationScoped
public class Sessions {

    /** Keycard's refresh tokens are 43 characters; anything much longer (an access token) is not one. */
    public static final int MAX_REFRESH_TOKEN_CHARS = 256;

    @Inject
    TokenFamilyRepository repository;

    @Inject
    RevocationList revocations;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "keycard.token.refresh-ttl")
    Duration refreshTtl;

    @Inject
    @ConfigProperty(name = "keycard.token.family-ttl")
    Duration familyTtl;

    @Inject
    @ConfigProperty(name = "keycard.token.reuse-grace")
    Duration reuseGrace;

    @Inject
    TokenIssuer issuer;

    @Inject
    Event<SignedOutEverywhere> signedOutEverywhere;

    /**
     * Fired inside the transaction that ends every login of a user (sign-out everywhere, a password
     * change or reset, a disabled or deleted account), so that what else signs the user in (SSO
     * sessions) ends with them, or nothing does.
     */
    public record SignedOutEverywhere(String userId) {}

    /**
     * Whom a family is opened for beyond the user, by an application's code exchange: the client, the
     * SSO session the user signed in with, the scope granted, and when the user typed the password.
     */
    public record Party(String clientId, String ssoSessionId, String scope, Instant authTime, Amr amr, Instant until) {}

    /** A refresh token handed to the client, and the family it belongs to. */
    public record Grant(TokenFamily family, String refreshToken, long refreshExpiresIn) {}

    /** What presenting a refresh token led to. */
    public sealed interface Rotation {
        record Rotated(Grant grant) implements Rotation {}
        /** Spent within the grace window (two tabs refreshing at once): refused, nothing revoked. */
        record Replayed() implements Rotation {}
        /** Spent long ago: the family has been revoked. */
        record Reused(TokenFamily family) implements Rotation {}

        record Invalid() implements Rotation {}
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Grant open(String userId, Amr amr, String userAgent, String clientAddress) {
        Instant now = Instant.now();
        TokenFamily family = new TokenFamily(userId, now, amr, now.plus(familyTtl), userAgent, clientAddress);
        repository.add(family);
        return grant(family, now);
    }

    /**
     * A family for an application (see {@link Party}); its auth_time is the SSO session's, and it
     * expires with that session at the latest ({@code until}): an application's sign-in lasts no
     * longer than the sign-in at Keycard it came from.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Grant open(String userId, Party party, String userAgent, String clientAddress) {
        Instant now = Instant.now();
        TokenFamily family =
                new TokenFamily(userId, party, now, min(now.plus(familyTtl), party.until()), userAgent, clientAddress);
        repository.add(family);
        return grant(family, now);
    }

    /**
     * Rotates a refresh token presented by {@code clientId} (null: Keycard's own login). A token of
     * another client's family is {@link Rotation.Invalid} and is not spent: a token stolen from one
     * application is worth nothing at another, and presenting it there changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Rotation rotate(String presented, String clientId) {
        Instant now = Instant.now();
        String hash = hash(presented);
        List<String> owner = repository.clientOf(hash);
        if (owner.isEmpty() || !Objects.equals(owner.get(0), clientId)) {
            return new Rotation.Invalid();
        }
        int spent = repository.spend(hash, now);
        Optional<RefreshToken> token = repository.token(hash);
        if (token.isEmpty()) {
            return new Rotation.Invalid();
        }
        TokenFamily family = repository.family(token.get().familyId()).orElse(null);
        if (family == null || !family.isLive(now)) {
            return new Rotation.Invalid();
        }
        if (spent == 1) {
            family.used(now);
            return new Rotation.Rotated(grant(family, now));
        }
        Instant spentAt = token.get().spentAt();
        if (spentAt == null) {
            return new Rotation.Invalid();
        }
        if (!now.isAfter(spentAt.plus(reuseGrace))) {
            return new Rotation.Replayed();
        }
        revoke(family, now);
        audit.record(
                AuditType.REFRESH_REUSE,
                null,
                family.userId(),
                "Refresh token reuse detected: family " + family.id() + " revoked with all its tokens (token spent at "
                        + spentAt + ")");
        return new Rotation.Reused(family);
    }

    /** The family with this id, live or not. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<TokenFamily> family(String familyId) {
        return repository.family(familyId);
    }

    /**
     * Revokes every family opened under an SSO session, with their access tokens; answers the
     * applications that took part in it (each had a family), for back-channel logout.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> revokeSsoSession(String ssoSessionId) {
        Instant now = Instant.now();
        repository.unrevokedOf(ssoSessionId).forEach(family -> revoke(family, now));
        return repository.clientsOf(ssoSessionId);
    }

    /** The family, if it is a live one of this user. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<TokenFamily> liveFamily(String familyId, String userId) {
        Instant now = Instant.now();
        return repository.family(familyId).filter(f -> f.userId().equals(userId) && f.isLive(now));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void revoke(String familyId) {
        repository.family(familyId).ifPresent(family -> revoke(family, Instant.now()));
    }

    /**
     * Every family of the user but {@code keep} (which may be null) that can still have live access
     * tokens: also those that expired less than an access-token lifetime ago.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeAll(String userId, String keep) {
        Instant now = Instant.now();
        repository.unrevoked(userId, now.minus(issuer.accessTtl()).minus(TokenIssuer.SKEW_MARGIN)).stream()
                .filter(f -> !f.id().equals(keep))
                .forEach(f -> revoke(f, now));
        signedOutEverywhere.fire(new SignedOutEverywhere(userId));
    }

    /**
     * Every login of the user and every access token issued to them before now: for sign-out
     * everywhere, and when an account is disabled, deleted or has its password reset.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeEverything(String userId) {
        revokeAll(userId, null);
        revocations.revokeUserTokensIssuedBefore(userId, Instant.now(), lastAccessTokenExpiry());
    }

    /** The family a refresh token belongs to, whether or not the token is spent. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> familyOf(String refreshToken) {
        return repository.token(hash(refreshToken)).map(RefreshToken::familyId);
    }

    /** The user a refresh token was issued to, whether or not the token is spent. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> userOf(String refreshToken) {
        return repository.userOf(hash(refreshToken));
    }

    /**
     * Deletes families (with their refresh tokens) a day after their absolute expiry. Spent tokens
     * of a live family are kept: they are what reuse detection recognises.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int purgeExpired() {
        return repository.deleteExpired(Instant.now().minus(Duration.ofDays(1)));
    }

    public List<TokenFamily> live(String userId) {
        return repository.live(userId, Instant.now());
    }

    /** The latest moment an access token minted now can still be accepted. */
    public Instant lastAccessTokenExpiry() {
        return Instant.now().plus(issuer.accessTtl()).plus(TokenIssuer.SKEW_MARGIN);
    }

    private void revoke(TokenFamily family, Instant now) {
        if (family.isRevoked()) {
            return;
        }
        family.revoke(now);
        revocations.revokeFamily(family.id(), lastAccessTokenExpiry());
    }

    private Grant grant(TokenFamily family, Instant now) {
        String token = RandomToken.next();
        Instant expiresAt = min(now.plus(refreshTtl), family.expiresAt());
        repository.add(new RefreshToken(hash(token), family.id(), now, expiresAt));
        return new Grant(family, token, Duration.between(now, expiresAt).toSeconds());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static String hash(String token) {
        return Sha256.base64url(token);
    }
}
