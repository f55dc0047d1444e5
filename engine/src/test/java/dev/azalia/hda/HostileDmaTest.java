package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.azalia.hda.GuestErrors.Kind;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.BarSpec;
import dev.azalia.pci.DmaMemory;
import dev.azalia.pci.InterruptLine;
import dev.azalia.pci.IoMapping;
import dev.azalia.pci.MmioRegion;
import dev.azalia.pci.PciAddress;
import dev.azalia.pci.PciBus;
import dev.azalia.pci.PciDevice;
import dev.azalia.time.VirtualNanoClock;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A hostile driver aims the controller's DMA (CORB, RIRB, BDL, buffers, position buffer) outside RAM: into its own
 * BAR before and after a move, beyond installed memory, near 2^64. Every such DMA is a master abort with the matching
 * error bit, never a register access. Case ids refer to the reliability reference's hostile-case table.
 */
final class HostileDmaTest
{
    private static final int SD = 4;
    private static final int TAG = 5;
    private static final long NOT_RAM = 0xfe00_0000L;

    /** A controller on a PCI bus behind a probe that records how deep register accesses nest. */
    private static final class OnBus
    {
        final VirtualNanoClock clock = new VirtualNanoClock(1_000_000_000L);
        final KernelLog log = new KernelLog(clock);
        final DmaMemory memory = new DmaMemory(1 << 20);
        final PciBus bus = new PciBus(log, clock, 0xfe00_0000L, 0x0010_0000L, InterruptLine.Delivery.INLINE);
        final PciDevice[] device = new PciDevice[1];
        final HdaController hda = new HdaController(memory, clock, l -> device[0].intxPin().setLevel(l), log);
        final VirtualLinkClock link = new VirtualLinkClock(hda, clock);
        final TestCodec codec = new TestCodec(0);
        int depth;
        int maxDepth;

        OnBus()
        {
            final MmioRegion probe = new MmioRegion()
            {
                @Override
                public int read(final int offset, final int widthBytes)
                {
                    depth++;
                    maxDepth = Math.max(maxDepth, depth);
                    try
                    {
                        return hda.read(offset, widthBytes);
                    }
                    finally
                    {
                        depth--;
                    }
                }

                @Override
                public void write(final int offset, final int widthBytes, final int value)
                {
                    depth++;
                    maxDepth = Math.max(maxDepth, depth);
                    try
                    {
                        hda.write(offset, widthBytes, value);
                    }
                    finally
                    {
                        depth--;
                    }
                }
            };
            device[0] = new PciDevice(new PciAddress(0, 0, 0x1b, 0), 0x8086, 0x293e, 3, 0x040300, 1,
                List.of(new BarSpec(0, HdaRegisters.BAR_SIZE, probe)));
            bus.addDevice(device[0]);
            hda.attachCodec(codec);
        }

        /** The QEMU #542 reproducer's shape: RIRB at {@code rirb}, 255 verbs in RAM, the CORB started. */
        IoMapping runCorbWithRirbAt(final long rirb)
        {
            final IoMapping m = bus.ioremap(device[0], 0);
            m.write32(GCTL, GCTL_CRST);
            final long corb = memory.allocate(1024, 128);
            for (int i = 1; i < RING_ENTRIES; i++)
            {
                memory.writeInt(corb + 4L * i, 0x000f0000);
            }
            m.write32(CORBLBASE, (int)corb);
            m.write32(CORBUBASE, (int)(corb >>> 32));
            m.write32(RIRBLBASE, (int)rirb);
            m.write32(RIRBUBASE, (int)(rirb >>> 32));
            m.write16(RINTCNT, 1);
            m.write8(RIRBCTL, RIRBCTL_DMAEN | RIRBCTL_RINTCTL | RIRBCTL_ROIC);
            m.write16(CORBWP, 0xff);
            m.write8(CORBCTL, CORBCTL_RUN);
            link.step(20_000_000L);
            return m;
        }
    }

    @Test
    void shouldDropResponsesAimedAtItsOwnBarWithRirbOverrunAndNoRegisterAccess()
    {
        // H01 (CVE-2021-3611): the RIRB at the controller's own BAR, through the register file's alias.
        final OnBus t = new OnBus();
        final long bar = t.device[0].barAddress(0);
        final IoMapping m = t.runCorbWithRirbAt(bar + ALIAS_OFFSET);

        assertThat(t.codec.verbs()).as("every verb still goes out").hasSize(255);
        assertThat(m.read8(RIRBSTS) & RIRBSTS_RIRBOIS).isEqualTo(RIRBSTS_RIRBOIS);
        assertThat(m.read16(RIRBWP)).as("no response landed").isZero();
        assertThat(m.read16(CORBWP)).as("no DMA wrote a register").isEqualTo(0xff);
        assertThat(m.read8(CORBCTL)).isEqualTo(CORBCTL_RUN);
        assertThat(m.read32(INTSTS) & INTSTS_CIS).isNotZero();
        assertThat(t.maxDepth).as("register accesses never nest").isEqualTo(1);
        assertThat(t.hda.guestErrors(Kind.RIRB_DMA_ABORT)).isEqualTo(255);
        assertThat(t.log.lines().stream().filter(l -> l.contains("RIRB write outside RAM"))).hasSize(1);
        assertThat(t.hda.failures()).isEmpty();
    }

    @Test
    void shouldDropResponsesAimedAtTheOldOrNewBarAfterAMove()
    {
        // H27: after a BAR move, a RIRB at the old BAR (now unclaimed) or at the new one is a master abort.
        final OnBus t = new OnBus();
        final long oldBar = t.device[0].barAddress(0);
        t.bus.ioremap(t.device[0], 0).write32(GCTL, GCTL_CRST);
        t.bus.rescan();
        final long newBar = t.device[0].barAddress(0);
        assertThat(newBar).isNotEqualTo(oldBar);

        final IoMapping m = t.runCorbWithRirbAt(oldBar);
        assertThat(m.read8(RIRBSTS) & RIRBSTS_RIRBOIS).isEqualTo(RIRBSTS_RIRBOIS);
        assertThat(m.read16(RIRBWP)).isZero();
        m.write8(RIRBSTS, RIRBSTS_RIRBOIS);
        m.write32(RIRBLBASE, (int)newBar);
        m.write16(CORBWP, 0x10);
        t.link.step(20_000_000L);
        assertThat(m.read8(RIRBSTS) & RIRBSTS_RIRBOIS).isEqualTo(RIRBSTS_RIRBOIS);
        assertThat(m.read16(RIRBWP)).isZero();
        assertThat(t.maxDepth).isEqualTo(1);
        assertThat(t.hda.guestErrors(Kind.RIRB_DMA_ABORT)).isEqualTo(255 + 17);
    }

    @Test
    void shouldStopTheCorbWithAMemoryErrorWhenItsBaseIsNear2To64()
    {
        // H08: a CORB base near 2^64 (and one whose entries would wrap past it).
        final HdaBench bench = new HdaBench();
        final TestCodec codec = new TestCodec(0);
        bench.hda.attachCodec(codec);
        bench.initChip();
        bench.writeb(CORBCTL, 0);
        bench.writel(CORBLBASE, 0xffff_ff80);
        bench.writel(CORBUBASE, 0xffff_ffff);
        bench.writeb(CORBCTL, CORBCTL_RUN | CORBCTL_CMEIE);
        bench.writew(CORBWP, 3);
        bench.awaitLink();

        assertThat(codec.verbs()).as("nothing fetched is sent").isEmpty();
        assertThat(bench.readb(CORBSTS) & CORBSTS_CMEI).isEqualTo(CORBSTS_CMEI);
        assertThat(bench.readb(CORBCTL) & CORBCTL_RUN).as("the CORB engine stopped").isZero();
        assertThat(bench.readl(INTSTS) & INTSTS_CIS).isNotZero();
        assertThat(bench.hda.guestErrors(Kind.CORB_DMA_ABORT)).isEqualTo(1);
        assertThat(bench.hda.failures()).isEmpty();
    }

    @Test
    void shouldDropResponsesWhenTheRirbBaseIsNear2To64()
    {
        // H08: RIRB base near 2^64.
        final HdaBench bench = new HdaBench();
        final TestCodec codec = new TestCodec(0);
        bench.hda.attachCodec(codec);
        bench.initChip();
        bench.writel(RIRBLBASE, 0xffff_ff80);
        bench.writel(RIRBUBASE, 0xffff_ffff);
        bench.writeb(RIRBCTL, RIRBCTL_DMAEN | RIRBCTL_RINTCTL | RIRBCTL_ROIC);
        bench.queueVerbs(0x000f0000, 0x000f0004);

        assertThat(codec.verbs()).hasSize(2);
        assertThat(bench.readw(RIRBWP)).isZero();
        assertThat(bench.readb(RIRBSTS)).isEqualTo(RIRBSTS_RIRBOIS);
        assertThat(bench.hda.guestErrors(Kind.RIRB_DMA_ABORT)).isEqualTo(2);
    }

    @Test
    void shouldCountAPositionBufferAimedOutsideRamAndKeepPlaying()
    {
        // H02: the position buffer at an MMIO address; the write is dropped, the stream keeps its position.
        final HdaBench bench = new HdaBench();
        bench.initChip();
        final long buffer = bench.memory.allocate(4 * 1920, 128);
        final long bdl = bench.buildBdl(buffer, 4, 1920);
        bench.streamReset(SD);
        bench.streamSetup(SD, TAG, StreamFormat.of(48_000, 16, 2), 4 * 1920, 3, bdl);
        bench.writel(DPLBASE, (int)NOT_RAM | DPLBASE_ENABLE);
        bench.streamStart(SD);
        bench.link.step(25_000_000L);

        assertThat(bench.hda.lpib(SD)).isEqualTo(2 * 1920 + 960);
        assertThat(bench.readl(DPLBASE)).isEqualTo((int)NOT_RAM | DPLBASE_ENABLE);
        assertThat(bench.hda.guestErrors(Kind.POSBUF_DMA_ABORT)).isPositive();
        assertThat(bench.log.lines().stream().filter(l -> l.contains("position buffer write outside RAM")))
            .hasSize(1);
        assertThat(bench.hda.failures()).isEmpty();
    }

    @Test
    void shouldRaiseFifoErrorAndStopWhenAnOutputBufferIsItsOwnRegisters()
    {
        // H02 / H09: a BDL entry aimed at BAR0 + 0x80 (SD0CTL): the buffer DMA is a master abort, FIFOE.
        final HdaBench bench = new HdaBench();
        final TestCodec codec = new TestCodec(0, TAG);
        bench.hda.attachCodec(codec);
        bench.initChip();
        final long bdl = bench.buildBdl(NOT_RAM + 0x80, 2, 1920);
        bench.streamReset(SD);
        bench.streamSetup(SD, TAG, StreamFormat.of(48_000, 16, 2), 2 * 1920, 1, bdl);
        bench.streamStart(SD);
        assertThat(bench.hda.running(SD)).as("the descriptor itself is valid").isTrue();
        bench.link.step(5_000_000L);

        final int sts = bench.readb(sdRegister(SD, SD_STS));
        assertThat(sts & SD_STS_FIFOE).isEqualTo(SD_STS_FIFOE);
        assertThat(sts & SD_STS_DESE).isZero();
        assertThat(bench.hda.running(SD)).isFalse();
        assertThat(bench.hda.bytesFetched(SD)).isZero();
        assertThat(codec.received()).isEmpty();
        assertThat(bench.readl(INTSTS)).as("FEIE is set by the setup").isEqualTo(INTSTS_GIS | 1 << SD);
        bench.link.step(50_000_000L);
        assertThat(bench.hda.guestErrors(Kind.BUFFER_DMA_ABORT)).as("stopped: no more attempts").isEqualTo(1);
        assertThat(bench.hda.failures()).isEmpty();
    }

    @Test
    void shouldRaiseFifoErrorWhenAnInputBufferIsBeyondInstalledMemory()
    {
        // H09: a capture buffer past the end of RAM: the write is dropped, FIFOE.
        final HdaBench bench = new HdaBench();
        bench.initChip();
        final long beyond = bench.memory.baseAddress() + bench.memory.sizeBytes();
        final long bdl = bench.buildBdl(beyond, 2, 1920);
        bench.streamReset(0);
        bench.streamSetup(0, 1, StreamFormat.of(48_000, 16, 2), 2 * 1920, 1, bdl);
        bench.streamStart(0);
        bench.link.step(5_000_000L);

        assertThat(bench.readb(sdRegister(0, SD_STS)) & SD_STS_FIFOE).isEqualTo(SD_STS_FIFOE);
        assertThat(bench.hda.running(0)).isFalse();
        assertThat(bench.hda.failures()).isEmpty();
    }

    @Test
    void shouldNeverThrowWhenABufferEndsNear2To63()
    {
        // H08: an entry whose end passes 2^63 once offset from the RAM base: no index wraps into RAM.
        final HdaBench bench = new HdaBench();
        bench.initChip();
        final int length = 1 << 30;
        final long bdl = bench.memory.allocate(BDL_ENTRY_BYTES * 2, 128);
        bench.memory.writeLong(bdl, 0x7fff_ffff_ffff_0000L);
        bench.memory.writeInt(bdl + 8, length);
        bench.memory.writeInt(bdl + 12, BDL_IOC);
        bench.streamReset(SD);
        bench.streamSetup(SD, TAG, StreamFormat.of(48_000, 16, 2), length, 0, bdl);
        bench.streamStart(SD);
        bench.link.step(5_000_000L);

        assertThat(bench.readb(sdRegister(SD, SD_STS)) & SD_STS_FIFOE).isEqualTo(SD_STS_FIFOE);
        assertThat(bench.hda.failures()).isEmpty();
    }

    @Test
    void shouldRefuseABufferThatWrapsPast2To64AtRun()
    {
        // H08: address + length overflows 2^64.
        final HdaBench bench = new HdaBench();
        bench.initChip();
        final long bdl = bench.memory.allocate(BDL_ENTRY_BYTES * 2, 128);
        bench.memory.writeLong(bdl, -100L);
        bench.memory.writeInt(bdl + 8, 0x1000);
        bench.streamReset(SD);
        bench.streamSetup(SD, TAG, StreamFormat.of(48_000, 16, 2), 0x1000, 0, bdl);
        bench.streamStart(SD);

        assertThat(bench.readb(sdRegister(SD, SD_STS)) & SD_STS_DESE).isEqualTo(SD_STS_DESE);
        assertThat(bench.hda.running(SD)).isFalse();
    }

    @Test
    void shouldNotAnswerAVerbToAMissingCodecOrWithTheIndirectBit()
    {
        // C01: no codec at address 3, and bit 27 (indirect node addressing) set: no response, the driver times out.
        final HdaBench bench = new HdaBench();
        final TestCodec codec = new TestCodec(0);
        bench.hda.attachCodec(codec);
        bench.initChip();
        bench.queueVerbs(0x300f0000, 0x080f0000);

        assertThat(bench.updateRirb()).isEmpty();
        assertThat(codec.verbs()).isEmpty();
        assertThat(bench.readw(CORBRP)).as("both were fetched").isEqualTo(2);
        assertThat(bench.hda.failures()).isEmpty();
    }

    @Test
    void shouldDropResponsesWhileRirbDmaIsOffAndUnsolicitedOnesWhileUnsolIsOff()
    {
        // H25.
        final HdaBench bench = new HdaBench();
        final TestCodec codec = new TestCodec(0);
        bench.hda.attachCodec(codec);
        bench.initChip();
        bench.writeb(RIRBCTL, RIRBCTL_RINTCTL);
        bench.queueVerbs(0x000f0000);
        assertThat(codec.verbs()).hasSize(1);
        assertThat(bench.readw(RIRBWP)).isZero();
        bench.writeb(RIRBCTL, RIRBCTL_DMAEN | RIRBCTL_RINTCTL);
        bench.writel(GCTL, bench.readl(GCTL) & ~GCTL_UNSOL);
        codec.sendUnsolicited(0x1234);
        assertThat(bench.readw(RIRBWP)).isZero();
    }

    @Test
    void shouldStayBoundedUnderAStormOfUnsolicitedResponses()
    {
        // C02 / S08: 10^5 jack events: the RIRB ring wraps, nothing is allocated per event, the newest is kept.
        final HdaBench bench = new HdaBench();
        final TestCodec codec = new TestCodec(0);
        bench.hda.attachCodec(codec);
        bench.initChip();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final int events = 100_000;
        for (int i = 0; i < 1000; i++)
        {
            codec.sendUnsolicited(i);
        }
        final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 1000; i < events; i++)
        {
            codec.sendUnsolicited(i);
        }
        final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

        assertThat(allocated).as("bytes allocated for 99,000 events").isLessThan(64 * 1024);
        final int wp = bench.readw(RIRBWP);
        assertThat(wp).isEqualTo(events % RING_ENTRIES);
        final long at = bench.rb + HdaBench.RIRB_OFFSET + 8L * wp;
        assertThat(bench.memory.readInt(at)).as("the newest event").isEqualTo(events - 1);
        assertThat(bench.memory.readInt(at + 4)).isEqualTo(RIRB_EX_UNSOL);
        assertThat(bench.hda.droppedUnsolicited()).isZero();
        assertThat(bench.hda.failures()).isEmpty();
    }

    @Test
    void shouldStarveStreamsAndRingsWhileBusMasteringIsOff()
    {
        // H26: COMMAND.BME cleared mid-stream: no DMA at all; the output stream starves with FIFOE, LPIB holds, the
        // CORB is not fetched; with BME back, data moves again.
        final HdaBench bench = new HdaBench();
        final TestCodec codec = new TestCodec(0, TAG);
        bench.hda.attachCodec(codec);
        final boolean[] master = {true};
        bench.hda.setBusMaster(() -> master[0]);
        bench.initChip();
        final long bdl = bench.buildBdl(bench.memory.allocate(2 * 1920, 128), 2, 1920);
        bench.streamReset(SD);
        bench.streamSetup(SD, TAG, StreamFormat.of(48_000, 16, 2), 2 * 1920, 1, bdl);
        bench.streamStart(SD);
        bench.link.step(5_000_000L);
        final int lpib = bench.hda.lpib(SD);
        final int received = codec.received().length;
        assertThat(lpib).isEqualTo(960);

        master[0] = false;
        bench.link.step(5_000_000L);
        bench.queueVerbs(0x000f0000);
        assertThat(bench.hda.lpib(SD)).isEqualTo(lpib);
        assertThat(codec.received()).hasSize(received);
        assertThat(bench.readb(sdRegister(SD, SD_STS)) & SD_STS_FIFOE).isEqualTo(SD_STS_FIFOE);
        assertThat(codec.verbs()).as("the CORB is not fetched").isEmpty();

        master[0] = true;
        bench.writeb(sdRegister(SD, SD_STS), SD_STS_FIFOE);
        bench.queueVerbs(0x000f0004);
        bench.link.step(5_000_000L);
        assertThat(bench.hda.lpib(SD)).isNotEqualTo(lpib);
        assertThat(codec.verbs()).isNotEmpty();
        assertThat(bench.hda.failures()).isEmpty();
    }
}
