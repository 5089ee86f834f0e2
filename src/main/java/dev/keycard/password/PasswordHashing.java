package dev.keycard.password;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Password hashes as PHC strings, so the algorithm and its parameters travel with each hash and can
 * be raised later without invalidating stored ones.
 * <p>
 * Argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane) is the default, computed by the
 * reference implementation (libargon2, bundled by argon2-jvm): memory-hard against GPU cracking and
 * about 22 ms of CPU here. Measured with bench/HashCost.java, it took about a tenth less CPU per hash
 * than Keycard's earlier hand-written Java implementation and two fifths less than BouncyCastle's
 * generator (whose JIT-compiled code sometimes took twice as long again), and keeps its 19 MiB off the
 * Java heap, where BouncyCastle allocated them on it for every hash (docs/performance.md, "The password
 * hash"). PBKDF2-HMAC-SHA256 at 600,000 iterations stays
 * selectable ({@code keycard.password.algorithm=pbkdf2-sha256}) for FIPS deployments.
 */
@ApplicationScoped
public class PasswordHashing {

    public static final String ARGON2ID = "argon2id";
    public static final String PBKDF2 = "pbkdf2-sha256";
    /** Longer passwords are refused before hashing: hashing cost must not be the attacker's to choose. */
    public static final int MAX_PASSWORD_BYTES = 1024;

    /**
     * What a stored Argon2id hash may look like before libargon2 is given it: the costs bounded by
     * their number of digits, so that no stored string can ask for gigabytes.
     */
    private static final Pattern ARGON2_PHC =
            Pattern.compile("\\$argon2id\\$v=19\\$m=\\d{1,7},t=\\d{1,3},p=\\d{1,2}\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+");

    private static final Pattern PBKDF2_PHC =
            Pattern.compile("\\$pbkdf2-sha256\\$i=(\\d{1,8})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    @Inject
    @ConfigProperty(name = "keycard.password.algorithm")
    String algorithm;

    @Inject
    @ConfigProperty(name = "keycard.password.argon2.memory-kib")
    int argon2MemoryKib;

    @Inject
    @ConfigProperty(name = "keycard.password.argon2.iterations")
    int argon2Iterations;

    @Inject
    @ConfigProperty(name = "keycard.password.argon2.parallelism")
    int argon2Parallelism;

    @Inject
    @ConfigProperty(name = "keycard.password.pbkdf2.iterations")
    int pbkdf2Iterations;

    /**
     * At most this many hashes at once (0: one per core). Each Argon2id hash holds 19 MiB, so
     * without a bound a burst of logins would exhaust memory; past it, callers wait briefly and then
     * get 503 with Retry-After, which is also what the CPU could deliver anyway. More than one per
     * core buys nothing: measured on two cores, four concurrent hashes cost 25 to 50 % more CPU each
     * than two (their 19 MiB working sets evict each other from the caches).
     */
    @Inject
    @ConfigProperty(name = "keycard.password.max-concurrent-hashes")
    int maxConcurrent;

    Semaphore permits;

    /** libargon2 (16-byte salts, 32-byte hashes, as before), loaded at start-up so that a missing library fails it. */
    private Argon2 argon2;

    /** A hash of a random password at the current parameters, verified for unknown users. */
    private String dummyHash;

    @PostConstruct
    void init() {
        if (!ARGON2ID.equals(algorithm) && !PBKDF2.equals(algorithm)) {
            throw new IllegalStateException(
                    "keycard.password.algorithm must be " + ARGON2ID + " or " + PBKDF2 + ", not '" + algorithm + "'");
        }
        argon2 = Argon2Factory.create(Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES);
        permits = new Semaphore(
                maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors());
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        dummyHash = hash(B64.encodeToString(secret));
    }

    public String hash(String password) {
        return bounded(() -> hashNow(password));
    }

    private String hashNow(String password) {
        if (PBKDF2.equals(algorithm)) {
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            return "$pbkdf2-sha256$i=" + pbkdf2Iterations + "$" + B64.encodeToString(salt) + "$"
                    + B64.encodeToString(pbkdf2(password, salt, pbkdf2Iterations, HASH_BYTES));
        }
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        try {
            return argon2.hash(argon2Iterations, argon2MemoryKib, argon2Parallelism, secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Constant-time comparison; an unreadable stored hash never matches. */
    public boolean verify(String password, String phc) {
        return bounded(() -> verifyNow(password, phc));
    }

    private boolean verifyNow(String password, String phc) {
        if (ARGON2_PHC.matcher(phc).matches()) {
            byte[] secret = password.getBytes(StandardCharsets.UTF_8);
            try {
                return argon2.verify(phc, secret);
            } catch (IllegalStateException costsOutsideTheRfc) {
                return false;
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
        Matcher pbkdf2 = PBKDF2_PHC.matcher(phc);
        if (pbkdf2.matches()) {
            byte[] expected = B64D.decode(pbkdf2.group(3));
            byte[] actual =
                    pbkdf2(password, B64D.decode(pbkdf2.group(2)), Integer.parseInt(pbkdf2.group(1)), expected.length);
            return MessageDigest.isEqual(expected, actual);
        }
        return false;
    }

    /**
     * Whether a stored hash was made with another algorithm or other parameters than the configured
     * ones; such a hash is replaced at the user's next successful login, when the password is known.
     */
    public boolean needsRehash(String phc) {
        String current = PBKDF2.equals(algorithm)
                ? "$pbkdf2-sha256$i=" + pbkdf2Iterations + "$"
                : "$argon2id$v=19$m=" + argon2MemoryKib + ",t=" + argon2Iterations + ",p=" + argon2Parallelism + "$";
        return !phc.startsWith(current);
    }

    /**
     * Spends the same time as a real verification and always fails: used when the username is
     * unknown, so that response time does not tell which usernames exist.
     */
    public void verifyDummy(String password) {
        verify(password, dummyHash);
    }

    private <T> T bounded(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(
                    ProblemType.SERVICE_UNAVAILABLE,
                    "Too many sign-ins at once. Try again in a moment.",
                    HttpHeaders.RETRY_AFTER,
                    "1");
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations, int length) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
