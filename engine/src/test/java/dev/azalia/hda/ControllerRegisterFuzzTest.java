package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.azalia.hda.codec.CodecModel;
import dev.azalia.hda.codec.CodecOptions;
import dev.azalia.hda.codec.HdaCodec;
import dev.azalia.hda.codec.Verbs;
import dev.azalia.pci.BarSpec;
import dev.azalia.pci.ConfigSpace;
import dev.azalia.pci.InterruptLine;
import dev.azalia.pci.MmioRegion;
import dev.azalia.pci.PciAddress;
import dev.azalia.pci.PciBus;
import dev.azalia.pci.PciDevice;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

/**
 * The controller's register interface as a hostile driver sees it (reliability table H28, QEMU generic-fuzz style):
 * a controller on a PCI bus in the state Linux leaves it in (CRST = 1, CORB and RIRB running, a playback stream
 * running to the QEMU codec), then up to 256 operations from the input: MMIO reads and writes of 1, 2 or 4 bytes at
 * any offset below BAR size + 0x40 (directly or through the bus at the BAR's current address), PCI config writes to
 * COMMAND and BAR0, a BAR move (rescan), a link clock step of up to 2048 frames and a verb put into the CORB; the
 * rest of the input fills guest RAM (CORB, RIRB, position buffer, BDL and buffers). After every operation:
 * nothing escaped and no codec or device failure was recorded; no register access nested or came from DMA (a DMA
 * never reaches a register handler); every DMA that missed RAM was noticed by the device (a guest error, its
 * status bit); read-only registers kept their values; a W1C status register cleared only the bits written 1; and
 * the whole sequence allocated less than {@link #ALLOCATION_LIMIT_BYTES}. Runs the committed inputs in
 * {@code ./mvnw verify} (regression mode); fuzzing: see the README's "Fuzzing".
 */
final class ControllerRegisterFuzzTest
{
    private static final int MAX_OPS = 256;
    private static final int SD = 4;
    private static final int TAG = 1;
    private static final int PERIOD_BYTES = 1920;
    private static final long ALLOCATION_LIMIT_BYTES = 16L << 20;
    private static final long WINDOW_BASE = 0xfe00_0000L;
    private static final long WINDOW_BYTES = 0x0010_0000L;
    private static final int[] WIDTHS = {1, 2, 4};
    private static final long OP_ALLOCATION_LIMIT_BYTES = 4L << 20;

    static
    {
        // Loads and links every class the operations reach, so that their one-time allocation is not counted.
        final Rig rig = new Rig();
        for (int kind = 0; kind < 8; kind++)
        {
            for (final int width : WIDTHS)
            {
                run(rig, new int[] {kind, width, (kind * 0x44 + width) & 0x17f, kind * 0x1111 + width});
            }
        }
    }

    /** The controller behind a probe on the bus: counts how register accesses nest and which come from the harness. */
    private static final class Rig implements MmioRegion
    {
        final HdaBench bench = new HdaBench();
        final PciBus bus = new PciBus(bench.log, bench.clock, WINDOW_BASE, WINDOW_BYTES,
            InterruptLine.Delivery.INLINE);
        final PciDevice device = new PciDevice(new PciAddress(0, 0, 0x1b, 0), 0x8086, 0x293e, 3, 0x040300, 1,
            List.of(new BarSpec(0, BAR_SIZE, this)));
        final long ramStart;
        final int ramBytes;
        boolean guestAccess;
        int depth;
        int maxDepth;
        int strayAccesses;

        Rig()
        {
            bus.addDevice(device);
            device.config().write(ConfigSpace.COMMAND, 2, ConfigSpace.COMMAND_MEMORY | ConfigSpace.COMMAND_BUS_MASTER);
            bench.hda.setBusMaster(device::busMasterEnabled);
            bench.hda.attachCodec(HdaCodec.create(0, (codecAddress, nid, format, pcm, offset, length, nanos) ->
            {
            }, CodecModel.QEMU_DUPLEX, CodecOptions.DEFAULT));
            guestAccess = true;
            bench.initChip();
            final StreamFormat format = StreamFormat.of(48_000, 16, 2);
            bench.sendCmd(Verbs.make(0, HdaCodec.DAC_NID, Verbs.SET_CHANNEL_STREAMID, TAG << 4));
            bench.sendCmd(Verbs.make(0, HdaCodec.DAC_NID, Verbs.SET_STREAM_FORMAT, format.word()));
            final long buffer = bench.memory.allocate(2 * PERIOD_BYTES, 128);
            final long bdl = bench.buildBdl(buffer, 2, PERIOD_BYTES);
            bench.streamReset(SD);
            bench.streamSetup(SD, TAG, format, 2 * PERIOD_BYTES, 1, bdl);
            bench.streamStart(SD);
            bench.link.step(1_000_000L);
            guestAccess = false;
            // guest RAM from the command rings to the end of the stream's buffers
            ramStart = bench.rb;
            ramBytes = (int)(buffer + 2 * PERIOD_BYTES - ramStart);
        }

        @Override
        public int read(final int offset, final int widthBytes)
        {
            enter();
            try
            {
                return bench.hda.read(offset, widthBytes);
            }
            finally
            {
                depth--;
            }
        }

        @Override
        public void write(final int offset, final int widthBytes, final int value)
        {
            enter();
            try
            {
                bench.hda.write(offset, widthBytes, value);
            }
            finally
            {
                depth--;
            }
        }

        private void enter()
        {
            depth++;
            maxDepth = Math.max(maxDepth, depth);
            if (!guestAccess)
            {
                strayAccesses++;
            }
        }

        int harnessRead(final int offset, final int widthBytes)
        {
            guestAccess = true;
            try
            {
                return read(offset, widthBytes);
            }
            finally
            {
                guestAccess = false;
            }
        }

        void guestWrite(final int offset, final int widthBytes, final int value, final boolean viaBus)
        {
            guestAccess = true;
            try
            {
                if (viaBus)
                {
                    bus.mmio().write(device.barAddress(0) + offset, widthBytes, value);
                }
                else
                {
                    write(offset, widthBytes, value);
                }
            }
            finally
            {
                guestAccess = false;
            }
        }

        void guestRead(final int offset, final int widthBytes, final boolean viaBus)
        {
            guestAccess = true;
            try
            {
                if (viaBus)
                {
                    bus.mmio().read(device.barAddress(0) + offset, widthBytes);
                }
                else
                {
                    read(offset, widthBytes);
                }
            }
            finally
            {
                guestAccess = false;
            }
        }

        /** The read-only registers (GCAP, VMIN, VMAJ, OUTPAY, INPAY, CORBSIZE, RIRBSIZE, every SDnFIFOS). */
        long[] readOnly()
        {
            final long[] v = new long[7 + NUM_STREAMS];
            v[0] = harnessRead(GCAP, 2);
            v[1] = harnessRead(VMIN, 1);
            v[2] = harnessRead(VMAJ, 1);
            v[3] = harnessRead(OUTPAY, 2);
            v[4] = harnessRead(INPAY, 2);
            v[5] = harnessRead(CORBSIZE, 1);
            v[6] = harnessRead(RIRBSIZE, 1);
            for (int i = 0; i < NUM_STREAMS; i++)
            {
                v[7 + i] = harnessRead(sdRegister(i, SD_FIFOS), 2);
            }
            return v;
        }
    }

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldHoldTheDeviceInvariantsWhateverTheDriverDoes(final FuzzedDataProvider data)
    {
        Rig rig = new Rig();
        final int opCount = data.consumeInt(0, MAX_OPS);
        final int[][] ops = new int[opCount][];
        for (int i = 0; i < opCount; i++)
        {
            ops[i] = decode(data, rig);
        }
        final byte[] ram = data.consumeRemainingAsBytes();
        long[] allocated = execute(rig, ops, ram);
        if (!withinAllocationLimits(allocated))
        {
            // the first use of a class allocates too (loading, the fuzzer's instrumentation): only a rerun counts
            rig = new Rig();
            allocated = execute(rig, ops, ram);
            check(withinAllocationLimits(allocated), 0 == ops.length ? "no operation"
                : "op " + allocated[1] + " " + describe(ops[(int)allocated[1]]),
                allocated[0] + " bytes allocated by it, " + allocated[2] + " by the sequence");
        }
    }

    private static boolean withinAllocationLimits(final long[] allocated)
    {
        return allocated[0] < OP_ALLOCATION_LIMIT_BYTES && allocated[2] < ALLOCATION_LIMIT_BYTES;
    }

    /**
     * Runs the operations on a booted rig, checking every invariant but allocation after each.
     *
     * @return {the most one operation allocated, its index, what the sequence allocated}.
     */
    private static long[] execute(final Rig rig, final int[][] ops, final byte[] ram)
    {
        rig.bench.memory.write(rig.ramStart, ram, 0, Math.min(ram.length, rig.ramBytes));
        final long[] readOnly = rig.readOnly();
        final long[] allocated = new long[3];
        final long allocatedBefore = allocatedBytes();
        for (int i = 0; i < ops.length; i++)
        {
            final long dmaErrors = rig.bench.memory.dmaErrors();
            final long guestErrors = rig.bench.hda.guestErrors();
            final long opAllocatedBefore = allocatedBytes();
            run(rig, ops[i]);
            final long opAllocated = allocatedBytes() - opAllocatedBefore;
            if (opAllocated > allocated[0])
            {
                allocated[0] = opAllocated;
                allocated[1] = i;
            }
            final String op = "op " + i + " " + describe(ops[i]);
            check(rig.maxDepth <= 1, op, "nested register access");
            check(rig.strayAccesses == 0, op, "a register handler ran outside a driver access (from DMA)");
            check(rig.bench.hda.failures().isEmpty(), op, "device failures " + rig.bench.hda.failures());
            check(rig.bus.mmio().deviceFailures().isEmpty(), op, "bus failures " + rig.bus.mmio().deviceFailures());
            check(rig.bench.memory.dmaErrors() == dmaErrors || rig.bench.hda.guestErrors() > guestErrors, op,
                "a DMA outside RAM the device did not notice");
            check(java.util.Arrays.equals(readOnly, rig.readOnly()), op, "a read-only register changed");
        }
        allocated[2] = allocatedBytes() - allocatedBefore;
        return allocated;
    }

    /** One operation: {kind, a, b, c}. */
    private static int[] decode(final FuzzedDataProvider data, final Rig rig)
    {
        final int kind = data.consumeInt(0, 7);
        final int width = WIDTHS[data.consumeInt(0, WIDTHS.length - 1)];
        final int offset = data.consumeBoolean() ? data.consumeInt(0, 0x17f) : data.consumeInt(0, BAR_SIZE + 0x3f);
        final int value = data.consumeBoolean() ? (int)(rig.ramStart + data.consumeInt(0, rig.ramBytes - 1))
            : data.consumeInt();
        return new int[] {kind, width, offset, value};
    }

    private static void run(final Rig rig, final int[] op)
    {
        final int width = op[1];
        final int offset = op[2];
        final int value = op[3];
        switch (op[0])
        {
            case 0, 1 -> write(rig, width, offset, value, false);
            case 2 -> write(rig, width, offset, value, true);
            case 3 -> rig.guestRead(offset, width, (value & 1) != 0);
            case 4 ->
            {
                if ((offset & 1) == 0)
                {
                    rig.device.config().write(ConfigSpace.COMMAND, 2, value & 0xffff);
                }
                else
                {
                    rig.device.config().write(ConfigSpace.BAR0, 4, (offset & 2) == 0 ? value
                        : (int)(WINDOW_BASE + (value & (WINDOW_BYTES - 1))));
                }
            }
            case 5 -> rig.bus.rescan();
            case 6 -> rig.bench.link.step(Integer.remainderUnsigned(value, 2049) * 1_000_000_000L / 48_000);
            default -> injectVerb(rig, value);
        }
    }

    /** A guest write, checking W1C: a status register written exactly keeps every set bit not written 1. */
    private static void write(final Rig rig, final int width, final int offset, final int value, final boolean viaBus)
    {
        final boolean w1c = isW1c(offset, width);
        final int before = w1c ? rig.harnessRead(offset, width) : 0;
        rig.guestWrite(offset, width, value, viaBus);
        if (w1c && (!viaBus || rig.device.memoryDecodeEnabled()))
        {
            final int mask = width == 1 ? 0xff : 0xffff;
            final int kept = before & ~value & mask;
            final int after = rig.harnessRead(offset, width);
            check((after & kept) == kept, "write " + Integer.toHexString(offset) + " = " + Integer.toHexString(value),
                "W1C bits cleared without a 1: before " + Integer.toHexString(before) + ", after "
                    + Integer.toHexString(after));
        }
    }

    private static boolean isW1c(final int offset, final int width)
    {
        if (STATESTS == offset)
        {
            return 2 == width;
        }
        if (CORBSTS == offset || RIRBSTS == offset)
        {
            return 1 == width;
        }
        return 1 == width && offset >= sdRegister(0, 0) && offset < sdRegister(NUM_STREAMS, 0)
            && (offset - sdRegister(0, 0)) % (sdRegister(1, 0) - sdRegister(0, 0)) == SD_STS;
    }

    /** Puts one verb into the CORB where the registers say it is (if that is RAM) and publishes it. */
    private static void injectVerb(final Rig rig, final int verb)
    {
        final long base = Integer.toUnsignedLong(rig.harnessRead(CORBLBASE, 4)) & ~0x7fL
            | Integer.toUnsignedLong(rig.harnessRead(CORBUBASE, 4)) << 32;
        final int wp = (rig.harnessRead(CORBWP, 2) + 1) & 0xff;
        if (rig.bench.memory.contains(base + 4L * wp, 4))
        {
            rig.bench.memory.writeInt(base + 4L * wp, verb);
        }
        rig.guestWrite(CORBWP, 2, wp, false);
    }

    private static String describe(final int[] op)
    {
        return String.format("kind %d width %d offset 0x%x value 0x%x", op[0], op[1], op[2], op[3]);
    }

    private static void check(final boolean holds, final String where, final String what)
    {
        if (!holds)
        {
            throw new AssertionError(where + ": " + what);
        }
    }

    private static long allocatedBytes()
    {
        return ((com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
