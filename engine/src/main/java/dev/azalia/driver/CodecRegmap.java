package dev.azalia.driver;

import dev.azalia.sound.SoundException;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * A codec's register cache ({@code snd_hdac_regmap}): the last value written to each non-volatile verb, keyed as
 * Linux keys them ({@code nid << 20 | getVerb << 8 | payload}, e.g. {@code 0x2f0d00} for DIGI_CONVERT_1 of NID 2),
 * and replayed in key order on resume ({@code regcache_sync}). While "cache only" (the codec is suspended) writes
 * only update the cache.
 *
 * <p>Thread-safe (synchronised); the verb executor is called outside no lock of this class's callers but inside
 * this object's monitor, so one sync or write runs at a time.
 */
public final class CodecRegmap
{
    /** One cached register: the full SET verb that writes it and the value it carries. */
    private record Register(int setVerb, int value)
    {
    }

    private final Map<Integer, Register> cache = new TreeMap<>();
    private final IntUnaryOperator executor;
    private boolean cacheOnly;
    private boolean dirty;

    /**
     * A cache writing through {@code executor} (which sends a full 32-bit verb and returns its response).
     *
     * @param executor sends a verb; throws {@link SoundException} on failure.
     */
    public CodecRegmap(final IntUnaryOperator executor)
    {
        this.executor = executor;
    }

    /**
     * Writes a register through the cache ({@code snd_hdac_regmap_write}).
     *
     * @param key      the cache key ({@code nid << 20 | getVerb << 8 | payload}).
     * @param setVerb  the full 32-bit verb that writes the value (cad, nid, set verb and data).
     * @param value    the value the verb writes, kept for replay.
     * @throws SoundException if the write reaches hardware and fails.
     */
    public synchronized void write(final int key, final int setVerb, final int value)
    {
        final Register previous = cache.put(key, new Register(setVerb, value));
        if (cacheOnly)
        {
            dirty |= null == previous || previous.setVerb() != setVerb;
            return;
        }
        executor.applyAsInt(setVerb);
    }

    /**
     * The cached value of a register.
     *
     * @param key the cache key.
     * @return the value, or -1 if never written.
     */
    public synchronized int cached(final int key)
    {
        final Register r = cache.get(key);
        return null == r ? -1 : r.value();
    }

    /**
     * Enters or leaves cache-only mode (the codec is suspended: no verbs reach it).
     *
     * @param value true for cache only.
     */
    public synchronized void setCacheOnly(final boolean value)
    {
        this.cacheOnly = value;
    }

    /**
     * Whether writes only update the cache.
     *
     * @return true in cache-only mode.
     */
    public synchronized boolean cacheOnly()
    {
        return cacheOnly;
    }

    /**
     * Replays every cached register in key order ({@code regcache_sync}); stops at the first failure.
     *
     * @return 0 on success, or the negative errno of the register that failed.
     * @throws RegisterSyncException describing the failing key and errno; the caller logs
     *                               "Unable to sync register %#x. %d".
     */
    public synchronized int sync()
    {
        for (final Map.Entry<Integer, Register> e : cache.entrySet())
        {
            try
            {
                executor.applyAsInt(e.getValue().setVerb());
            }
            catch (final SoundException ex)
            {
                throw new RegisterSyncException(e.getKey(), -ex.errno().code());
            }
        }
        dirty = false;
        return 0;
    }

    /**
     * A register that could not be written back during {@link #sync()}.
     */
    public static final class RegisterSyncException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        private final int key;
        private final int errno;

        /**
         * The failure of one register.
         *
         * @param key   the cache key.
         * @param errno the negative errno.
         */
        public RegisterSyncException(final int key, final int errno)
        {
            super(String.format(Locale.ROOT, "Unable to sync register %#x. %d", key, errno));
            this.key = key;
            this.errno = errno;
        }

        /**
         * The cache key of the register that failed.
         *
         * @return the key.
         */
        public int key()
        {
            return key;
        }

        /**
         * The negative errno of the failure.
         *
         * @return e.g. -5 for EIO.
         */
        public int errno()
        {
            return errno;
        }
    }
}
