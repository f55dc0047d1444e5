package dev.azalia.pci;

import java.util.List;

/**
 * What one rescan (or a hot-plug that needed one) did.
 *
 * @param moves            every BAR that moved, in the order the registers were rewritten.
 * @param refused          hot-plugged functions that could not be given space (empty for a plain rescan).
 * @param failures         exceptions thrown by drivers' {@code barFixed}, {@code rescanPrepare} or
 *                         {@code rescanDone}; each was also logged.
 * @param assignmentFound  false if no assignment could be computed and every BAR kept its old address.
 */
public record RescanResult(List<BarMove> moves, List<PciAddress> refused, List<Throwable> failures,
    boolean assignmentFound)
{
    /**
     * Copies the lists so the result is immutable.
     */
    public RescanResult
    {
        moves = List.copyOf(moves);
        refused = List.copyOf(refused);
        failures = List.copyOf(failures);
    }
}
