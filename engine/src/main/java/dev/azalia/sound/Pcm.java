package dev.azalia.sound;

import dev.azalia.pci.DmaMemory;

/**
 * A PCM device of a card ({@code snd_pcm}) with one playback substream. Created by {@link Card#newPcm}.
 */
public final class Pcm
{
    private final Card card;
    private final int device;
    private final String name;
    private final PcmSubstream playback;

    Pcm(final Card card, final int device, final String name, final PcmOps ops, final PcmHardware hardware,
        final DmaMemory memory)
    {
        this.card = card;
        this.device = device;
        this.name = name;
        this.playback = new PcmSubstream(card, this, ops, hardware, memory);
    }

    /**
     * The device's name.
     *
     * @return e.g. {@code "ALC880 Analog"}.
     */
    public String name()
    {
        return name;
    }

    /**
     * The device number on the card, in creation order from 0.
     *
     * @return the number.
     */
    public int device()
    {
        return device;
    }

    /**
     * The card.
     *
     * @return the owning card.
     */
    public Card card()
    {
        return card;
    }

    /**
     * The playback substream.
     *
     * @return the substream (the same object for every open).
     */
    public PcmSubstream playback()
    {
        return playback;
    }
}
