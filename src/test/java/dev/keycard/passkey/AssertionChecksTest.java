package dev.keycard.passkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.problem.ProblemException;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import dev.keycard.user.Username;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The checks Keycard makes of an assertion before any signature is verified: size, the challenge's
 * purpose and user, the passkey's owner against the expected user and the user handle. Each
 * response here is well formed and differs from an acceptable one in one way only; a refusal is
 * audited and never throws.
 */
class AssertionChecksTest {

    private static final String ALICE = "a1a1a1a1-0000-4000-8000-000000000001";
    private static final String BOB = "b0b0b0b0-0000-4000-8000-000000000002";
    private static final byte[] CREDENTIAL_ID = {1, 2, 3, 4, 5, 6, 7, 8};

    private PasskeyRepository.IssuedChallenge issued = new PasskeyRepository.IssuedChallenge("authenticate", null);
    private final List<String> consumed = new ArrayList<>();
    private final List<String> audited = new ArrayList<>();

    @Test
    void anotherUsersPasskeyIsRefusedWhereASecondFactorExpectsTheSignedInUser() {
        Assertion.Refused refused = refused(passkeys().verifyAuthentication(response(ALICE), Optional.of(BOB)));
        assertTrue(refused.reason().contains("belongs to another user"), refused.reason());
        assertEquals(List.of("passkey_failure"), audited);
    }

    @Test
    void aChallengeIssuedToOneUserCannotBeAnsweredWithAnothersPasskey() {
        issued = new PasskeyRepository.IssuedChallenge("authenticate", BOB);
        Assertion.Refused refused = refused(passkeys().verifyAuthentication(response(ALICE), Optional.empty()));
        assertTrue(refused.reason().contains("issued to another user"), refused.reason());
    }

    @Test
    void aRegistrationChallengeDoesNotSignAnyoneIn() {
        issued = new PasskeyRepository.IssuedChallenge("register", ALICE);
        Assertion.Refused refused = refused(passkeys().verifyAuthentication(response(ALICE), Optional.empty()));
        assertTrue(refused.reason().contains("not for a sign-in"), refused.reason());
    }

    @Test
    void aUserHandleNamingSomeoneElseIsRefused() {
        Assertion.Refused refused = refused(passkeys().verifyAuthentication(response(BOB), Optional.empty()));
        assertTrue(refused.reason().contains("user handle"), refused.reason());
    }

    @Test
    void aDiscoverableSignInWithoutAUserHandleIsRefused() {
        Assertion.Refused refused = refused(passkeys().verifyAuthentication(response(null), Optional.empty()));
        assertTrue(refused.reason().contains("user handle"), refused.reason());
    }

    @Test
    void anUnknownExpiredOrUsedChallengeIsRefused() {
        issued = null;
        Assertion.Refused refused = refused(passkeys().verifyAuthentication(response(ALICE), Optional.empty()));
        assertTrue(refused.reason().contains("challenge"), refused.reason());
    }

    @Test
    void anOversizedOrMalformedResponseIsRefusedBeforeAnyChallengeIsSpent() {
        refused(passkeys()
                .verifyAuthentication(
                        "{\"id\":\"" + "A".repeat(Passkeys.MAX_CREDENTIAL_CHARS) + "\"}", Optional.empty()));
        for (String malformed : List.of("", "null", "[]", "{}", "{\"response\":{}}", "{\"id\":", "\"text\"")) {
            refused(passkeys().verifyAuthentication(malformed, Optional.empty()));
        }
        assertEquals(List.of(), consumed);
    }

    @Test
    void anOversizedRegistrationIsTooLargeAndSpendsNoChallenge() {
        User user = new User(Username.parse("alice").orElseThrow(), "!", Set.of("user"), true);
        ProblemException refused = assertThrows(
                ProblemException.class,
                () -> passkeys()
                        .finishRegistration(
                                user, "key", "{\"id\":\"" + "A".repeat(Passkeys.MAX_CREDENTIAL_CHARS) + "\"}"));
        assertEquals(413, refused.getResponse().getStatus());
        refused = assertThrows(ProblemException.class, () -> passkeys().finishRegistration(user, "key", "{\"id\":"));
        assertEquals(400, refused.getResponse().getStatus());
        assertEquals(List.of(), consumed);
    }

    private Passkeys passkeys() {
        Passkeys passkeys = new Passkeys();
        passkeys.settings = PasskeySettingsTest.shipped("http://localhost:19080");
        passkeys.repository = new PasskeyRepository() {
            @Override
            Optional<IssuedChallenge> consumeChallenge(String hash, Instant now) {
                consumed.add(hash);
                return Optional.ofNullable(issued);
            }

            @Override
            Optional<Passkey> byCredentialId(String credentialId) {
                return Optional.of(new Passkey(credentialId, ALICE, "key", "", 0, false, false, null, Instant.now()));
            }

            @Override
            Optional<Passkey> lockByCredentialId(String credentialId) {
                return byCredentialId(credentialId);
            }
        };
        passkeys.audit = new AuditLog() {
            @Override
            public void record(AuditType type, String username, String subject, String detail) {
                audited.add(type.code());
            }
        };
        passkeys.users = new UserRepository() {
            @Override
            public Optional<User> findById(String id) {
                return Optional.empty();
            }
        };
        return passkeys;
    }

    private static Assertion.Refused refused(Assertion assertion) {
        return assertInstanceOf(Assertion.Refused.class, assertion);
    }

    /** A well-formed assertion for Keycard's origin, user present and verified, signed by nobody. */
    private static String response(String userHandle) {
        String clientData = "{\"type\":\"webauthn.get\",\"challenge\":\"" + base64url(new byte[32])
                + "\",\"origin\":\"http://localhost:19080\",\"crossOrigin\":false}";
        byte[] authenticatorData = new byte[37];
        authenticatorData[32] = 0x05;
        authenticatorData[36] = 1;
        return "{\"id\":\"" + base64url(CREDENTIAL_ID) + "\",\"rawId\":\"" + base64url(CREDENTIAL_ID)
                + "\",\"type\":\"public-key\",\"clientExtensionResults\":{},\"response\":{\"clientDataJSON\":\""
                + base64url(clientData.getBytes(StandardCharsets.UTF_8)) + "\",\"authenticatorData\":\""
                + base64url(authenticatorData) + "\",\"signature\":\"" + base64url(new byte[64]) + "\",\"userHandle\":"
                + (userHandle == null ? "null" : "\"" + base64url(userHandle.getBytes(StandardCharsets.UTF_8)) + "\"")
                + "}}";
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
