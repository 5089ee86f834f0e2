import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The password hash's own capacity on this machine: Argon2id with Keycard's default parameters
 * (19 MiB, 2 passes, 1 lane, 32 bytes), on as many threads as there are cores, for a fixed time.
 * Prints one JSON line for bench/run.sh: hashes per second; the CPU time one hash took (the hashing
 * threads' own CPU time over the hashes counted), which the machine's speed drifting from one
 * second to the next, or another tenant's steal, changes less than the rate; and the Java heap one
 * hash allocated.
 * <p>
 * IMPLEMENTATION is what computes the hash: {@code libargon2} (the default, as the server runs it,
 * through argon2-jvm), {@code bouncycastle} (BouncyCastle's Argon2BytesGenerator, with bcprov on the
 * class path), or {@code handwritten} (Keycard's own Argon2id class before it was replaced, with the
 * classes of a build of an earlier commit on the class path). docs/performance.md has the commands.
 * Usage: java -cp CLASSPATH bench/HashCost.java SECONDS DB RUN PHASE [IMPLEMENTATION]
 */
public class HashCost {

    interface Hasher {
        void hash(byte[] password, byte[] salt) throws Exception;
    }

    static Supplier<Hasher> implementation(String name) throws Exception {
        switch (name) {
            case "libargon2": {
                Class<?> factory = Class.forName("de.mkammerer.argon2.Argon2Factory");
                Class<?> types = Class.forName("de.mkammerer.argon2.Argon2Factory$Argon2Types");
                Object argon2 = factory.getMethod("createAdvanced", types)
                        .invoke(null, types.getField("ARGON2id").get(null));
                Method raw = argon2.getClass()
                        .getMethod("rawHash", int.class, int.class, int.class, byte[].class, byte[].class);
                raw.setAccessible(true);
                return () -> (password, salt) -> raw.invoke(argon2, 2, 19456, 1, password, salt);
            }
            case "bouncycastle": {
                Class<?> generator = Class.forName("org.bouncycastle.crypto.generators.Argon2BytesGenerator");
                Class<?> parameters = Class.forName("org.bouncycastle.crypto.params.Argon2Parameters");
                Class<?> builder = Class.forName("org.bouncycastle.crypto.params.Argon2Parameters$Builder");
                return () -> (password, salt) -> {
                    Object b = builder.getConstructor(int.class)
                            .newInstance(parameters.getField("ARGON2_id").get(null));
                    builder.getMethod("withVersion", int.class).invoke(b, 0x13);
                    builder.getMethod("withMemoryAsKB", int.class).invoke(b, 19456);
                    builder.getMethod("withIterations", int.class).invoke(b, 2);
                    builder.getMethod("withParallelism", int.class).invoke(b, 1);
                    builder.getMethod("withSalt", byte[].class).invoke(b, salt);
                    Object g = generator.getConstructor().newInstance();
                    generator
                            .getMethod("init", parameters)
                            .invoke(g, builder.getMethod("build").invoke(b));
                    generator
                            .getMethod("generateBytes", byte[].class, byte[].class)
                            .invoke(g, password, new byte[32]);
                };
            }
            case "handwritten": {
                Class<?> argon2id = Class.forName("dev.keycard.user.Argon2id");
                Method hash = argon2id.getMethod(
                        "hash",
                        byte[].class,
                        byte[].class,
                        byte[].class,
                        byte[].class,
                        int.class,
                        int.class,
                        int.class,
                        int.class);
                return () -> {
                    Object engine = newInstance(argon2id);
                    return (password, salt) ->
                            hash.invoke(engine, password, salt, new byte[0], new byte[0], 19456, 2, 1, 32);
                };
            }
            default:
                throw new IllegalArgumentException(
                        "IMPLEMENTATION: libargon2, bouncycastle or handwritten, not " + name);
        }
    }

    private static Object newInstance(Class<?> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        String name = args.length > 4 ? args[4] : "libargon2";
        Supplier<Hasher> hashers = implementation(name);
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicLong hashes = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        AtomicLong allocated = new AtomicLong();
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
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
                Hasher hasher = hashers.get();
                long cpuStart = -1;
                long allocatedStart = 0;
                try {
                    while (System.nanoTime() < end) {
                        hasher.hash(password, salt);
                        if (cpuStart >= 0) {
                            hashes.incrementAndGet();
                        } else if (System.nanoTime() > warm) {
                            cpuStart = mx.getCurrentThreadCpuTime(); // the hashes counted start here
                            allocatedStart = mx.getCurrentThreadAllocatedBytes();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                if (cpuStart >= 0) {
                    cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - cpuStart);
                    allocated.addAndGet(mx.getCurrentThreadAllocatedBytes() - allocatedStart);
                }
            });
            workers[i].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long counted = Math.max(1, hashes.get());
        System.out.printf(
                "{\"scenario\":\"hash\",\"db\":\"%s\",\"run\":%s,\"phase\":\"%s\",\"impl\":\"%s\",\"threads\":%d,"
                        + "\"requests\":%d,\"seconds\":%d,\"rps\":%.1f,\"cpu_ms_per_hash\":%.2f,\"alloc_kib_per_hash\":%.1f,"
                        + "\"errors\":0}%n",
                args[1],
                args[2],
                args[3],
                name,
                threads,
                hashes.get(),
                seconds,
                hashes.get() / (double) seconds,
                cpuNanos.get() / 1e6 / counted,
                allocated.get() / 1024.0 / counted);
    }
}
