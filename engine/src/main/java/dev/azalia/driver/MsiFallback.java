package dev.azalia.driver;

/**
 * The step of Linux's lost-response fallback chain ({@code azx_rirb_get_response}) that comes after polling mode:
 * if the controller signals by MSI, switch it to INTx ({@code disable_msi_reset_irq}) and wait for the response
 * again, before the chain goes on to a bus reset or the immediate command interface.
 *
 * <p>Called by the command transport on the thread that waits for a response, with no transport lock held (the
 * step frees the interrupt handler, which waits for a running handler that may take that lock).
 */
@FunctionalInterface
public interface MsiFallback
{
    /**
     * Disables MSI if it is on: logs {@code No response from codec, disabling MSI: last cmd=0x%08x}, frees the
     * handler, disables MSI and requests the INTx line.
     *
     * @param lastCmd the verb that got no response, for the log line.
     * @return true if MSI was on and is now off (the caller waits again); false if MSI was already off.
     */
    boolean disableMsi(int lastCmd);
}
