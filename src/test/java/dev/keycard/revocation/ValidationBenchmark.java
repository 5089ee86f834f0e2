package dev.keycard.revocation;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
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
 * The hot path of every authenticated request, piece by piece: the revocation check alone
 * (three map look-ups, with 10,000 entries of each kind), and the whole validation as a
 * request sees it: parse, verify the RS256 signature and the issuer, audience and expiry with
 * jose4j (the library under Liberty's MicroProfile JWT), then the revocation check, over 2,000
 * distinct tokens so that no cache hides the work. Run by bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ValidationBenchmark {

    private static final String ISSUER = "http://localhost:9080";

    @Param({"10000"})
    int revokedEntries;

    private final RevocationList revocations = new RevocationList();
    private String[] tokens;
    private final String[][] ids = new String[2000][];
    private JwtConsumer consumer;
    private int next;

    @Setup
    public void prepare() throws Exception {
        long later = Instant.now().plusSeconds(3600).getEpochSecond();
        for (int i = 0; i < revokedEntries; i++) {
            revocations.apply(new Revocation(
                    Revocation.Kind.jti, UUID.randomUUID().toString(), null, Instant.ofEpochSecond(later)));
            revocations.apply(new Revocation(
                    Revocation.Kind.sid, UUID.randomUUID().toString(), null, Instant.ofEpochSecond(later)));
            revocations.apply(new Revocation(
                    Revocation.Kind.user, UUID.randomUUID().toString(), Instant.now(), Instant.ofEpochSecond(later)));
        }
        for (int i = 0; i < ids.length; i++) {
            ids[i] = new String[] {
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString()
            };
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        tokens = new String[2000];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = Jwt.claims()
                    .issuer(ISSUER)
                    .audience("keycard")
                    .subject(UUID.randomUUID().toString())
                    .upn("bench")
                    .groups(Set.of("user"))
                    .claim("jti", UUID.randomUUID().toString())
                    .claim("sid", UUID.randomUUID().toString())
                    .expiresIn(3600)
                    .jws()
                    .algorithm(SignatureAlgorithm.RS256)
                    .sign(pair.getPrivate());
        }
        consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(60)
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience("keycard")
                .setVerificationKey(pair.getPublic())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256")
                .build();
    }

    @Benchmark
    public boolean revocationCheck() {
        next = (next + 1) % tokens.length;
        String[] token = ids[next];
        return revocations.isRevoked(token[0], token[1], token[2], 1_700_000_000L);
    }

    @Benchmark
    public boolean wholeValidation() throws Exception {
        next = (next + 1) % tokens.length;
        JwtClaims claims = consumer.processToClaims(tokens[next]);
        return revocations.isRevoked(
                claims.getJwtId(),
                claims.getStringClaimValue("sid"),
                claims.getSubject(),
                claims.getIssuedAt() == null ? 0 : claims.getIssuedAt().getValue());
    }
}
