package dev.azalia.pci;

import dev.azalia.device.Devres;
import dev.azalia.device.ManagedDevice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One PCI function: its configuration space, its memory BARs and the device model behind them, its power state,
 * its INTx line, and (once on a bus) the driver bound to it.
 *
 * <p>The function decodes BAR n when the PCI core has assigned it, COMMAND.MEMORY is set, the power state is D0 and
 * the function is on a bus. Every config write that changes one of those (by the PCI core, a driver or a test)
 * replaces the bus's decoder table.
 *
 * <p>Power: {@link #setPowerState} writes PMCSR like {@code pci_set_power_state}; a transition from D3hot or D3cold
 * to D0 (by that method or by a direct PMCSR write) calls the power-on reset hook, on the thread that made the
 * transition, after the config lock is released. Config registers (BARs, COMMAND) survive the transition, as if the
 * PCI core restored the saved state ({@code pci_restore_state}).
 *
 * <p>Thread-safety: accessors are safe from any thread; config goes through {@link ConfigSpace}'s lock.
 */
public final class PciDevice implements ManagedDevice
{
    /** How far above the INTx line's IRQ number the message vector's IRQ number is. */
    public static final int MSI_IRQ_OFFSET = 24;
    /** The x86 MSI address: the local APIC's message window, destination APIC 0. */
    static final int MSI_ADDRESS = 0xfee0_0000;
    /** The first vector the model hands out (x86's first external vector). */
    static final int MSI_VECTOR_BASE = 0x20;

    private final Devres devres = new Devres();
    private final PciAddress address;
    private final String name;
    private final ConfigSpace config;
    private final List<BarSpec> bars;
    // Bit n set: BAR n assigned by the PCI core. Written under the PCI lock; volatile for readers on other threads.
    private volatile int assignedMask;
    private final InterruptPin intxPin = new InterruptPin()
    {
        @Override
        public void setLevel(final boolean asserted)
        {
            setIntxLevel(asserted, false);
        }

        @Override
        public void setLevelDeferringWake(final boolean asserted)
        {
            setIntxLevel(asserted, true);
        }

        @Override
        public void wakeDeferred()
        {
            final InterruptLine m = msiLine;
            final InterruptLine l = line;
            if (null != m)
            {
                m.wakeDeferred();
            }
            if (null != l)
            {
                l.wakeDeferred();
            }
        }
    };
    private volatile PowerState power = PowerState.D0;
    private volatile Runnable resetHook;
    private volatile InterruptLine line;
    private volatile PciDriver driver;
    private volatile PciBus bus;
    private volatile boolean present;
    private volatile boolean intxLevel;
    private volatile boolean intxDisabled;
    private volatile boolean msiEnabled;
    private volatile InterruptLine msiLine;

    /**
     * A function not yet on any bus: COMMAND 0, BARs unassigned (a BAR register pre-written with a non-zero address
     * through {@link #config()} is taken as a firmware assignment when the function is added), power D0.
     *
     * @param address      its PCI address.
     * @param vendorId     vendor ID (0x8086).
     * @param deviceId     device ID (0x293e).
     * @param revision     revision ID.
     * @param classCode24  class code as {@code 0xBBSSPP} (0x040300).
     * @param interruptPin 0 none, 1..4 INTA..INTD.
     * @param bars         its memory BARs.
     */
    public PciDevice(final PciAddress address, final int vendorId, final int deviceId, final int revision,
        final int classCode24, final int interruptPin, final List<BarSpec> bars)
    {
        this.address = Objects.requireNonNull(address, "address");
        final List<BarSpec> sorted = new ArrayList<>(bars);
        sorted.sort(Comparator.comparingInt(BarSpec::index));
        this.bars = List.copyOf(sorted);
        this.config = new ConfigSpace(vendorId, deviceId, revision, classCode24, interruptPin, this.bars);
        this.config.setListener(this::configChanged);
        this.name = address.toString();
    }

    /**
     * Its PCI address.
     *
     * @return the address.
     */
    public PciAddress address()
    {
        return address;
    }

    /**
     * Its Linux device name.
     *
     * @return {@code address().toString()}, e.g. {@code 0000:00:1b.0}.
     */
    @Override
    public String name()
    {
        return name;
    }

    /**
     * The function's managed resources, released by the PCI core after the bound driver's remove (or after a
     * failed probe), last acquired first.
     *
     * @return the devres list.
     */
    @Override
    public Devres devres()
    {
        return devres;
    }

    /**
     * Its configuration space.
     *
     * @return the config space (shared, thread-safe).
     */
    public ConfigSpace config()
    {
        return config;
    }

    /**
     * The vendor ID.
     *
     * @return 16 bits.
     */
    public int vendorId()
    {
        return config.read(ConfigSpace.VENDOR_ID, 2);
    }

    /**
     * The device ID.
     *
     * @return 16 bits.
     */
    public int deviceId()
    {
        return config.read(ConfigSpace.DEVICE_ID, 2);
    }

    /**
     * The class code.
     *
     * @return 24 bits {@code 0xBBSSPP}.
     */
    public int classCode()
    {
        return config.read(ConfigSpace.CLASS_CODE - 1, 4) >>> 8;
    }

    /**
     * The implemented BARs, by increasing index.
     *
     * @return an immutable list.
     */
    public List<BarSpec> barSpecs()
    {
        return bars;
    }

    /**
     * Where a BAR currently is.
     *
     * @param bar the BAR index.
     * @return its physical base (the BAR register's address bits), or -1 if not implemented or not assigned.
     */
    public long barAddress(final int bar)
    {
        if (0 == config.barSizeBytes(bar) || !barAssigned(bar))
        {
            return -1L;
        }
        return config.read(ConfigSpace.BAR0 + 4 * bar, 4) & 0xffff_fff0L;
    }

    /**
     * The size of a BAR.
     *
     * @param bar the BAR index.
     * @return bytes, or 0 if not implemented.
     */
    public int barSize(final int bar)
    {
        return config.barSizeBytes(bar);
    }

    /**
     * Whether COMMAND.MEMORY is set.
     *
     * @return the bit.
     */
    public boolean memoryDecodeEnabled()
    {
        return 0 != (config.read(ConfigSpace.COMMAND, 2) & ConfigSpace.COMMAND_MEMORY);
    }

    /**
     * Whether COMMAND.BME (bus master enable) is set: without it the function may not start a DMA.
     *
     * @return the bit.
     */
    public boolean busMasterEnabled()
    {
        return 0 != (config.read(ConfigSpace.COMMAND, 2) & ConfigSpace.COMMAND_BUS_MASTER);
    }

    /**
     * The current power state.
     *
     * @return the state.
     */
    public PowerState powerState()
    {
        return power;
    }

    /**
     * Changes the power state, like {@code pci_set_power_state}: writes PMCSR (D3cold writes D3hot and marks power
     * removed). Leaving D3hot/D3cold for D0 calls the power-on reset hook on this thread.
     *
     * @param state the new state.
     */
    public void setPowerState(final PowerState state)
    {
        Objects.requireNonNull(state, "state");
        final int pmcsr = config.read(ConfigSpace.PMCSR, 2);
        final int value = (pmcsr & ~ConfigSpace.PMCSR_STATE_MASK & ~ConfigSpace.PMCSR_PME_STATUS)
            | state.pmcsrBits();
        if (PowerState.D3COLD == state)
        {
            power = PowerState.D3COLD;
        }
        config.write(ConfigSpace.PMCSR, 2, value);
    }

    /**
     * Installs the device model's power-on reset, run when the function returns to D0 from D3hot or D3cold.
     *
     * @param hook the reset, or null for none.
     */
    public void setPowerOnResetHook(final Runnable hook)
    {
        this.resetHook = hook;
    }

    /**
     * The interrupt line the platform routed this function's INTx pin to.
     *
     * @return the line, or null before the function is on a bus (or after {@link #attachInterruptLine} was never
     *         called).
     */
    public InterruptLine interruptLine()
    {
        return line;
    }

    /**
     * The function's INTx pin as the device model should drive it: it records the level in STATUS.INTERRUPT and
     * forwards it to {@link #interruptLine()} unless COMMAND.INTX_DISABLE is set (clearing that bit later forwards a
     * pending level). Same threading rules as {@link InterruptPin}.
     *
     * @return the pin.
     */
    public InterruptPin intxPin()
    {
        return intxPin;
    }

    /**
     * Routes the INTx pin to {@code interruptLine}; the bus does this when the function is added. Tests may call it
     * before adding to choose the delivery mode.
     *
     * @param interruptLine the line.
     */
    public void attachInterruptLine(final InterruptLine interruptLine)
    {
        this.line = Objects.requireNonNull(interruptLine, "interruptLine");
        config.write(ConfigSpace.INTERRUPT_LINE, 1, interruptLine.irq());
        if (intxLevel)
        {
            forwardIntx();
        }
    }

    /**
     * Enables the function's MSI, like {@code pci_enable_msi} on x86: programs the message address (the local APIC's
     * 0xFEE00000) and data (the vector), disables INTx (COMMAND.INTX_DISABLE), then sets MSI Enable. From then on a
     * rise of the level the device model drives through {@link #intxPin()} sends one message, signalled as an edge
     * on the returned line; the INTx line stays deasserted. The message line is created once and kept (its IRQ
     * number is {@link #MSI_IRQ_OFFSET} above the INTx line's, as x86 Linux numbers dynamic IRQs above the IO-APIC's
     * pins). Call from the driver's thread, before requesting the returned line.
     *
     * @return the line of the message vector.
     * @throws IllegalStateException if the function is not on a bus (no INTx line to derive the vector from).
     */
    public InterruptLine enableMsi()
    {
        final InterruptLine intx = line;
        if (null == intx)
        {
            throw new IllegalStateException(this + " has no interrupt routing yet");
        }
        InterruptLine m = msiLine;
        if (null == m)
        {
            m = intx.sibling(MSI_IRQ_OFFSET + intx.irq());
            msiLine = m;
        }
        config.write(ConfigSpace.MSI_ADDRESS_LO, 4, MSI_ADDRESS);
        config.write(ConfigSpace.MSI_ADDRESS_HI, 4, 0);
        config.write(ConfigSpace.MSI_DATA, 2, MSI_VECTOR_BASE + (m.irq() & 0x7f));
        config.write(ConfigSpace.COMMAND, 2,
            config.read(ConfigSpace.COMMAND, 2) | ConfigSpace.COMMAND_INTX_DISABLE);
        config.write(ConfigSpace.MSI_CONTROL, 2,
            config.read(ConfigSpace.MSI_CONTROL, 2) | ConfigSpace.MSI_CONTROL_ENABLE);
        return m;
    }

    /**
     * Disables MSI, like {@code pci_disable_msi}: clears MSI Enable, then re-enables INTx (clears
     * COMMAND.INTX_DISABLE), so a pending level reaches {@link #interruptLine()}. Call after freeing the message
     * line's handler.
     */
    public void disableMsi()
    {
        config.write(ConfigSpace.MSI_CONTROL, 2,
            config.read(ConfigSpace.MSI_CONTROL, 2) & ~ConfigSpace.MSI_CONTROL_ENABLE);
        config.write(ConfigSpace.COMMAND, 2,
            config.read(ConfigSpace.COMMAND, 2) & ~ConfigSpace.COMMAND_INTX_DISABLE);
    }

    /**
     * Whether MSI Enable is set in the capability (by {@link #enableMsi()} or a config write).
     *
     * @return true while the function signals by message.
     */
    public boolean msiEnabled()
    {
        return msiEnabled;
    }

    /**
     * The line of the function's message vector.
     *
     * @return the line, or null if MSI was never enabled.
     */
    public InterruptLine msiLine()
    {
        return msiLine;
    }

    /**
     * The bound driver.
     *
     * @return the driver, or null if unbound.
     */
    public PciDriver driver()
    {
        return driver;
    }

    /**
     * The bus the function is on.
     *
     * @return the bus, or null before it was added (and after it was removed).
     */
    public PciBus bus()
    {
        return bus;
    }

    /**
     * The function as the PCI core names it in log lines.
     *
     * @return {@code "pci 0000:00:1b.0"}.
     */
    @Override
    public String toString()
    {
        return "pci " + name();
    }

    boolean barAssigned(final int bar)
    {
        return 0 != (assignedMask & 1 << bar);
    }

    /** Called by the PCI core (under its lock) after writing the BAR register. */
    void markAssigned(final int bar, final boolean isAssigned)
    {
        assignedMask = isAssigned ? assignedMask | 1 << bar : assignedMask & ~(1 << bar);
        decodeStateChanged();
    }

    void setBus(final PciBus pciBus)
    {
        this.bus = pciBus;
    }

    void setPresent(final boolean isPresent)
    {
        this.present = isPresent;
        decodeStateChanged();
    }

    void setDriver(final PciDriver pciDriver)
    {
        this.driver = pciDriver;
    }

    /** Whether the function currently decodes memory at all: on a bus, COMMAND.MEMORY, D0. */
    boolean decodesMemory()
    {
        return present && PowerState.D0 == power && memoryDecodeEnabled();
    }

    private void configChanged(final int offset, final int widthBytes)
    {
        final int end = offset + widthBytes;
        if (end > ConfigSpace.PMCSR && offset < ConfigSpace.PMCSR + 2)
        {
            powerChanged();
        }
        if (end > ConfigSpace.COMMAND && offset < ConfigSpace.COMMAND + 2)
        {
            final boolean disabled =
                0 != (config.read(ConfigSpace.COMMAND, 2) & ConfigSpace.COMMAND_INTX_DISABLE);
            if (disabled != intxDisabled)
            {
                intxDisabled = disabled;
                forwardIntx();
            }
        }
        if (end > ConfigSpace.MSI_CONTROL && offset < ConfigSpace.MSI_CONTROL + 2)
        {
            final boolean enabled =
                0 != (config.read(ConfigSpace.MSI_CONTROL, 2) & ConfigSpace.MSI_CONTROL_ENABLE);
            if (enabled != msiEnabled)
            {
                msiEnabled = enabled;
                forwardIntx();
            }
        }
        decodeStateChanged();
    }

    private void powerChanged()
    {
        final int bits = config.read(ConfigSpace.PMCSR, 2) & ConfigSpace.PMCSR_STATE_MASK;
        final PowerState old = power;
        final PowerState now;
        if (PowerState.D3COLD == old && 3 == bits)
        {
            now = PowerState.D3COLD;
        }
        else
        {
            now = PowerState.values()[bits];
        }
        power = now;
        if (PowerState.D0 == now && (PowerState.D3HOT == old || PowerState.D3COLD == old))
        {
            final Runnable hook = resetHook;
            if (null != hook)
            {
                hook.run();
            }
        }
    }

    private void decodeStateChanged()
    {
        final PciBus b = bus;
        if (null != b)
        {
            b.decodeStateChanged();
        }
    }

    private void setIntxLevel(final boolean asserted, final boolean deferWake)
    {
        final boolean rose = asserted && !intxLevel;
        intxLevel = asserted;
        if (msiEnabled)
        {
            // a message when the condition rises, none when it drops (QEMU's intel_hda_update_irq sends one on
            // every update that finds it raised; azx_interrupt re-reads INTSTS until it is 0, so Linux sees both
            // the same way)
            final InterruptLine m = msiLine;
            if (rose && null != m)
            {
                if (deferWake)
                {
                    m.signalEdgeDeferringWake();
                }
                else
                {
                    m.signalEdge();
                }
            }
            return;
        }
        forwardIntx(deferWake);
    }

    private void forwardIntx()
    {
        forwardIntx(false);
    }

    private void forwardIntx(final boolean deferWake)
    {
        final boolean intx = intxLevel && !msiEnabled;
        config.setStatusBits(ConfigSpace.STATUS_INTERRUPT, intx);
        final InterruptLine l = line;
        if (null == l)
        {
            return;
        }
        if (deferWake)
        {
            l.setLevelDeferringWake(intx && !intxDisabled);
        }
        else
        {
            l.setLevel(intx && !intxDisabled);
        }
    }
}
