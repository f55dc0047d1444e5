package dev.azalia.sound;

import dev.azalia.pci.DmaMemory;

import java.util.ArrayList;
import java.util.List;

/**
 * A card's PCM devices in creation order, and what the card does to all of their substreams at once: suspend
 * ({@code snd_pcm_suspend_all}) and disconnect, each followed by syncing every stream's stop.
 *
 * <p>Threading: any thread; the list is guarded by its own monitor, the substreams are called without it.
 */
final class CardPcms
{
    private final List<Pcm> pcms = new ArrayList<>();

    /** See {@link Card#newPcm}: the device number is the creation index. */
    Pcm create(final Card card, final String name, final PcmOps ops, final PcmHardware hw, final DmaMemory memory)
    {
        synchronized (pcms)
        {
            final Pcm pcm = new Pcm(card, pcms.size(), name, ops, hw, memory);
            pcms.add(pcm);
            return pcm;
        }
    }

    List<Pcm> snapshot()
    {
        synchronized (pcms)
        {
            return List.copyOf(pcms);
        }
    }

    /** Suspends every playback substream, then syncs every stop; see {@link Card#suspendAllPcms()}. */
    void suspendAll()
    {
        final List<Pcm> all = snapshot();
        for (final Pcm pcm : all)
        {
            pcm.playback().suspend();
        }
        for (final Pcm pcm : all)
        {
            pcm.playback().syncStop();
        }
    }

    /** Disconnects every playback substream, then syncs every stop; part of {@link Card#disconnect()}. */
    void disconnectAll()
    {
        final List<Pcm> all = snapshot();
        for (final Pcm pcm : all)
        {
            pcm.playback().disconnect();
        }
        for (final Pcm pcm : all)
        {
            pcm.playback().syncStop();
        }
    }
}
