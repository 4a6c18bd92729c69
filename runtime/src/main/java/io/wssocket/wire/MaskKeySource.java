package io.wssocket.wire;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.function.IntSupplier;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Masking keys for one client connection (RFC 6455 §5.3: "derived from a strong source of
 * entropy", unpredictable to the server and to anything on the path — §10.3 explains the attack
 * on intermediaries that predictable keys allow).
 *
 * <p>Calling {@link SecureRandom} for every frame would cost a lock and a syscall-backed
 * generator per message. Instead each source takes 44 bytes of seed once (a ChaCha20 key and
 * nonce) and derives keys from the JDK's ChaCha20 keystream, 16 keys per 64-byte block; the
 * keystream of a secret key is unpredictable without the key. It takes a fresh seed after
 * {@link #REKEY_AFTER_BLOCKS} blocks, far below ChaCha20's 2^32-block counter limit.
 *
 * <p>Not thread-safe: one per connection, used by whoever writes that connection's frames
 * under its send lock.
 */
public final class MaskKeySource implements IntSupplier {
    /** Blocks of keystream (16 keys each) taken from one seed. */
    static final long REKEY_AFTER_BLOCKS = 1L << 20;
    private static final SecureRandom SHARED_SEEDS = new SecureRandom();
    private static final int BLOCK = 64;

    private final SecureRandom seeds;
    private final byte[] zeros = new byte[BLOCK];
    private final byte[] keystream = new byte[BLOCK];
    private Cipher cipher;
    private long blocksLeft;
    private int next = BLOCK;

    /** Seeded from a SecureRandom shared by all sources. */
    public MaskKeySource() {
        this(SHARED_SEEDS);
    }

    public MaskKeySource(SecureRandom seeds) {
        this.seeds = seeds;
    }

    @Override
    public int getAsInt() {
        if (next == BLOCK) {
            refill();
        }
        int i = next;
        next += 4;
        return (keystream[i] & 0xFF) << 24 | (keystream[i + 1] & 0xFF) << 16
                | (keystream[i + 2] & 0xFF) << 8 | (keystream[i + 3] & 0xFF);
    }

    private void refill() {
        if (blocksLeft == 0) {
            reseed();
        }
        try {
            // The keystream itself: ChaCha20 "encrypts" by XOR, so encrypting zeros yields it.
            cipher.update(zeros, 0, BLOCK, keystream, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 keystream failed", e);
        }
        blocksLeft--;
        next = 0;
    }

    private void reseed() {
        byte[] seed = new byte[32 + 12];
        seeds.nextBytes(seed);
        try {
            Cipher fresh = Cipher.getInstance("ChaCha20");
            fresh.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, 0, 32, "ChaCha20"),
                    new ChaCha20ParameterSpec(java.util.Arrays.copyOfRange(seed, 32, 44), 0));
            cipher = fresh;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no ChaCha20 cipher (standard since Java 11)", e);
        } finally {
            java.util.Arrays.fill(seed, (byte) 0);
        }
        blocksLeft = REKEY_AFTER_BLOCKS;
    }
}
