package dev.keycard.token;

import dev.keycard.keys.SigningAlgorithm;
import dev.keycard.keys.SigningKey;
import dev.keycard.keys.SigningKeys;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
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

/** The cost of minting one access token with {@link TokenIssuer}, per algorithm. Run by bench/jmh.sh. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenSigningBenchmark {

    @Param({"RS256", "ES256"})
    String algorithm;

    private TokenIssuer issuer;

    @Setup
    public void keys() throws Exception {
        SigningAlgorithm alg = SigningAlgorithm.parse(algorithm);
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.startsWith("RS") ? "RSA" : "EC");
        if (algorithm.startsWith("RS")) {
            generator.initialize(2048);
        } else {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        }
        KeyPair pair = generator.generateKeyPair();
        SigningKey key = SigningKey.of(alg, pair.getPublic(), pair.getPrivate());
        issuer = new TokenIssuer();
        issuer.issuer = "http://localhost:9080";
        issuer.audience = "keycard";
        issuer.accessTtl = Duration.ofMinutes(15);
        issuer.keys = new SigningKeys() {
            @Override
            public SigningKey active() {
                return key;
            }
        };
    }

    @Benchmark
    public TokenIssuer.IssuedToken issue() {
        return issuer.issue(
                "0b7f3a52-6c1e-4a5e-9d43-8f1c2b7e9a10",
                "bench",
                Set.of("user"),
                Map.of(),
                "5d2c0e7a-1b9f-4c3d-8e6a-2f4b7c9d1e03",
                Instant.now(),
                Amr.password());
    }
}
