package dev.keycard.auth;

import dev.keycard.audit.AuditLog;
import dev.keycard.audit.AuditType;
import dev.keycard.auth.SignInMetrics.LoginOutcome;
import dev.keycard.passkey.Assertion;
import dev.keycard.passkey.Passkeys;
import dev.keycard.passkey.RequestOptions;
import dev.keycard.token.Amr;
import dev.keycard.token.TokenPair;
import dev.keycard.user.DirectoryAccounts;
import dev.keycard.user.DirectoryAccounts.Standing;
import dev.keycard.user.User;
import dev.keycard.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Signing in with a passkey alone (a discoverable credential: the response names the user). The
 * rules of a password login where they apply: the client address's failure count first, one
 * answer for every refusal (a passkey that does not verify, a disabled or locked account, a
 * directory user the directory no longer admits), each outcome audited and counted. A refusal
 * counts toward the address, never toward the account's lock: no one guessed its password.
 */
@ApplicationScoped
public class PasskeySignIn {

    @Inject
    AddressThrottle throttle;

    @Inject
    Passkeys passkeys;

    @Inject
    UserRepository users;

    @Inject
    DirectoryAccounts directoryAccounts;

    @Inject
    SignIns signIns;

    @Inject
    AuditLog audit;

    @Inject
    SignInMetrics metrics;

    public RequestOptions options() {
        return passkeys.startAuthentication(Optional.empty());
    }

    public Login.Outcome<TokenPair> attempt(String credentialJson, String userAgent, String clientAddress) {
        long started = System.nanoTime();
        LoginOutcome counted = LoginOutcome.unavailable;
        try {
            OptionalLong retryAfter = throttle.retryAfter(clientAddress);
            if (retryAfter.isPresent()) {
                counted = LoginOutcome.throttled;
                audit.record(AuditType.LOGIN_THROTTLED, null, null, "passkey");
                return new Login.Outcome.Throttled<>(retryAfter.getAsLong());
            }
            // Verified (and its challenge spent) in a transaction of its own, committed whatever follows.
            Assertion assertion = passkeys.verifyAuthentication(credentialJson, Optional.empty());
            if (!(assertion instanceof Assertion.Verified verified)) {
                counted = LoginOutcome.bad_credentials;
                return refused(clientAddress, null, "passkey not accepted");
            }
            Optional<User> user = users.findById(verified.userId());
            if (user.isEmpty() || !user.get().enabled() || user.get().isLocked(Instant.now())) {
                counted = user.isPresent() && user.get().enabled() ? LoginOutcome.locked : LoginOutcome.bad_credentials;
                return refused(clientAddress, user.orElse(null), "passkey: account disabled or locked");
            }
            // Asked outside any transaction: a slow directory holds no connection (503 if it is down).
            Standing standing = directoryAccounts.enabled()
                    ? directoryAccounts.standing(user.get().id())
                    : new Standing.Local();
            if (!directoryAccounts.settle(user.get().id(), standing)) {
                counted = LoginOutcome.bad_credentials;
                return refused(clientAddress, user.get(), "passkey: the directory no longer admits the user");
            }
            Optional<TokenPair> session =
                    signIns.signIn(user.get(), null, Amr.passkey(verified.deviceBound()), userAgent, clientAddress);
            if (session.isEmpty()) {
                counted = LoginOutcome.locked;
                return refused(clientAddress, user.get(), "passkey: account locked meanwhile");
            }
            counted = LoginOutcome.success;
            return new Login.Outcome.SignedIn<>(session.get());
        } finally {
            metrics.login(counted, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Login.Outcome<TokenPair> refused(String clientAddress, User user, String why) {
        try {
            throttle.failed(clientAddress);
        } catch (RuntimeException e) {
            // Losing one count must not turn a 401 into a 500.
        }
        audit.record(
                AuditType.LOGIN_FAILURE, user == null ? null : user.username(), user == null ? null : user.id(), why);
        return new Login.Outcome.Refused<>();
    }
}
