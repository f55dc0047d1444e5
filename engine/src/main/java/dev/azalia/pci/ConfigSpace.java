package dev.azalia.pci;

import java.util.List;
import java.util.Objects;

/**
 * The 256-byte PCI configuration space of a type-0 function: identification, COMMAND/STATUS, six BARs with the
 * sizing protocol, interrupt line/pin, a capability list holding a PCI power-management and an MSI capability, and room for
 * vendor-specific registers.
 *
 * <p>Every byte has a write mask (bits software may change) and a write-1-to-clear mask. Layout:
 * <ul>
 *   <li>0x00 vendor, 0x02 device, 0x08 revision, 0x09..0x0B class code (prog-if, sub-class, base class) - read-only;
 *   <li>0x04 COMMAND: writable bits {@link #COMMAND_MEMORY}, {@link #COMMAND_BUS_MASTER},
 *       {@link #COMMAND_INTX_DISABLE}; 0x06 STATUS: read-only {@link #STATUS_INTERRUPT} and
 *       {@link #STATUS_CAP_LIST};
 *   <li>0x10 + 4n: BAR n. Implemented BARs are 32-bit non-prefetchable memory: bits 3:0 read 0, the address bits
 *       below the size read 0, so writing 0xFFFFFFFF reads back {@code ~(size - 1)}. Unimplemented BARs read 0;
 *   <li>0x34 capabilities pointer = {@link #PM_CAP}; 0x3C interrupt line (writable), 0x3D interrupt pin (1 = INTA);
 *   <li>{@link #PM_CAP}: PM capability (ID 0x01, next {@link #MSI_CAP}), PMC at +2 (version 3, D1 and D2
 *       supported), PMCSR at +4: bits 1:0 PowerState (writable), bit 3 No_Soft_Reset = 0, bit 8 PME_En, bit 15
 *       PME_Status (W1C);
 *   <li>{@link #MSI_CAP}: MSI capability (ID 0x05, last in the list), where the ICH9 datasheet and QEMU's
 *       {@code ich9-intel-hda} put it: Message Control at +2 (64-bit address capable, one message, no per-vector
 *       masking; writable MSI Enable and Multiple Message Enable), message address at +4 (bits 31:2) and +8 (upper
 *       32 bits), message data at +0xC (16 bits).
 * </ul>
 *
 * <p>Bad accesses behave as Linux's config accessors: an access that is misaligned or beyond 0xFF reads all-ones
 * for its width and a write is dropped; both are counted ({@link #badAccesses()}). A width other than 1, 2 or 4 is
 * a programming error ({@link IllegalArgumentException}).
 *
 * <p>Thread-safety: all accesses are serialised on this object; the owner's change listener and the
 * {@link WriteObserver} are called after the write, outside that lock, on the writing thread.
 */
public final class ConfigSpace
{
    /** Offset of the vendor ID (16 bits). */
    public static final int VENDOR_ID = 0x00;
    /** Offset of the device ID (16 bits). */
    public static final int DEVICE_ID = 0x02;
    /** Offset of the COMMAND register (16 bits). */
    public static final int COMMAND = 0x04;
    /** Offset of the STATUS register (16 bits). */
    public static final int STATUS = 0x06;
    /** Offset of the revision ID (8 bits). */
    public static final int REVISION_ID = 0x08;
    /** Offset of the class code (24 bits at 0x09..0x0B: prog-if, sub-class, base class). */
    public static final int CLASS_CODE = 0x09;
    /** Offset of the cache line size (8 bits, writable). */
    public static final int CACHE_LINE_SIZE = 0x0c;
    /** Offset of the latency timer (8 bits, writable). */
    public static final int LATENCY_TIMER = 0x0d;
    /** Offset of the header type (8 bits, 0 = normal function). */
    public static final int HEADER_TYPE = 0x0e;
    /** Offset of BAR 0; BAR n is at {@code BAR0 + 4 * n}. */
    public static final int BAR0 = 0x10;
    /** Offset of the capabilities pointer (8 bits). */
    public static final int CAPABILITIES_POINTER = 0x34;
    /** Offset of the interrupt line (8 bits, writable: the IRQ the OS routed). */
    public static final int INTERRUPT_LINE = 0x3c;
    /** Offset of the interrupt pin (8 bits: 0 none, 1 INTA .. 4 INTD). */
    public static final int INTERRUPT_PIN = 0x3d;
    /** Offset of the power-management capability header. */
    public static final int PM_CAP = 0x50;
    /** Offset of the PM capabilities register (PMC, 16 bits). */
    public static final int PMC = PM_CAP + 2;
    /** Offset of the PM control/status register (PMCSR, 16 bits). */
    public static final int PMCSR = PM_CAP + 4;
    /** Offset of the MSI capability header. */
    public static final int MSI_CAP = 0x60;
    /** Offset of the MSI Message Control register (16 bits). */
    public static final int MSI_CONTROL = MSI_CAP + 2;
    /** Offset of the MSI message address, low 32 bits. */
    public static final int MSI_ADDRESS_LO = MSI_CAP + 4;
    /** Offset of the MSI message address, high 32 bits (64-bit capability). */
    public static final int MSI_ADDRESS_HI = MSI_CAP + 8;
    /** Offset of the MSI message data (16 bits). */
    public static final int MSI_DATA = MSI_CAP + 0xc;
    /** Message Control bit 0: MSI enabled (the function signals by message, not INTx). */
    public static final int MSI_CONTROL_ENABLE = 1;
    /** Message Control bit 7: the function can send 64-bit message addresses. */
    public static final int MSI_CONTROL_64BIT = 1 << 7;
    /** Capability ID of PCI power management. */
    public static final int CAP_ID_PM = 0x01;
    /** Capability ID of MSI. */
    public static final int CAP_ID_MSI = 0x05;
    /** First offset free for vendor-specific registers ({@link #defineRegister}). */
    public static final int VENDOR_SPECIFIC_START = 0x40;

    /** COMMAND bit 1: respond to memory-space accesses. */
    public static final int COMMAND_MEMORY = 1 << 1;
    /** COMMAND bit 2: the function may master the bus (DMA). */
    public static final int COMMAND_BUS_MASTER = 1 << 2;
    /** COMMAND bit 10: INTx emulation disabled. */
    public static final int COMMAND_INTX_DISABLE = 1 << 10;
    /** STATUS bit 3: the function is asserting INTx (read-only). */
    public static final int STATUS_INTERRUPT = 1 << 3;
    /** STATUS bit 4: a capability list is present (read-only). */
    public static final int STATUS_CAP_LIST = 1 << 4;
    /** PMCSR bits 1:0: the power state. */
    public static final int PMCSR_STATE_MASK = 0x3;
    /** PMCSR bit 15: PME status (write 1 to clear). */
    public static final int PMCSR_PME_STATUS = 1 << 15;

    /** Notified after every successful write; used by the owning function. */
    @FunctionalInterface
    interface ChangeListener
    {
        /**
         * A write landed.
         *
         * @param offset     first byte written.
         * @param widthBytes bytes written.
         */
        void configChanged(int offset, int widthBytes);
    }

    /**
     * Sees every successful config write, after it took effect (tests use it to watch the PCI core's sequence).
     * Called on the writing thread, outside the config lock.
     */
    @FunctionalInterface
    public interface WriteObserver
    {
        /**
         * A config write took effect.
         *
         * @param offset     the offset written.
         * @param widthBytes 1, 2 or 4.
         * @param value      the value the writer passed.
         */
        void configWritten(int offset, int widthBytes, int value);
    }

    private static final int SIZE = 256;

    private final byte[] bytes = new byte[SIZE];
    private final byte[] writeMask = new byte[SIZE];
    private final byte[] clearMask = new byte[SIZE];
    private final int[] barSizes = new int[6];
    private long badAccesses;
    private volatile ChangeListener listener;
    private volatile WriteObserver observer;

    /**
     * A config space with the given identity and BARs; COMMAND is 0 (nothing decoded), BARs 0 (unassigned), D0.
     *
     * @param vendorId     the vendor ID (0x8086).
     * @param deviceId     the device ID (0x293e).
     * @param revision     the revision ID.
     * @param classCode24  base class, sub-class and prog-if as {@code 0xBBSSPP} (0x040300 for HD-Audio).
     * @param interruptPin 0 for none, 1..4 for INTA..INTD.
     * @param bars         the implemented memory BARs (indices must be distinct).
     */
    public ConfigSpace(final int vendorId, final int deviceId, final int revision, final int classCode24,
        final int interruptPin, final List<BarSpec> bars)
    {
        if (interruptPin < 0 || interruptPin > 4)
        {
            throw new IllegalArgumentException("interrupt pin " + interruptPin + " is not 0..4");
        }
        put(VENDOR_ID, 2, vendorId);
        put(DEVICE_ID, 2, deviceId);
        put(REVISION_ID, 1, revision);
        put(CLASS_CODE, 3, classCode24);
        put(STATUS, 2, STATUS_CAP_LIST);
        mask(COMMAND, 2, COMMAND_MEMORY | COMMAND_BUS_MASTER | COMMAND_INTX_DISABLE);
        mask(CACHE_LINE_SIZE, 1, 0xff);
        mask(LATENCY_TIMER, 1, 0xff);
        for (final BarSpec bar : bars)
        {
            Objects.requireNonNull(bar, "bar");
            if (0 != barSizes[bar.index()])
            {
                throw new IllegalArgumentException("BAR " + bar.index() + " defined twice");
            }
            barSizes[bar.index()] = bar.sizeBytes();
            mask(BAR0 + 4 * bar.index(), 4, ~(bar.sizeBytes() - 1) & ~0xf);
        }
        put(CAPABILITIES_POINTER, 1, PM_CAP);
        mask(INTERRUPT_LINE, 1, 0xff);
        put(INTERRUPT_PIN, 1, interruptPin);
        put(PM_CAP, 1, CAP_ID_PM);
        put(PM_CAP + 1, 1, MSI_CAP);
        put(PMC, 2, 0x0003 | 1 << 9 | 1 << 10);
        mask(PMCSR, 2, PMCSR_STATE_MASK | 1 << 8);
        for (int i = 0; i < 2; i++)
        {
            clearMask[PMCSR + i] = (byte)(PMCSR_PME_STATUS >>> (8 * i));
        }
        put(MSI_CAP, 1, CAP_ID_MSI);
        put(MSI_CAP + 1, 1, 0x00);
        put(MSI_CONTROL, 2, MSI_CONTROL_64BIT);
        mask(MSI_CONTROL, 2, MSI_CONTROL_ENABLE | 0x70);
        mask(MSI_ADDRESS_LO, 4, ~0x3);
        mask(MSI_ADDRESS_HI, 4, ~0);
        mask(MSI_DATA, 2, 0xffff);
    }

    /**
     * Defines a vendor-specific register (e.g. HD-Audio's HDCTL at 0x40, TCSEL at 0x44) before the function is used.
     *
     * @param offset     its offset, in {@code [0x40, 0x50)}, {@code [0x58, 0x60)} or {@code [0x6e, 0x100)}, naturally
     *                   aligned.
     * @param widthBytes 1, 2 or 4.
     * @param resetValue its initial value.
     * @param writeMask  the bits software may change.
     */
    public synchronized void defineRegister(final int offset, final int widthBytes, final int resetValue,
        final int writeMask)
    {
        checkWidth(widthBytes);
        final boolean inPmCap = offset < PMCSR + 2 && offset + widthBytes > PM_CAP;
        final boolean inMsiCap = offset < MSI_DATA + 2 && offset + widthBytes > MSI_CAP;
        if (offset < VENDOR_SPECIFIC_START || offset + widthBytes > SIZE || inPmCap || inMsiCap
            || 0 != offset % widthBytes)
        {
            throw new IllegalArgumentException("offset 0x" + Integer.toHexString(offset) + " is not free");
        }
        put(offset, widthBytes, resetValue);
        mask(offset, widthBytes, writeMask);
    }

    /**
     * Reads a register, little-endian.
     *
     * @param offset     byte offset 0..0xFF, aligned to the width.
     * @param widthBytes 1, 2 or 4.
     * @return the value zero-extended; all-ones for the width if the offset is misaligned or out of range.
     * @throws IllegalArgumentException if the width is not 1, 2 or 4.
     */
    public synchronized int read(final int offset, final int widthBytes)
    {
        checkWidth(widthBytes);
        if (!valid(offset, widthBytes))
        {
            badAccesses++;
            return MmioAddressSpace.allOnes(widthBytes);
        }
        return get(offset, widthBytes);
    }

    /**
     * Writes a register, little-endian, honouring the write and write-1-to-clear masks of every byte.
     *
     * @param offset     byte offset 0..0xFF, aligned to the width; otherwise the write is dropped and counted.
     * @param widthBytes 1, 2 or 4.
     * @param value      the value; only the low {@code widthBytes} bytes count.
     * @throws IllegalArgumentException if the width is not 1, 2 or 4.
     */
    public void write(final int offset, final int widthBytes, final int value)
    {
        checkWidth(widthBytes);
        synchronized (this)
        {
            if (!valid(offset, widthBytes))
            {
                badAccesses++;
                return;
            }
            for (int i = 0; i < widthBytes; i++)
            {
                final int at = offset + i;
                final int b = (value >>> (8 * i)) & 0xff;
                final int old = bytes[at] & 0xff;
                final int wm = writeMask[at] & 0xff;
                final int cm = clearMask[at] & 0xff;
                bytes[at] = (byte)(((old & ~wm) | (b & wm)) & ~(b & cm));
            }
        }
        final ChangeListener l = listener;
        if (null != l)
        {
            l.configChanged(offset, widthBytes);
        }
        final WriteObserver o = observer;
        if (null != o)
        {
            o.configWritten(offset, widthBytes, value);
        }
    }

    /**
     * Installs (or with null removes) the observer of config writes.
     *
     * @param writeObserver the observer.
     */
    public void setWriteObserver(final WriteObserver writeObserver)
    {
        this.observer = writeObserver;
    }

    /**
     * The size of an implemented BAR.
     *
     * @param bar the BAR index 0..5.
     * @return its size in bytes, or 0 if not implemented.
     */
    public int barSizeBytes(final int bar)
    {
        return bar < 0 || bar > 5 ? 0 : barSizes[bar];
    }

    /**
     * How many accesses were misaligned or out of range.
     *
     * @return the count.
     */
    public synchronized long badAccesses()
    {
        return badAccesses;
    }

    void setListener(final ChangeListener changeListener)
    {
        this.listener = changeListener;
    }

    /** Sets or clears read-only STATUS bits (the device side: interrupt status). */
    synchronized void setStatusBits(final int bits, final boolean on)
    {
        final int status = get(STATUS, 2);
        put(STATUS, 2, on ? status | bits : status & ~bits);
    }

    private static void checkWidth(final int widthBytes)
    {
        if (widthBytes != 1 && widthBytes != 2 && widthBytes != 4)
        {
            throw new IllegalArgumentException("config access width " + widthBytes + " is not 1, 2 or 4");
        }
    }

    private static boolean valid(final int offset, final int widthBytes)
    {
        return offset >= 0 && offset + widthBytes <= SIZE && 0 == offset % widthBytes;
    }

    private int get(final int offset, final int widthBytes)
    {
        int v = 0;
        for (int i = 0; i < widthBytes; i++)
        {
            v |= (bytes[offset + i] & 0xff) << (8 * i);
        }
        return v;
    }

    private void put(final int offset, final int widthBytes, final int value)
    {
        for (int i = 0; i < widthBytes; i++)
        {
            bytes[offset + i] = (byte)(value >>> (8 * i));
        }
    }

    private void mask(final int offset, final int widthBytes, final int value)
    {
        for (int i = 0; i < widthBytes; i++)
        {
            writeMask[offset + i] = (byte)(value >>> (8 * i));
        }
    }
}
