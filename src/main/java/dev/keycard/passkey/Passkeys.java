package dev.keycard.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import dev.keycard.Sha256;
import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.token.Sessions;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Passkeys (WebAuthn Level 2): registering them, signing in with them, and their owner's list.
 * webauthn4j parses and verifies every response (CBOR, COSE keys, signatures, origin, RP id,
 * flags, counter); Keycard keeps the challenges and the credentials.
 * <p>
 * A challenge is 256 random bits, kept only as its hash, live for {@code
 * keycard.passkey.challenge-ttl}, and consumed by the transaction that verifies the response
 * presenting it, whatever the outcome: a response is good once, and a refused one cannot be
 * retried with the same challenge. Refusals are returned or thrown without rolling that back.
 */
@ApplicationScoped
public class Passkeys {

    /**
     * A registration or assertion response is 1 to 3 KB (attestation {@code none}); 16 KiB is the
     * request body limit of every Keycard endpoint anyway. Checked before any parsing.
     */
    public static final int MAX_CREDENTIAL_CHARS = 16 * 1024;

    static final String REGISTER = "register";
    static final String AUTHENTICATE = "authenticate";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PUBLIC_KEY = "public-key";
    private static final String REQUIRED = "required";

    /** ES256 first (every platform authenticator), RS256 (Windows Hello), EdDSA (some keys). */
    private static final List<COSEAlgorithmIdentifier> ALGORITHMS =
            List.of(COSEAlgorithmIdentifier.ES256, COSEAlgorithmIdentifier.RS256, COSEAlgorithmIdentifier.EdDSA);

    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    private final AttestedCredentialDataConverter attestedData = new AttestedCredentialDataConverter(converter);

    @Inject
    Sessions sessions;

    @Inject
    PasskeyRepository repository;

    @Inject
    PasskeySettings settings;

    @Inject
    AuditLog audit;

    @Inject
    UserRepository users;

    /** Options for registering a new passkey of the user; excludes those they have. */
    @Transactional
    public CreationOptions startRegistration(User user) {
        requireEnabled();
        String challenge = challenge(REGISTER, user.id());
        List<CreationOptions.CredentialDescriptor> existing =
                repository.of(user.id()).stream().map(Passkeys::descriptor).toList();
        return new CreationOptions(
                new CreationOptions.Rp(settings.rpId(), settings.rpName()),
                new CreationOptions.User(userHandle(user.id()), user.username(), user.username()),
                challenge,
                ALGORITHMS.stream()
                        .map(alg -> new CreationOptions.CredentialParameters(PUBLIC_KEY, alg.getValue()))
                        .toList(),
                timeoutMillis(),
                existing,
                new CreationOptions.AuthenticatorSelection(REQUIRED, true, REQUIRED),
                "none");
    }

    /** {@link #startRegistration(User)} for the signed-in user with this id (the token's subject). */
    @Transactional
    public CreationOptions startRegistration(String userId) {
        return startRegistration(owner(userId));
    }

    /**
     * {@link #finishRegistration(User, String, String)} for the signed-in user with this id; every
     * session of theirs but {@code keepSession} ends once the passkey is stored.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public PasskeyView finishRegistration(String userId, String name, String credentialJson, String keepSession) {
        PasskeyView added = finishRegistration(owner(userId), name, credentialJson);
        sessions.revokeAll(userId, keepSession);
        return added;
    }

    /**
     * Verifies a registration response ({@code PublicKeyCredential} JSON) against a challenge
     * issued to this user, and stores the passkey. Refused (400, 409 for a passkey already
     * registered, 413 when oversized) with a reason the user may read: they are signed in.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public PasskeyView finishRegistration(User user, String name, String credentialJson) {
        requireEnabled();
        if (credentialJson == null || credentialJson.length() > MAX_CREDENTIAL_CHARS) {
            throw new ProblemException(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "A passkey response is at most " + MAX_CREDENTIAL_CHARS + " characters.");
        }
        RegistrationData registration;
        try {
            registration = webAuthn.parseRegistrationResponseJSON(credentialJson);
        } catch (RuntimeException malformed) {
            throw refusedRegistration(user, "the response is not a WebAuthn registration response");
        }
        CollectedClientData clientData = registration.getCollectedClientData();
        if (clientData == null || registration.getAttestationObject() == null) {
            throw refusedRegistration(user, "the response is not a WebAuthn registration response");
        }
        byte[] challenge = clientData.getChallenge().getValue();
        Optional<PasskeyRepository.IssuedChallenge> issued =
                repository.consumeChallenge(challengeHash(challenge), Instant.now());
        if (issued.isEmpty()
                || !issued.get().purpose().equals(REGISTER)
                || !user.id().equals(issued.get().userId())) {
            throw refusedRegistration(user, "its challenge is unknown, expired, already used or not yours");
        }
        try {
            webAuthn.verify(
                    registration,
                    new RegistrationParameters(
                            serverProperty(challenge),
                            ALGORITHMS.stream()
                                    .map(alg ->
                                            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, alg))
                                    .toList(),
                            true,
                            true));
        } catch (RuntimeException refused) {
            throw refusedRegistration(
                    user, "it did not verify (" + refused.getClass().getSimpleName() + ")");
        }
        AuthenticatorData<?> data = registration.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credential = data.getAttestedCredentialData();
        String credentialId = base64url(credential.getCredentialId());
        if (repository.byCredentialId(credentialId).isPresent()) {
            audit.record(AuditType.PASSKEY_FAILURE, user.username(), user.id(), "registration: already registered");
            throw new ProblemException(ProblemType.CONFLICT, "This passkey is already registered.");
        }
        Passkey passkey = new Passkey(
                credentialId,
                user.id(),
                name.trim(),
                base64url(attestedData.convert(credential)),
                data.getSignCount(),
                data.isFlagBE(),
                data.isFlagBS(),
                transports(registration.getTransports()),
                Instant.now());
        repository.add(passkey);
        audit.record(
                AuditType.PASSKEY_ADDED,
                user.username(),
                user.id(),
                "passkey " + passkey.id() + (passkey.backupEligible() ? " (synced)" : " (device-bound)"));
        return PasskeyView.of(passkey);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PasskeyView> list(String userId) {
        return repository.of(userId).stream().map(PasskeyView::of).toList();
    }

    /** Renames one of the user's passkeys; false if they have none with this id. */
    @Transactional
    public boolean rename(String userId, String passkeyId, String name) {
        Optional<Passkey> passkey = repository.find(userId, passkeyId);
        passkey.ifPresent(p -> {
            p.rename(name.trim());
            audit.record(AuditType.PASSKEY_RENAMED, null, userId, "passkey " + p.id());
        });
        return passkey.isPresent();
    }

    /** Removes one of the user's passkeys; false if they have none with this id. */
    @Transactional
    public boolean remove(String userId, String passkeyId) {
        Optional<Passkey> passkey = repository.find(userId, passkeyId);
        passkey.ifPresent(p -> {
            repository.remove(p);
            audit.record(AuditType.PASSKEY_REMOVED, null, userId, "passkey " + p.id());
        });
        return passkey.isPresent();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public int count(String userId) {
        return (int) repository.count(userId);
    }

    /** Every passkey of the user (an administrator's reset of their factors). */
    @Transactional
    public void removeAll(String userId) {
        int removed = repository.removeAll(userId);
        if (removed > 0) {
            audit.record(AuditType.PASSKEY_REMOVED, null, userId, "all " + removed + " passkeys");
        }
    }

    /**
     * Options for a sign-in: without a user, for any discoverable passkey of this RP id (the
     * response names the user); with one, for that user's passkeys only (a second factor).
     */
    @Transactional
    public RequestOptions startAuthentication(Optional<User> user) {
        requireEnabled();
        String challenge = challenge(AUTHENTICATE, user.map(User::id).orElse(null));
        List<CreationOptions.CredentialDescriptor> allowed = user.map(u ->
                        repository.of(u.id()).stream().map(Passkeys::descriptor).toList())
                .orElse(null);
        return new RequestOptions(challenge, timeoutMillis(), settings.rpId(), allowed, REQUIRED);
    }

    /**
     * Verifies an assertion ({@code PublicKeyCredential} JSON). Checks, in order: size, that its
     * challenge was issued for a sign-in (to this user, if to one) and is used now for the first
     * time, that the passkey is registered (to {@code expectedUserId}, if given) and the user
     * handle names its owner, then webauthn4j's checks: origin, RP id, user presence and
     * verification, signature, and the signature counter. A counter that does not grow (when not
     * zero) may mean a cloned authenticator: refused and audited as such. On success the counter,
     * backup state and last use are stored.
     */
    @Transactional
    public Assertion verifyAuthentication(String credentialJson, Optional<String> expectedUserId) {
        if (!settings.enabled()) {
            return refused(null, "passkeys are off on this server");
        }
        if (credentialJson == null || credentialJson.length() > MAX_CREDENTIAL_CHARS) {
            return refused(null, "the response is missing or larger than " + MAX_CREDENTIAL_CHARS + " characters");
        }
        AuthenticationData assertion;
        try {
            assertion = webAuthn.parseAuthenticationResponseJSON(credentialJson);
        } catch (RuntimeException malformed) {
            return refused(null, "the response is not a WebAuthn assertion");
        }
        CollectedClientData clientData = assertion.getCollectedClientData();
        if (clientData == null || assertion.getCredentialId() == null || assertion.getAuthenticatorData() == null) {
            return refused(null, "the response is not a WebAuthn assertion");
        }
        byte[] challenge = clientData.getChallenge().getValue();
        Optional<PasskeyRepository.IssuedChallenge> issued =
                repository.consumeChallenge(challengeHash(challenge), Instant.now());
        if (issued.isEmpty() || !issued.get().purpose().equals(AUTHENTICATE)) {
            return refused(null, "its challenge is unknown, expired, already used or not for a sign-in");
        }
        Optional<Passkey> found = repository.lockByCredentialId(base64url(assertion.getCredentialId()));
        if (found.isEmpty()) {
            return refused(expectedUserId.orElse(issued.get().userId()), "the passkey is not registered");
        }
        Passkey passkey = found.get();
        String owner = passkey.userId();
        if (issued.get().userId() != null && !issued.get().userId().equals(owner)) {
            return refused(owner, "passkey " + passkey.id() + " answered a challenge issued to another user");
        }
        if (expectedUserId.isPresent() && !expectedUserId.get().equals(owner)) {
            return refused(expectedUserId.get(), "passkey " + passkey.id() + " belongs to another user");
        }
        // The user handle is required for a discoverable sign-in (it names the account) and, when
        // present, must name the passkey's owner: a response stitched from two accounts is refused.
        byte[] handle = assertion.getUserHandle();
        if ((handle == null && issued.get().userId() == null)
                || (handle != null && !MessageDigest.isEqual(handle, owner.getBytes(StandardCharsets.UTF_8)))) {
            return refused(owner, "passkey " + passkey.id() + ": the user handle does not name its owner");
        }
        CredentialRecordImpl record = record(passkey);
        try {
            webAuthn.verify(
                    assertion, new AuthenticationParameters(serverProperty(challenge), record, null, true, true));
        } catch (MaliciousCounterValueException clone) {
            return refused(
                    owner,
                    "passkey " + passkey.id() + ": its signature counter did not grow (stored " + passkey.signCount()
                            + "): possibly a cloned authenticator");
        } catch (RuntimeException refused) {
            return refused(
                    owner,
                    "passkey " + passkey.id() + " did not verify ("
                            + refused.getClass().getSimpleName() + ")");
        }
        passkey.used(record.getCounter(), assertion.getAuthenticatorData().isFlagBS(), Instant.now());
        return new Assertion.Verified(owner, passkey.id(), !passkey.backupEligible());
    }

    /** Passkeys are off when keycard.issuer is no origin a browser takes passkeys from (the start logs why). */
    private void requireEnabled() {
        if (!settings.enabled()) {
            throw new ProblemException(
                    ProblemType.NOT_FOUND,
                    "Passkeys are off on this server: its address is not one browsers take passkeys from.");
        }
    }

    /** Challenges that expired unused; housekeeping's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int purgeExpired() {
        return repository.purgeExpiredChallenges(Instant.now());
    }

    private String challenge(String purpose, String userId) {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        repository.addChallenge(
                challengeHash(challenge), purpose, userId, Instant.now().plus(settings.challengeTtl()));
        return base64url(challenge);
    }

    private User owner(String userId) {
        return users.findById(userId)
                .filter(User::enabled)
                .orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED, "Your account no longer exists."));
    }

    private long timeoutMillis() {
        return settings.challengeTtl().toMillis();
    }

    private ServerProperty serverProperty(byte[] challenge) {
        return ServerProperty.builder()
                .origins(settings.origins().stream().map(Origin::create).collect(Collectors.toSet()))
                .rpId(settings.rpId())
                .challenge(new DefaultChallenge(challenge))
                .build();
    }

    /** The stored passkey as webauthn4j's record: UV was required at registration, so it is initialised. */
    private CredentialRecordImpl record(Passkey passkey) {
        return new CredentialRecordImpl(
                null,
                true,
                passkey.backupEligible(),
                passkey.backedUp(),
                passkey.signCount(),
                attestedData.convert(Base64.getUrlDecoder().decode(passkey.attestedCredentialData())),
                null,
                null,
                null,
                transportSet(passkey.transports()));
    }

    private Assertion refused(String userId, String reason) {
        String username = userId == null
                ? null
                : users.findById(userId).map(User::username).orElse(null);
        audit.record(AuditType.PASSKEY_FAILURE, username, userId, "sign-in: " + reason);
        return new Assertion.Refused(reason);
    }

    private ProblemException refusedRegistration(User user, String reason) {
        audit.record(AuditType.PASSKEY_FAILURE, user.username(), user.id(), "registration: " + reason);
        return ProblemException.badRequest("The passkey was not registered: " + reason + ". Try again.");
    }

    private static CreationOptions.CredentialDescriptor descriptor(Passkey passkey) {
        List<String> transports = passkey.transports().isEmpty()
                ? List.of()
                : Arrays.asList(passkey.transports().split(","));
        return new CreationOptions.CredentialDescriptor(PUBLIC_KEY, passkey.credentialId(), transports);
    }

    /**
     * The user handle: the user's id (a random UUID, or one derived from the directory's id), never
     * the name: authenticators keep it, and may sync it, so it must say nothing about the person.
     */
    static String userHandle(String userId) {
        return base64url(userId.getBytes(StandardCharsets.UTF_8));
    }

    static String challengeHash(byte[] challenge) {
        return Sha256.base64url(base64url(challenge));
    }

    private static String transports(Set<AuthenticatorTransport> transports) {
        if (transports == null) {
            return null;
        }
        Set<String> names = new TreeSet<>();
        transports.forEach(t -> names.add(t.getValue()));
        String joined = String.join(",", names);
        return joined.isEmpty() || joined.length() > 256 ? null : joined;
    }

    private static Set<AuthenticatorTransport> transportSet(String stored) {
        Set<AuthenticatorTransport> transports = new LinkedHashSet<>();
        for (String one : stored.split(",")) {
            if (!one.isEmpty()) {
                transports.add(AuthenticatorTransport.create(one));
            }
        }
        return transports;
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
