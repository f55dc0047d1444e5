package dev.azalia.sound;

/**
 * A card's end of life ({@code snd_card_disconnect}, {@code snd_card_disconnect_sync}, {@code snd_card_free}): the
 * shutdown flag, every PCM stopped and moved to DISCONNECTED, the interrupt synchronised, the power gate's sleepers
 * woken and its references drained, then (for free) every open file awaited and the card's managed resources
 * released, once.
 *
 * <p>Thread-safe: the steps that must run once are decided by {@link CardFiles} ({@code beginShutdown},
 * {@code beginRelease}); {@code freed} is published with a volatile write.
 */
final class CardTeardown
{
    private final Card card;
    private final CardFiles files;
    private final CardPcms pcms;
    private final CardPowerGate gate;
    private volatile boolean freed;

    /**
     * @param card  the card (its id, log, interrupt sync and managed resources).
     * @param files its open files.
     * @param pcms  its PCM devices.
     * @param gate  its power gate.
     */
    CardTeardown(final Card card, final CardFiles files, final CardPcms pcms, final CardPowerGate gate)
    {
        this.card = card;
        this.files = files;
        this.pcms = pcms;
        this.gate = gate;
    }

    /** {@link Card#disconnect()}: idempotent, does not wait for open files. */
    void disconnect()
    {
        if (!files.beginShutdown())
        {
            return;
        }
        pcms.disconnectAll();
        card.runSyncIrq();
        gate.wakeSleepers();
        gate.syncRef();
        card.log().info(card.logSource(), "card " + card.id() + " disconnected");
    }

    /** {@link Card#disconnectSync()}: disconnect, then wait until every open file is closed. */
    void disconnectSync()
    {
        disconnect();
        files.awaitAllClosed();
    }

    /** {@link Card#free()}: disconnect and wait, then release the managed resources exactly once. */
    void free()
    {
        if (freed)
        {
            return;
        }
        disconnectSync();
        if (!files.beginRelease())
        {
            return;
        }
        try
        {
            card.releaseManagedResources();
        }
        finally
        {
            freed = true;
            card.log().debug(card.logSource(), "card " + card.id() + " freed");
        }
    }

    /** @return whether {@link #free()} has completed. */
    boolean freed()
    {
        return freed;
    }
}
