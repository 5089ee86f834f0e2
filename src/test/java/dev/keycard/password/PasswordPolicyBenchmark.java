package dev.keycard.password;

import dev.keycard.ShippedConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one guessability check ({@link PasswordPolicy#guessable}) by password shape and length,
 * up to the 1024-byte limit (only the first 64 characters are estimated). Run by bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PasswordPolicyBenchmark {

    /** A passphrase, a single repeated character, and a repeated common word: zxcvbn's slow shapes. */
    @Param({"phrase", "repeat", "word"})
    String shape;

    @Param({"12", "64", "1024"})
    int length;

    private PasswordPolicy policy;
    private String password;

    @Setup
    public void policy() {
        policy = ShippedConfig.configure(new PasswordPolicy());
        policy.load();
        String unit = switch (shape) {
            case "phrase" -> "orchid lantern fjord 42 ";
            case "repeat" -> "a";
            default -> "pass";
        };
        password = unit.repeat(length / unit.length() + 1).substring(0, length);
    }

    @Benchmark
    public String guessable() {
        return policy.guessable(password, "alice");
    }
}
