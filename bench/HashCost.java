import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import dev.keycard.user.Argon2id;

/**
 * The password hash's own capacity on this machine: Argon2id with Keycard's default parameters
 * (19 MiB, 2 passes, 1 lane, 32 bytes), on as many threads as there are cores, for a fixed time,
 * through Keycard's own Argon2id class, each thread reusing one instance's memory as the server
 * does. Prints one JSON line for bench/run.sh: hashes per second, and the CPU time one hash took
 * (the hashing threads' own CPU time over the hashes counted), which the machine's speed drifting
 * from one second to the next, or another tenant's steal, changes less than the rate.
 * Usage: java -cp target/classes:bcprov.jar bench/HashCost.java SECONDS DB RUN PHASE
 */
public class HashCost {
    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicLong hashes = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        // Three seconds of warm-up on every thread first, so that the JIT has compiled the hash
        // (one second was not enough on a slow machine: the rate was still climbing).
        long warm = System.nanoTime() + 3_000_000_000L;
        long end = warm + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                byte[] salt = new byte[16];
                new SecureRandom().nextBytes(salt);
                byte[] password = "bench-only-user-password".getBytes(StandardCharsets.UTF_8);
                Argon2id argon2 = new Argon2id();
                long cpuStart = -1;
                while (System.nanoTime() < end) {
                    argon2.hash(password, salt, new byte[0], new byte[0], 19456, 2, 1, 32);
                    if (cpuStart >= 0) {
                        hashes.incrementAndGet();
                    } else if (System.nanoTime() > warm) {
                        cpuStart = cpu.getCurrentThreadCpuTime(); // the hashes counted start here
                    }
                }
                if (cpuStart >= 0) {
                    cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpuStart);
                }
            });
            workers[i].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf("{\"scenario\":\"hash\",\"db\":\"%s\",\"run\":%s,\"phase\":\"%s\",\"threads\":%d,"
                + "\"requests\":%d,\"seconds\":%d,\"rps\":%.1f,\"cpu_ms_per_hash\":%.2f,\"errors\":0}%n",
                args[1], args[2], args[3], threads, hashes.get(), seconds, hashes.get() / (double) seconds,
                cpuNanos.get() / 1e6 / Math.max(1, hashes.get()));
    }
}
