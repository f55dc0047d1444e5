package dev.azalia.pci;

/**
 * A driver's interrupt handler, like an {@code irq_handler_t}.
 *
 * <p>Called from the interrupt thread (or, in inline delivery, from the thread that raised the line), never
 * concurrently with itself for the same line.
 */
@FunctionalInterface
public interface IrqHandler
{
    /**
     * Services the interrupt.
     *
     * @return true for {@code IRQ_HANDLED}, false for {@code IRQ_NONE} (not ours).
     */
    boolean handle();
}
