package dev.keycard.user;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Password hashes as PHC strings, so the algorithm and its parameters travel with each hash and can
 * be raised later without invalidating stored ones.
 * <p>
 * Argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane) is the default: memory-hard against GPU
 * cracking and about 30 ms here, against about 160 ms for PBKDF2-HMAC-SHA256 at 600,000 iterations,
 * which stays selectable ({@code keycard.password.algorithm=pbkdf2-sha256}) for FIPS deployments.
 */
@ApplicationScoped
public class PasswordHashing {

    public static final String ARGON2ID = "argon2id";
    public static final String PBKDF2 = "pbkdf2-sha256";
    /** Longer passwords are refused before hashing: hashing cost must not be the attacker's to choose. */
    public static final int MAX_PASSWORD_BYTES = 1024;

    private static final Pattern ARGON2_PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Pattern PBKDF2_PHC = Pattern.compile(
            "\\$pbkdf2-sha256\\$i=(\\d{1,8})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final byte[] NONE = new byte[0];

    private final SecureRandom random = new SecureRandom();

    @Inject
    @ConfigProperty(name = "keycard.password.algorithm", defaultValue = ARGON2ID)
    String algorithm = ARGON2ID;

    @Inject
    @ConfigProperty(name = "keycard.password.argon2.memory-kib", defaultValue = "19456")
    int argon2MemoryKib = 19456;

    @Inject
    @ConfigProperty(name = "keycard.password.argon2.iterations", defaultValue = "2")
    int argon2Iterations = 2;

    @Inject
    @ConfigProperty(name = "keycard.password.argon2.parallelism", defaultValue = "1")
    int argon2Parallelism = 1;

    @Inject
    @ConfigProperty(name = "keycard.password.pbkdf2.iterations", defaultValue = "600000")
    int pbkdf2Iterations = 600_000;

    /**
     * At most this many hashes at once (default: one per core). Each Argon2id hash holds 19 MiB, so
     * without a bound a burst of logins would exhaust the heap; past it, callers wait briefly and
     * then get 503 with Retry-After, which is also what the CPU could deliver anyway. More than one
     * per core buys nothing: measured on two cores, four concurrent hashes cost 25 to 50 % more CPU
     * each than two (their 19 MiB working sets evict each other from the caches).
     */
    @Inject
    @ConfigProperty(name = "keycard.password.max-concurrent-hashes", defaultValue = "0")
    int maxConcurrent;

    Semaphore permits;

    /**
     * Argon2id engines, each holding the memory of its last hash for the next one. Hashes run only
     * while holding a permit, so there are never more engines than permits: at the default cost,
     * 19 MiB per core, allocated once instead of on every login.
     */
    final Queue<Argon2id> engines = new ConcurrentLinkedQueue<>();

    /** A hash of a random password at the current parameters, verified for unknown users. */
    private String dummyHash;

    @PostConstruct
    void init() {
        if (!ARGON2ID.equals(algorithm) && !PBKDF2.equals(algorithm)) {
            throw new IllegalStateException("keycard.password.algorithm must be " + ARGON2ID + " or " + PBKDF2
                    + ", not '" + algorithm + "'");
        }
        permits = new Semaphore(maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors());
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        dummyHash = hash(B64.encodeToString(secret));
    }

    public String hash(String password) {
        return bounded(() -> hashNow(password));
    }

    private String hashNow(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        if (PBKDF2.equals(algorithm)) {
            return "$pbkdf2-sha256$i=" + pbkdf2Iterations + "$" + B64.encodeToString(salt) + "$"
                    + B64.encodeToString(pbkdf2(password, salt, pbkdf2Iterations, HASH_BYTES));
        }
        byte[] hash = argon2(secret, salt, argon2MemoryKib, argon2Iterations, argon2Parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + argon2MemoryKib + ",t=" + argon2Iterations + ",p=" + argon2Parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Constant-time comparison; an unreadable stored hash never matches. */
    public boolean verify(String password, String phc) {
        return bounded(() -> verifyNow(password, phc));
    }

    private boolean verifyNow(String password, String phc) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        Matcher argon = ARGON2_PHC.matcher(phc);
        if (argon.matches()) {
            byte[] expected = B64D.decode(argon.group(5));
            byte[] actual;
            try {
                actual = argon2(secret, B64D.decode(argon.group(4)), Integer.parseInt(argon.group(1)),
                        Integer.parseInt(argon.group(2)), Integer.parseInt(argon.group(3)), expected.length);
            } catch (IllegalArgumentException costsOutsideTheRfc) {
                return false;
            }
            return MessageDigest.isEqual(expected, actual);
        }
        Matcher pbkdf2 = PBKDF2_PHC.matcher(phc);
        if (pbkdf2.matches()) {
            byte[] expected = B64D.decode(pbkdf2.group(3));
            byte[] actual = pbkdf2(password, B64D.decode(pbkdf2.group(2)), Integer.parseInt(pbkdf2.group(1)),
                    expected.length);
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

    private <T> T bounded(java.util.function.Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                    "Too many sign-ins at once. Try again in a moment.", HttpHeaders.RETRY_AFTER, "1");
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    private byte[] argon2(byte[] secret, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2id engine = engines.poll();
        if (engine == null) {
            engine = new Argon2id();
        }
        try {
            return engine.hash(secret, salt, NONE, NONE, memoryKib, iterations, parallelism, length);
        } finally {
            engines.offer(engine);
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations, int length) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
