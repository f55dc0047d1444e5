package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.sound.SoundException;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * The codec's register cache, as Linux's {@code hdac_regmap} keeps it: registers are keyed as Linux keys them
 * ({@code nid << 20 | getVerb << 8 | payload}, e.g. {@code 0x3f0700} for the pin control of NID 3; an amp is
 * {@code nid << 20 | 0xb << 16 | dir/channel/index bits}, e.g. {@code 0x2b8000} for the right output amp of NID 2).
 *
 * <ul>
 *   <li>{@link #read}: from the cache; an uncached register is read from the codec once (the GET verb) and cached.
 *   <li>{@link #update}: read (possibly priming the cache), and write only if the value changes
 *       ({@code regmap_update_bits}).
 *   <li>{@link #write}: cache, then send the SET verb(s) unless the codec is suspended (Linux's {@code lazy_cache}:
 *       the value reaches the codec at the next {@link #sync}). DIGI_CONVERT_1 is sent as two verbs (0x70D low byte,
 *       0x70E high byte), as {@code hda_reg_write} splits it.
 *   <li>{@link #sync}: after {@link #markDirty} (resume), every cached register is written back in key order
 *       ({@code regcache_sync}); the first failure stops it with Linux's "Unable to sync register %#x. %d".
 * </ul>
 *
 * <p>Threading: all methods are synchronised; verbs are sent while holding the lock (the transport serialises them
 * anyway).
 */
public final class CodecRegmap
{
    private static final int AMP_VERB = 0xb;
    private static final int AMP_GET_OUTPUT = 1 << 15;
    private static final int AMP_GET_LEFT = 1 << 13;

    private final Map<Integer, Integer> cache = new TreeMap<>();
    private final int address;
    private final IntUnaryOperator executor;
    private boolean cacheOnly;
    private boolean dirty;
    private long hardwareReads;

    /**
     * A regmap for the codec at {@code address}.
     *
     * @param address  the codec address (CAd) put into the verbs.
     * @param executor sends one verb and returns its response; may throw {@link SoundException}.
     */
    public CodecRegmap(final int address, final IntUnaryOperator executor)
    {
        this.address = address;
        this.executor = executor;
    }

    /**
     * The key of an amp register ({@code snd_hdac_regmap_encode_amp}).
     *
     * @param nid     the widget.
     * @param output  output amp (true) or input amp.
     * @param left    left channel (true) or right.
     * @param index   input index (0 for an output amp).
     * @return the key.
     */
    public static int ampKey(final int nid, final boolean output, final boolean left, final int index)
    {
        return nid << 20 | AMP_VERB << 16 | (output ? AMP_GET_OUTPUT : 0) | (left ? AMP_GET_LEFT : 0) | index;
    }

    /**
     * The key of a 12-bit-verb register.
     *
     * @param nid     the widget.
     * @param getVerb the GET verb, e.g. {@link Verbs#GET_PIN_WIDGET_CONTROL}.
     * @return the key.
     */
    public static int key(final int nid, final int getVerb)
    {
        return nid << 20 | getVerb << 8;
    }

    /**
     * Reads a register: from the cache, or once from the codec (then cached).
     *
     * @param key the register.
     * @return its value.
     * @throws SoundException if the register is not cached and the codec is suspended ({@code -EAGAIN}) or does
     *                        not answer.
     */
    public synchronized int read(final int key)
    {
        final Integer v = cache.get(key);
        if (null != v)
        {
            return v;
        }
        if (cacheOnly)
        {
            throw new SoundException(dev.azalia.sound.Errno.EAGAIN, String.format(Locale.ROOT,
                "register %#x not cached while suspended", key));
        }
        final int value = executor.applyAsInt(address << 28 | key);
        hardwareReads++;
        cache.put(key, value);
        return value;
    }

    /**
     * Changes the bits {@code mask} of a register to {@code value}: nothing is sent if they already hold it.
     *
     * @param key   the register.
     * @param mask  the bits to change.
     * @param value their new value.
     * @return true if the register changed.
     */
    public synchronized boolean update(final int key, final int mask, final int value)
    {
        final int old = read(key);
        final int next = (old & ~mask) | (value & mask);
        if (next == old)
        {
            return false;
        }
        write(key, next);
        return true;
    }

    /**
     * Writes a register: cached, and sent to the codec unless it is suspended.
     *
     * @param key   the register.
     * @param value the value.
     */
    public synchronized void write(final int key, final int value)
    {
        cache.put(key, value);
        if (!cacheOnly)
        {
            send(key, value);
        }
    }

    /**
     * Whether a register is cached.
     *
     * @param key the register.
     * @return true once read or written.
     */
    public synchronized boolean isCached(final int key)
    {
        return cache.containsKey(key);
    }

    /**
     * A cached value, without touching the codec.
     *
     * @param key the register.
     * @return the value, or -1 if not cached.
     */
    public synchronized int cached(final int key)
    {
        final Integer v = cache.get(key);
        return null == v ? -1 : v;
    }

    /**
     * Registers read from the codec because they were not cached.
     *
     * @return count since creation.
     */
    public synchronized long hardwareReads()
    {
        return hardwareReads;
    }

    /**
     * While the codec is suspended writes only update the cache and reads of uncached registers fail.
     *
     * @param value true while suspended.
     */
    public synchronized void setCacheOnly(final boolean value)
    {
        this.cacheOnly = value;
    }

    /**
     * Whether writes only reach the cache.
     *
     * @return true while suspended.
     */
    public synchronized boolean cacheOnly()
    {
        return cacheOnly;
    }

    /** Every cached register is to be written back at the next {@link #sync} ({@code regcache_mark_dirty}). */
    public synchronized void markDirty()
    {
        dirty = true;
    }

    /**
     * Writes every cached register back in key order, if the cache was marked dirty ({@code regcache_sync}).
     *
     * @return the number of registers written.
     * @throws RegisterSyncException at the first register whose write fails.
     */
    public synchronized int sync()
    {
        if (!dirty)
        {
            return 0;
        }
        int written = 0;
        for (final Map.Entry<Integer, Integer> e : cache.entrySet())
        {
            try
            {
                send(e.getKey(), e.getValue());
                written++;
            }
            catch (final SoundException ex)
            {
                throw new RegisterSyncException(e.getKey(), -ex.errno().code());
            }
        }
        dirty = false;
        return written;
    }

    private void send(final int key, final int value)
    {
        final int nid = key >>> 20 & 0x7f;
        if ((key >>> 16 & 0xf) == AMP_VERB)
        {
            final int payload = ((key & AMP_GET_OUTPUT) != 0 ? Verbs.AMP_SET_OUTPUT : Verbs.AMP_SET_INPUT)
                | ((key & AMP_GET_LEFT) != 0 ? Verbs.AMP_SET_LEFT : Verbs.AMP_SET_RIGHT)
                | (key & 0xf) << Verbs.AMP_SET_INDEX_SHIFT | (value & 0xff);
            executor.applyAsInt(Verbs.make(address, nid, Verbs.SET_AMP_GAIN_MUTE, payload));
            return;
        }
        final int getVerb = key >>> 8 & 0xfff;
        if (getVerb == Verbs.GET_DIGI_CONVERT_1)
        {
            executor.applyAsInt(Verbs.make(address, nid, Verbs.SET_DIGI_CONVERT_1, value & 0xff));
            executor.applyAsInt(Verbs.make(address, nid, Verbs.SET_DIGI_CONVERT_2, value >>> 8 & 0xff));
            return;
        }
        executor.applyAsInt(Verbs.make(address, nid, setVerbOf(getVerb), value & 0xff));
    }

    private static int setVerbOf(final int getVerb)
    {
        if (getVerb == Verbs.GET_UNSOLICITED_RESPONSE)
        {
            return Verbs.SET_UNSOLICITED_ENABLE;
        }
        return 0x700 | (getVerb & 0xff);
    }

    /**
     * A register that could not be written back during {@link #sync}; the message is Linux's.
     */
    public static final class RegisterSyncException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        private final int key;
        private final int errno;

        /**
         * An exception for one register.
         *
         * @param key   the register key.
         * @param errno the negative errno of the failed write.
         */
        public RegisterSyncException(final int key, final int errno)
        {
            super(String.format(Locale.ROOT, "Unable to sync register %#x. %d", key, errno));
            this.key = key;
            this.errno = errno;
        }

        /**
         * The register.
         *
         * @return its key.
         */
        public int key()
        {
            return key;
        }

        /**
         * The error.
         *
         * @return a negative errno.
         */
        public int errno()
        {
            return errno;
        }
    }
}
