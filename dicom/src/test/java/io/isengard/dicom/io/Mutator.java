package io.isengard.dicom.io;

import java.util.Arrays;
import java.util.Random;

/**
 * Makes broken copies of a valid file: bit flips, random bytes, lengths and
 * tags that parsers trip on, cuts, inserted and deleted runs. Deterministic
 * for a given {@link Random}.
 */
final class Mutator {
    /** A mutant and what was done to make it. */
    record Mutant(byte[] bytes, String description) {}

    /** 32-bit values that are lengths or tags with a meaning, or none that fits. */
    private static final long[] INTERESTING_U32 = {
        0xFFFFFFFFL, 0xFFFFFFFEL, 0xFFFFFFF0L, 0x7FFFFFFFL, 0x7FFFFFF0L, 0x80000000L, 0x00010000L, 0, 1, 3, 7, 8,
        0xFFFEE000L, 0xFFFEE00DL, 0xFFFEE0DDL, 0xE000FFFEL, 0xE00DFFFEL, 0xE0DDFFFEL, 0x7FE00010L, 0x00100010L
    };
    /** 16-bit values: short lengths, VR codes (long-header, sequence, unknown), group numbers. */
    private static final int[] INTERESTING_U16 = {
        0xFFFF, 0xFFFE, 0x8000, 0, 1, 0x5351 /* "SQ" */, 0x554E /* "UN" */, 0x4F42 /* "OB" */, 0x5554 /* "UT" */,
        0x4C4F /* "LO" */, 0x5858 /* "XX" */, 0xFEFF, 0x0002, 0x7FE0
    };

    private final Random random;

    Mutator(Random random) {
        this.random = random;
    }

    /** One to three mutations of {@code original}, which is left unchanged. */
    Mutant mutate(byte[] original, int from) {
        byte[] b = original.clone();
        StringBuilder what = new StringBuilder();
        int n = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
        for (int i = 0; i < n && b.length > from; i++) {
            b = mutateOnce(b, from, what);
        }
        return new Mutant(b, what.toString());
    }

    private byte[] mutateOnce(byte[] b, int from, StringBuilder what) {
        int at = from + random.nextInt(b.length - from);
        switch (random.nextInt(8)) {
            case 0, 1 -> {
                int bit = random.nextInt(8);
                b[at] ^= (byte) (1 << bit);
                note(what, "flip bit " + bit + " at " + at);
            }
            case 2 -> {
                b[at] = (byte) random.nextInt(256);
                note(what, "byte " + (b[at] & 0xFF) + " at " + at);
            }
            case 3 -> {
                long v = INTERESTING_U32[random.nextInt(INTERESTING_U32.length)];
                boolean bigEndian = random.nextBoolean();
                put(b, at & ~1, 4, v, bigEndian);
                note(what, String.format("u32 %08X (%s) at %d", v, bigEndian ? "BE" : "LE", at & ~1));
            }
            case 4 -> {
                int v = INTERESTING_U16[random.nextInt(INTERESTING_U16.length)];
                boolean bigEndian = random.nextBoolean();
                put(b, at & ~1, 2, v, bigEndian);
                note(what, String.format("u16 %04X (%s) at %d", v, bigEndian ? "BE" : "LE", at & ~1));
            }
            case 5 -> {
                note(what, "cut at " + at);
                return Arrays.copyOf(b, at);
            }
            case 6 -> {
                int len = 1 + random.nextInt(Math.min(64, b.length - at));
                int to = from + random.nextInt(b.length - from);
                byte[] r = new byte[b.length + len];
                System.arraycopy(b, 0, r, 0, to);
                System.arraycopy(b, at, r, to, len);
                System.arraycopy(b, to, r, to + len, b.length - to);
                note(what, "copy " + len + " bytes from " + at + " to " + to);
                return r;
            }
            default -> {
                int len = 1 + random.nextInt(Math.min(64, b.length - at));
                byte[] r = new byte[b.length - len];
                System.arraycopy(b, 0, r, 0, at);
                System.arraycopy(b, at + len, r, at, b.length - at - len);
                note(what, "delete " + len + " bytes at " + at);
                return r;
            }
        }
        return b;
    }

    private static void put(byte[] b, int at, int size, long v, boolean bigEndian) {
        for (int i = 0; i < size && at + i < b.length; i++) {
            int shift = 8 * (bigEndian ? size - 1 - i : i);
            b[at + i] = (byte) (v >>> shift);
        }
    }

    private static void note(StringBuilder what, String s) {
        what.append(what.isEmpty() ? "" : ", ").append(s);
    }
}
