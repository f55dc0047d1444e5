package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;

import dev.azalia.hda.codec.Codec;

/**
 * The codec slots on the link: a codec per address 0..14 (the array the command rings address) and the attached
 * codecs in address order for the DMA step.
 *
 * <p>Threading: {@link #attach} and {@link #presentMask()} run under the controller's device lock; {@link #list()}
 * is lock-free (an immutable snapshot replaced under the lock).
 */
final class CodecSlots
{
    private final Codec[] byAddress = new Codec[MAX_CODECS];
    // Codecs in address order, replaced (never mutated) under the device lock; read by the link clock without it.
    private volatile Codec[] list = new Codec[0];

    /** The slots by address, shared with the command rings; guarded by the device lock. */
    Codec[] byAddress()
    {
        return byAddress;
    }

    /**
     * Puts a codec in its slot.
     *
     * @param codec the codec.
     * @throws IllegalArgumentException if its address is outside 0..14 or already taken.
     */
    void attach(final Codec codec)
    {
        final int address = codec.address();
        if (address < 0 || address >= MAX_CODECS)
        {
            throw new IllegalArgumentException("codec address must be 0..14: " + address);
        }
        if (null != byAddress[address])
        {
            throw new IllegalArgumentException("codec address " + address + " is taken");
        }
        byAddress[address] = codec;
        int n = 0;
        for (final Codec c : byAddress)
        {
            n += null == c ? 0 : 1;
        }
        final Codec[] snapshot = new Codec[n];
        int k = 0;
        for (final Codec c : byAddress)
        {
            if (null != c)
            {
                snapshot[k++] = c;
            }
        }
        list = snapshot;
    }

    /** The attached codecs in address order: a snapshot the caller must not change. */
    Codec[] list()
    {
        return list;
    }

    /** STATESTS bits of the attached codecs. */
    int presentMask()
    {
        int mask = 0;
        for (int a = 0; a < MAX_CODECS; a++)
        {
            if (null != byAddress[a])
            {
                mask |= 1 << a;
            }
        }
        return mask;
    }
}
