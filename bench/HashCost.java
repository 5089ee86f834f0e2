import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The password hash's own capacity on this machine: Argon2id with Keycard's default parameters
 * (19 MiB, 2 passes, 1 lane, 32 bytes), on as many threads as there are cores, for a fixed time,
 * through the same BouncyCastle code Keycard uses. Prints one JSON line for bench/run.sh.
 * Usage: java -cp bcprov.jar bench/HashCost.java SECONDS DB RUN PHASE
 */
public class HashCost {
    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicLong hashes = new AtomicLong();
        // Three seconds of warm-up on every thread first, so that the JIT has compiled the hash
        // (one second was not enough on a slow machine: the rate was still climbing).
        long warm = System.nanoTime() + 3_000_000_000L;
        long end = warm + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                byte[] salt = new byte[16];
                new SecureRandom().nextBytes(salt);
                while (System.nanoTime() < end) {
                    Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
                    argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withSalt(salt)
                            .withMemoryAsKB(19456).withIterations(2).withParallelism(1).build());
                    argon2.generateBytes("bench-only-user-password".toCharArray(), new byte[32]);
                    if (System.nanoTime() > warm) {
                        hashes.incrementAndGet();
                    }
                }
            });
            workers[i].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf("{\"scenario\":\"hash\",\"db\":\"%s\",\"run\":%s,\"phase\":\"%s\",\"threads\":%d,"
                + "\"requests\":%d,\"seconds\":%d,\"rps\":%.1f,\"errors\":0}%n",
                args[1], args[2], args[3], threads, hashes.get(), seconds, hashes.get() / (double) seconds);
    }
}
