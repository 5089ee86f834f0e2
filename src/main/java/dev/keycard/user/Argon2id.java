package dev.keycard.user;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.util.Pack;

/**
 * Argon2id, version 0x13, as RFC 9106 specifies it, computed into memory that is kept and reused
 * from one hash to the next.
 * <p>
 * Why not BouncyCastle's {@code Argon2BytesGenerator}, which Keycard used before: it allocates the
 * whole memory (19 MiB at the default cost, as 19,456 objects) for every hash. At 30 to 60 logins a
 * second that is up to a gigabyte of short-lived allocation per second, which the garbage collector
 * has to copy while hashes are in flight, and which grew the server's heap by half a gigabyte under
 * load. Here each instance owns one flat {@code long[]} and {@link PasswordHashing} keeps at most one
 * instance per permitted concurrent hash, so the memory the hash needs is allocated once.
 * <p>
 * Blake2b (for H0, H' and the final tag) is still BouncyCastle's. The output is checked against the
 * RFC's test vector and against BouncyCastle's generator for random inputs and costs
 * ({@code Argon2idTest}). The memory is not cleared between hashes: every block is written before it
 * is read, and blocks are Blake2b outputs derived from the password, worth no more to an attacker
 * who can read the heap than the stored hash (and less than the request that carried the password).
 * <p>
 * One instance computes one hash at a time: it is not thread-safe.
 */
public final class Argon2id {

    static final int VERSION = 0x13;
    static final int MAX_LANES = 0xFFFFFF;
    private static final int TYPE_ID = 2;
    private static final int BLOCK_BYTES = 1024;
    private static final int WORDS = 128;
    private static final int SYNC_POINTS = 4;
    private static final long LOW_32 = 0xFFFFFFFFL;

    private long[] memory = new long[0];
    /** P's working block (R, then P(R)) and the copy of R (or of R xor the old block) it is added to. */
    private final long[] r = new long[WORDS];
    private final long[] z = new long[WORDS];
    /** Argon2i-style addressing for the first half of the first pass: input, addresses, zero block. */
    private final long[] input = new long[WORDS];
    private final long[] addresses = new long[WORDS];
    private final long[] zero = new long[WORDS];
    private final byte[] blockBytes = new byte[BLOCK_BYTES];

    private int lanes;
    private int laneLength;
    private int segmentLength;
    private int blocks;
    private int passes;

    /**
     * The tag of {@code length} bytes for the password with the given salt, optional secret and
     * associated data (empty arrays for none), memory in KiB, passes and lanes.
     *
     * @throws IllegalArgumentException for costs or lengths outside what RFC 9106 allows
     */
    public byte[] hash(byte[] password, byte[] salt, byte[] secret, byte[] associated, int memoryKib, int passes,
            int lanes, int length) {
        if (lanes < 1 || lanes > MAX_LANES || passes < 1 || length < 4 || memoryKib < 8 * lanes) {
            throw new IllegalArgumentException("Argon2id needs 1 to 2^24-1 lanes, at least one pass, a tag of at "
                    + "least 4 bytes and at least 8 KiB of memory per lane");
        }
        this.lanes = lanes;
        this.passes = passes;
        this.segmentLength = memoryKib / (SYNC_POINTS * lanes);
        this.laneLength = segmentLength * SYNC_POINTS;
        this.blocks = laneLength * lanes;
        long words = (long) blocks * WORDS;
        if (words > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Argon2id memory above 16 GiB is not supported");
        }
        if (memory.length < words) {
            memory = null; // let the old array go before the larger one is allocated
            memory = new long[(int) words];
        }

        byte[] h0 = initialHash(password, salt, secret, associated, memoryKib, length);
        byte[] seed = Arrays.copyOf(h0, 72);
        for (int lane = 0; lane < lanes; lane++) {
            Pack.intToLittleEndian(lane, seed, 68);
            for (int column = 0; column < 2; column++) {
                Pack.intToLittleEndian(column, seed, 64);
                variableHash(seed, blockBytes, BLOCK_BYTES);
                Pack.littleEndianToLong(blockBytes, 0, memory, (lane * laneLength + column) * WORDS, WORDS);
            }
        }
        for (int pass = 0; pass < passes; pass++) {
            for (int slice = 0; slice < SYNC_POINTS; slice++) {
                for (int lane = 0; lane < lanes; lane++) {
                    fillSegment(pass, slice, lane);
                }
            }
        }
        long[] last = r;
        System.arraycopy(memory, (laneLength - 1) * WORDS, last, 0, WORDS);
        for (int lane = 1; lane < lanes; lane++) {
            int offset = (lane * laneLength + laneLength - 1) * WORDS;
            for (int i = 0; i < WORDS; i++) {
                last[i] ^= memory[offset + i];
            }
        }
        Pack.longToLittleEndian(last, blockBytes, 0);
        byte[] tag = new byte[length];
        variableHash(blockBytes, tag, length);
        return tag;
    }

    /** H0: Blake2b-512 over the costs, the type and version, and each input with its length. */
    private byte[] initialHash(byte[] password, byte[] salt, byte[] secret, byte[] associated, int memoryKib,
            int length) {
        Blake2bDigest digest = new Blake2bDigest(512);
        for (int value : new int[] {lanes, length, memoryKib, passes, VERSION, TYPE_ID}) {
            updateInt(digest, value);
        }
        for (byte[] field : new byte[][] {password, salt, secret, associated}) {
            updateInt(digest, field.length);
            digest.update(field, 0, field.length);
        }
        byte[] h0 = new byte[64];
        digest.doFinal(h0, 0);
        return h0;
    }

    /** H': Blake2b stretched to any output length (RFC 9106, section 3.3). */
    static void variableHash(byte[] input, byte[] out, int length) {
        if (length <= 64) {
            Blake2bDigest digest = new Blake2bDigest(length * 8);
            updateInt(digest, length);
            digest.update(input, 0, input.length);
            digest.doFinal(out, 0);
            return;
        }
        Blake2bDigest digest = new Blake2bDigest(512);
        byte[] v = new byte[64];
        updateInt(digest, length);
        digest.update(input, 0, input.length);
        digest.doFinal(v, 0);
        System.arraycopy(v, 0, out, 0, 32);
        int fullBlocks = (length + 31) / 32 - 2;
        int position = 32;
        for (int i = 2; i <= fullBlocks; i++, position += 32) {
            digest.update(v, 0, 64);
            digest.doFinal(v, 0);
            System.arraycopy(v, 0, out, position, 32);
        }
        Blake2bDigest last = new Blake2bDigest((length - 32 * fullBlocks) * 8);
        last.update(v, 0, 64);
        last.doFinal(out, position);
    }

    private static void updateInt(Blake2bDigest digest, int value) {
        digest.update(Pack.intToLittleEndian(value), 0, 4);
    }

    /**
     * One lane's blocks within one slice of one pass. Argon2id takes reference blocks at positions
     * independent of the password in the first half of the first pass (against side channels) and
     * at positions from the previous block after that (against time-memory trade-offs).
     */
    private void fillSegment(int pass, int slice, int lane) {
        boolean independent = pass == 0 && slice < SYNC_POINTS / 2;
        int start = pass == 0 && slice == 0 ? 2 : 0;
        if (independent) {
            Arrays.fill(input, 0);
            input[0] = pass;
            input[1] = lane;
            input[2] = slice;
            input[3] = blocks;
            input[4] = passes;
            input[5] = TYPE_ID;
            if (start == 2) {
                nextAddresses();
            }
        }
        int current = lane * laneLength + slice * segmentLength + start;
        int previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
        for (int index = start; index < segmentLength; index++, current++, previous++) {
            if (current % laneLength == 1) {
                previous = current - 1;
            }
            long pseudoRandom;
            if (independent) {
                if (index % WORDS == 0) {
                    nextAddresses();
                }
                pseudoRandom = addresses[index % WORDS];
            } else {
                pseudoRandom = memory[previous * WORDS];
            }
            int referenceLane = pass == 0 && slice == 0 ? lane : (int) ((pseudoRandom >>> 32) % lanes);
            int reference = referenceLane * laneLength
                    + referenceIndex(pass, slice, index, pseudoRandom & LOW_32, referenceLane == lane);
            fillBlock(memory, previous * WORDS, memory, reference * WORDS, current * WORDS, pass > 0);
        }
    }

    /** Where in the reference lane the block to mix in lies (RFC 9106, section 3.4.1.2). */
    private int referenceIndex(int pass, int slice, int index, long j1, boolean sameLane) {
        int area;
        if (pass == 0) {
            if (slice == 0) {
                area = index - 1;
            } else if (sameLane) {
                area = slice * segmentLength + index - 1;
            } else {
                area = slice * segmentLength + (index == 0 ? -1 : 0);
            }
        } else if (sameLane) {
            area = laneLength - segmentLength + index - 1;
        } else {
            area = laneLength - segmentLength + (index == 0 ? -1 : 0);
        }
        long x = (j1 * j1) >>> 32;
        long relative = area - 1 - ((area * x) >>> 32);
        int startPosition = pass == 0 || slice == SYNC_POINTS - 1 ? 0 : (slice + 1) * segmentLength;
        return (int) ((startPosition + relative) % laneLength);
    }

    /** The next 128 pseudo-random reference positions: G(0, G(0, input)) after bumping its counter. */
    private void nextAddresses() {
        input[6]++;
        fillBlock(zero, 0, input, 0, 0, false, addresses);
        fillBlock(zero, 0, addresses, 0, 0, false, addresses);
    }

    private void fillBlock(long[] x, int xOffset, long[] y, int yOffset, int target, boolean xorOld) {
        fillBlock(x, xOffset, y, yOffset, target, xorOld, memory);
    }

    /**
     * The compression function G: R = X xor Y, then P over R's rows and columns, added to R (and in
     * passes after the first, to the block being overwritten, as version 0x13 requires).
     */
    private void fillBlock(long[] x, int xOffset, long[] y, int yOffset, int target, boolean xorOld, long[] out) {
        long[] r = this.r;
        long[] z = this.z;
        for (int i = 0; i < WORDS; i++) {
            long word = x[xOffset + i] ^ y[yOffset + i];
            r[i] = word;
            z[i] = xorOld ? word ^ out[target + i] : word;
        }
        // P (Blake2b's round without message words) on each row of 16 consecutive words, then on
        // each column of word pairs (i, i+1, i+16, i+17, ... i+112, i+113). The calls to g are
        // written out here, not grouped in a helper, so that the JIT inlines them all into this
        // loop: grouped, C2 may compile the helper on its own first and then refuse to inline it,
        // which is what made BouncyCastle's generator up to three times slower in the server.
        for (int i = 0; i < WORDS; i += 16) {
            g(r, i, i + 4, i + 8, i + 12);
            g(r, i + 1, i + 5, i + 9, i + 13);
            g(r, i + 2, i + 6, i + 10, i + 14);
            g(r, i + 3, i + 7, i + 11, i + 15);
            g(r, i, i + 5, i + 10, i + 15);
            g(r, i + 1, i + 6, i + 11, i + 12);
            g(r, i + 2, i + 7, i + 8, i + 13);
            g(r, i + 3, i + 4, i + 9, i + 14);
        }
        for (int i = 0; i < 16; i += 2) {
            g(r, i, i + 32, i + 64, i + 96);
            g(r, i + 1, i + 33, i + 65, i + 97);
            g(r, i + 16, i + 48, i + 80, i + 112);
            g(r, i + 17, i + 49, i + 81, i + 113);
            g(r, i, i + 33, i + 80, i + 113);
            g(r, i + 1, i + 48, i + 81, i + 96);
            g(r, i + 16, i + 49, i + 64, i + 97);
            g(r, i + 17, i + 32, i + 65, i + 112);
        }
        for (int i = 0; i < WORDS; i++) {
            out[target + i] = z[i] ^ r[i];
        }
    }

    /** Blake2b's addition with Argon2's multiplication: a + b + 2 * lo(a) * lo(b). */
    private static long mix(long a, long b) {
        return a + b + 2 * (a & LOW_32) * (b & LOW_32);
    }

    /** Blake2b's G with Argon2's multiplication, on four words of the block. */
    private static void g(long[] v, int ia, int ib, int ic, int id) {
        long a = v[ia], b = v[ib], c = v[ic], d = v[id];
        a = mix(a, b);
        d = Long.rotateRight(d ^ a, 32);
        c = mix(c, d);
        b = Long.rotateRight(b ^ c, 24);
        a = mix(a, b);
        d = Long.rotateRight(d ^ a, 16);
        c = mix(c, d);
        b = Long.rotateRight(b ^ c, 63);
        v[ia] = a;
        v[ib] = b;
        v[ic] = c;
        v[id] = d;
    }
}
