package io.jasyncio.examples;

/**
 * The numbers Python's {@code random} module draws: a Mersenne Twister (MT19937) seeded as
 * {@code random.seed(int)} seeds it, with {@code randint} as Python computes it. {@link Chained}
 * uses it so that the seed's {@code random.seed(444)} gives the seed program's exact lines.
 * Not thread-safe.
 */
final class PyRandom {
    /*
     * Implementation notes.
     *
     * CPython's _randommodule.c: init_genrand(19650218) then init_by_array over the seed's 32-bit
     * words (least significant first; 0 gives one zero word), genrand_uint32 with the usual
     * tempering. randint(a, b) is a + _randbelow(b - a + 1), and _randbelow(n) draws
     * getrandbits(bit_length(n)) = genrand_uint32() >>> (32 - k) until it is below n.
     */
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index = N + 1;

    /**
     * A generator in the state {@code random.seed(seed)} leaves Python's.
     *
     * @throws IllegalArgumentException if {@code seed} is negative (Python uses its absolute
     *         value; no example needs that)
     */
    PyRandom(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("negative seed: " + seed);
        }
        int high = (int) (seed >>> 32);
        int[] key = high == 0 ? new int[] {(int) seed} : new int[] {(int) seed, high};
        initByArray(key);
    }

    /** Python's {@code randint(low, high)}, both ends included. */
    int randint(int low, int high) {
        int n = high - low + 1;
        int k = 32 - Integer.numberOfLeadingZeros(n);
        int r;
        do {
            r = nextInt() >>> (32 - k);
        } while (r >= n);
        return low + r;
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (index = 1; index < N; index++) {
            mt[index] = 1812433253 * (mt[index - 1] ^ (mt[index - 1] >>> 30)) + index;
        }
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
        index = N;
    }

    private int nextInt() {
        if (index >= N) {
            for (int kk = 0; kk < N; kk++) {
                int y = (mt[kk] & 0x80000000) | (mt[(kk + 1) % N] & 0x7fffffff);
                mt[kk] = mt[(kk + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : 0x9908b0df);
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }
}
