package dev.azalia.testbed;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code faults} section of a run's result: what the fault plan injected and what the driver did about it.
 * Immutable; {@link #NONE} when no fault was planned.
 *
 * @param seed     the plan's seed.
 * @param specs    the faults as written ({@code lost-irq:1/8}...).
 * @param injected per fault name, how often it hit: periods, interrupts raised, verbs unanswered, responses without
 *                 an interrupt, DMA steps stalled, position-buffer writes falsified, reads answered all-ones, unplugs.
 * @param driver   the driver's reactions.
 * @param messages per Linux message the faults provoke, how many lines of the kernel log carry it (every message
 *                 of {@link #MESSAGES}, zeros included).
 */
@JsonPropertyOrder({"seed", "specs", "injected", "driver", "messages"})
public record FaultReport(long seed, List<String> specs, Map<String, Long> injected, Driver driver,
                          Map<String, Long> messages)
{
    /** No fault planned. */
    public static final FaultReport NONE = new FaultReport(0, List.of(), Map.of(), Driver.NONE, Map.of());

    /** The kernel-log messages counted, in the order Linux 6.1 prints them when a codec stops answering. */
    public static final List<String> MESSAGES = List.of(
        "azx_get_response timeout, switching to polling mode",
        "No response from codec, disabling MSI",
        "No response from codec, resetting bus",
        "probe error; disabling it",
        "azx_get_response timeout, switching to single_cmd mode",
        "no AFG or MFG node found",
        "no codecs initialized",
        "Invalid position buffer, using LPIB read method instead.",
        "IRQ timing workaround is activated",
        "nobody cared",
        "Disabling IRQ",
        "FIFO error (FIFOE)",
        "descriptor error (DESE)",
        "playback write error (DMA or IRQ trouble?)",
        "underrun!!!");

    /**
     * Copies the collections, keeping their order.
     */
    public FaultReport
    {
        specs = List.copyOf(specs);
        injected = Collections.unmodifiableMap(new LinkedHashMap<>(injected));
        messages = Collections.unmodifiableMap(new LinkedHashMap<>(messages));
    }

    /**
     * What the driver did.
     *
     * @param pollingMode       the command transport fell back to polling the RIRB.
     * @param singleCmd         it fell back to the immediate command interface.
     * @param positionFromLpib  the stream position is read from LPIB (the position buffer was given up, or never
     *                          used by this controller).
     * @param periodInterrupts  period interrupts that reached the PCM core.
     * @param bogusInterrupts   stream interrupts ignored as too early.
     * @param pendingInterrupts stream interrupts deferred to the 1 ms polling work.
     * @param fifoErrors        FIFOE seen and cleared (counted beyond Linux).
     * @param descriptorErrors  DESE seen and cleared (counted beyond Linux).
     * @param unhandledIrqs     interrupts the handler returned IRQ_NONE for.
     * @param irqDisabled       the IRQ core disabled the line ("nobody cared").
     * @param commandErrors     codec verbs that failed.
     * @param xruns             underruns the writer saw (EPIPE, recovered by prepare).
     * @param writerError       the error that ended the writer ({@code EIO}, {@code ENODEV}...), or null.
     */
    @JsonPropertyOrder({"pollingMode", "singleCmd", "positionFromLpib", "periodInterrupts", "bogusInterrupts",
        "pendingInterrupts", "fifoErrors", "descriptorErrors", "unhandledIrqs", "irqDisabled", "commandErrors",
        "xruns", "writerError"})
    public record Driver(boolean pollingMode, boolean singleCmd, boolean positionFromLpib, long periodInterrupts,
                         long bogusInterrupts, long pendingInterrupts, long fifoErrors, long descriptorErrors,
                         long unhandledIrqs, boolean irqDisabled, long commandErrors, long xruns, String writerError)
    {
        /** Nothing known. */
        public static final Driver NONE = new Driver(false, false, false, 0, 0, 0, 0, 0, 0, false, 0, 0, null);
    }

    /**
     * Whether any fault was planned.
     *
     * @return true for a run with faults.
     */
    public boolean planned()
    {
        return !specs.isEmpty();
    }
}
