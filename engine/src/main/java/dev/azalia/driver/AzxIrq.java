package dev.azalia.driver;

import dev.azalia.log.KernelLog;
import dev.azalia.pci.InterruptLine;
import dev.azalia.pci.IrqHandler;
import dev.azalia.pci.PciDevice;

import java.util.Locale;
import java.util.Objects;

/**
 * The controller's interrupt vector as {@code hda_intel.c} chooses and holds it: {@code check_msi} (the
 * {@code enable_msi} option, MSI by default unless the identity has {@code AZX_DCAPS_NO_MSI}), {@code pci_enable_msi}
 * before {@code azx_acquire_irq}, the release and re-acquisition around system suspend, and
 * {@code disable_msi_reset_irq}, the fallback to INTx when a codec stops answering ({@link MsiFallback}).
 *
 * <p>Thread-safety: acquire and release run on the driver's probe/PM thread; {@link #disableMsi} on the thread
 * waiting for a codec response, never concurrently with them (Linux serialises them the same way). The current line
 * is published through a volatile field for the policies and the interrupt path.
 */
final class AzxIrq implements MsiFallback
{
    private final PciDevice pci;
    private final KernelLog log;
    private final String source;
    private final IrqHandler handler;
    private final boolean noMsi64;
    private volatile boolean msi;
    private volatile InterruptLine line;

    /**
     * Decides MSI as {@code check_msi} does and logs its decision where Linux does.
     *
     * @param pci       the function.
     * @param log       the kernel log.
     * @param source    the log prefix.
     * @param identity  the bound identity.
     * @param enableMsi the {@code enable_msi} option: negative for the default (on unless the identity forbids it),
     *                  0 off, positive on.
     * @param handler   the interrupt handler ({@code azx_interrupt}).
     */
    AzxIrq(final PciDevice pci, final KernelLog log, final String source, final AzxIdentity identity,
        final int enableMsi, final IrqHandler handler)
    {
        this.pci = Objects.requireNonNull(pci, "pci");
        this.log = Objects.requireNonNull(log, "log");
        this.source = Objects.requireNonNull(source, "source");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.noMsi64 = identity.noMsi64();
        if (enableMsi >= 0)
        {
            msi = enableMsi != 0;
        }
        else if (identity.noMsi())
        {
            log.info(source, "Disabling MSI");
            msi = false;
        }
        else
        {
            msi = true;
        }
    }

    /**
     * Whether the controller signals by MSI now.
     *
     * @return {@code chip->msi}.
     */
    boolean msi()
    {
        return msi;
    }

    /**
     * The line the handler is (or was last) requested on: the MSI vector's or the INTx line.
     *
     * @return the line, or null before {@link #acquire()}.
     */
    InterruptLine line()
    {
        return line;
    }

    /**
     * {@code pci_enable_msi} if MSI is chosen, then {@code azx_acquire_irq}: requests the handler on the vector's
     * line.
     */
    void acquire()
    {
        if (msi)
        {
            if (noMsi64)
            {
                log.debug(source, "Disabling 64bit MSI");
            }
            line = pci.enableMsi();
        }
        else
        {
            line = pci.interruptLine();
        }
        line.requestIrq("snd_hda_intel", handler);
    }

    /** Frees the handler and disables MSI if it was on, as {@code azx_suspend} and {@code azx_free} do. */
    void release()
    {
        line.freeIrq();
        if (msi)
        {
            pci.disableMsi();
        }
    }

    @Override
    public boolean disableMsi(final int lastCmd)
    {
        if (!msi)
        {
            return false;
        }
        log.warn(source, String.format(Locale.ROOT, "No response from codec, disabling MSI: last cmd=0x%08x",
            lastCmd));
        line.freeIrq();
        pci.disableMsi();
        msi = false;
        line = pci.interruptLine();
        line.requestIrq("snd_hda_intel", handler);
        return true;
    }
}
