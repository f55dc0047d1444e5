package dev.azalia.hda;

/**
 * Faults the controller model injects into what it does for the driver: the contract its DMA engines, command
 * engine, interrupt logic and register reads consult ({@link HdaController#setFaults}). {@link #NONE} injects
 * nothing; the model checks {@link #active()} once and skips every other call when it is false, so a run without
 * faults pays one field read per step.
 *
 * <p>Threading: every method is called under the controller's device lock (one thread at a time), except
 * {@link #active()}, which is read once when the faults are set. Implementations keep their counters unsynchronised
 * for that caller and publish them through their own means.
 */
public interface DeviceFaults
{
    /** No fault: the model behaves as without this contract. */
    DeviceFaults NONE = new DeviceFaults()
    {
    };

    /** {@link #periodFault}: the period's BCIS is not raised (the interrupt is lost; F05). */
    int LOSE_BCIS = 1;
    /** {@link #periodFault}: BCIS is raised at 3/4 of the IOC entry instead of its end (F06). */
    int EARLY_BCIS = 2;
    /** {@link #periodFault}: FIFOE is raised with the period's BCIS (F08). */
    int FIFO_ERROR = 4;
    /** {@link #periodFault}: DESE is raised with the period's BCIS (F08). */
    int DESCRIPTOR_ERROR = 8;
    /** {@link #periodFault}: BCIS is raised at 1/2 of the IOC entry instead of its end (F06, too early). */
    int BOGUS_BCIS = 16;

    /**
     * Whether any fault is planned; false makes the model skip every other call.
     *
     * @return true if the model must consult the other methods.
     */
    default boolean active()
    {
        return false;
    }

    /**
     * The controller took the faults: times given relative to "boot" count from here.
     *
     * @param nowNanos the controller's clock.
     */
    default void start(final long nowNanos)
    {
    }

    /**
     * What happens to one period interrupt of a stream: called when the stream begins moving the bytes of an entry
     * with IOC set.
     *
     * @param sdIndex  the stream descriptor 0..7.
     * @param period   the stream's IOC entries begun so far, this one included (1 for the first).
     * @param nowNanos the controller's clock.
     * @return a set of {@link #LOSE_BCIS}, {@link #EARLY_BCIS}, {@link #FIFO_ERROR}, {@link #DESCRIPTOR_ERROR},
     *         {@link #BOGUS_BCIS}; 0
     *         for none.
     */
    default int periodFault(final int sdIndex, final long period, final long nowNanos)
    {
        return 0;
    }

    /**
     * Whether a running stream's DMA engine is stuck: it moves no bytes, LPIB and the position buffer hold and no
     * BCIS comes (F09).
     *
     * @param sdIndex  the stream descriptor.
     * @param nowNanos the controller's clock.
     * @return true to skip the stream's DMA step.
     */
    default boolean dmaStalled(final int sdIndex, final long nowNanos)
    {
        return false;
    }

    /**
     * The value the DMA position buffer gets for a stream (F07): {@code lpib} when the buffer works, 0 or all-ones
     * when it lies, the last value when it stopped updating.
     *
     * @param sdIndex  the stream descriptor.
     * @param lpib     the stream's LPIB in bytes.
     * @param nowNanos the controller's clock.
     * @return the value written.
     */
    default int positionBuffer(final int sdIndex, final int lpib, final long nowNanos)
    {
        return lpib;
    }

    /**
     * Whether a verb sent to a codec gets no answer (F01): the codec neither executes nor answers it. Called once for
     * every verb that goes out on the link, CORB and immediate interface alike.
     *
     * @param codecAddress the verb's codec address.
     * @param nowNanos     the controller's clock.
     * @return true to drop it.
     */
    default boolean codecSilent(final int codecAddress, final long nowNanos)
    {
        return false;
    }

    /**
     * Whether a solicited response, written to the RIRB, raises no RINTFL (F02: the driver finds it only by polling).
     *
     * @param nowNanos the controller's clock.
     * @return true to keep RINTFL clear for this response.
     */
    default boolean loseResponseInterrupt(final long nowNanos)
    {
        return false;
    }

    /**
     * Whether the CORB engine is dead (F03): it fetches nothing, CORBRP stays; the immediate interface still works.
     *
     * @param nowNanos the controller's clock.
     * @return true to fetch nothing.
     */
    default boolean corbDead(final long nowNanos)
    {
        return false;
    }

    /**
     * Spurious interrupts due at this DMA step (F04): the line pulses with nothing to report.
     *
     * @param nowNanos the controller's clock.
     * @return how many to raise now, 0 for none.
     */
    default int spuriousInterrupts(final long nowNanos)
    {
        return 0;
    }

    /**
     * Counts the spurious interrupts actually raised (a pulse needs the line deasserted, so some may be skipped).
     *
     * @param count how many were raised.
     */
    default void spuriousRaised(final int count)
    {
    }

    /**
     * Whether INTSTS reads all-ones during a spurious interrupt (instead of 0).
     *
     * @return true for all-ones.
     */
    default boolean spuriousReadsAllOnes()
    {
        return false;
    }

    /**
     * Whether the device holds its interrupt line asserted whatever its status (F04, a stuck line): a level-triggered
     * INTx handler then runs again and again with nothing to do, until the IRQ core disables the line. With MSI on,
     * no further message is sent (the level never falls).
     *
     * @param nowNanos the controller's clock.
     * @return true to drive the line high.
     */
    default boolean lineStuck(final long nowNanos)
    {
        return false;
    }

    /**
     * Whether every register read returns all-ones (F10: the function stopped decoding its BAR); writes are dropped.
     *
     * @param nowNanos the controller's clock.
     * @return true for all-ones reads.
     */
    default boolean readsAllOnes(final long nowNanos)
    {
        return false;
    }
}
