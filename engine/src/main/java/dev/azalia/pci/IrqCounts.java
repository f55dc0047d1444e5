package dev.azalia.pci;

/**
 * An interrupt line's delivery counts at one moment ({@link InterruptLine#counts()}).
 *
 * @param delivered          handler calls.
 * @param handled            handler calls that returned true.
 * @param unhandled          handler calls that returned false or threw.
 * @param spuriouslyDisabled whether the spurious-interrupt detector disabled the line ({@code Disabling IRQ #<n>}),
 *                           until the next {@link InterruptLine#requestIrq}.
 */
public record IrqCounts(long delivered, long handled, long unhandled, boolean spuriouslyDisabled)
{
}
