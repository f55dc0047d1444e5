package dev.azalia.driver;

import dev.azalia.hda.HdaController;
import dev.azalia.hda.HdaRegisters;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.BarSpec;
import dev.azalia.pci.DmaMemory;
import dev.azalia.pci.InterruptLine;
import dev.azalia.pci.IoMapping;
import dev.azalia.pci.MmioFaultException;
import dev.azalia.pci.MmioTrace;
import dev.azalia.pci.PciAddress;
import dev.azalia.pci.PciBus;
import dev.azalia.pci.PciDevice;
import dev.azalia.pci.RescanResult;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a stale BAR mapping does to the HD-Audio controller: the register window moved, the old mapping now reads
 * all-ones, and Linux's CORB reset handshake through it fails exactly as reported on the mailing list.
 */
final class StaleBarTest
{
    private final VirtualNanoClock clock = new VirtualNanoClock();
    private final KernelLog log = new KernelLog(clock);
    private final DmaMemory memory = new DmaMemory(1 << 20);
    private final StringBuilder traceText = new StringBuilder();
    private final PciBus bus = new PciBus(log, clock, 0xfe00_0000L, 0x0010_0000L, InterruptLine.Delivery.INLINE);
    private final PciDevice[] device = new PciDevice[1];
    private final HdaController hda = new HdaController(memory, clock, l -> device[0].intxPin().setLevel(l), log);

    StaleBarTest()
    {
        device[0] = new PciDevice(new PciAddress(0, 0, 0x1b, 0), 0x8086, 0x293e, 3, 0x040300, 1,
            List.of(new BarSpec(0, HdaRegisters.BAR_SIZE, hda)));
        bus.setTrace(MmioTrace.to(traceText, clock));
        bus.addDevice(device[0]);
    }

    @Test
    void shouldReadAllOnesAtCorbrpThroughTheOldMappingAfterRelocation()
    {
        final IoMapping old = bus.ioremap(device[0], 0);
        final long oldBase = device[0].barAddress(0);
        old.write32(HdaRegisters.GCTL, HdaRegisters.GCTL_CRST);
        assertThat(old.read16(HdaRegisters.CORBRP)).isEqualTo(0);

        final RescanResult result = bus.rescan();

        assertThat(device[0].barAddress(0)).isNotEqualTo(oldBase);
        assertThat(result.moves()).hasSize(1);
        assertThat(log.lines()).contains(String.format("pci 0000:00:1b.0: BAR 0 updated: %#x -> %#x", oldBase,
            device[0].barAddress(0)));
        assertThat(old.read16(HdaRegisters.CORBRP)).isEqualTo(0xffff);
        assertThat(old.read32(HdaRegisters.INTSTS)).isEqualTo(0xffffffff);
        assertThat(old.read8(HdaRegisters.RIRBSTS)).isEqualTo(0xff);
        assertThat(old.staleAccesses()).isEqualTo(3);
        assertThat(bus.staleAccesses()).isEqualTo(3);

        final IoMapping remapped = bus.ioremap(device[0], 0);
        assertThat(remapped.read16(HdaRegisters.GCAP)).isEqualTo(0x4401);
    }

    @Test
    void shouldFailTheLinuxCorbResetHandshakeThroughAStaleMapping()
    {
        final IoMapping old = bus.ioremap(device[0], 0);
        old.write32(HdaRegisters.GCTL, HdaRegisters.GCTL_CRST);
        bus.rescan();

        final VirtualKernel kernel = new VirtualKernel(clock, log);
        final CommandTransport transport = new CommandTransport(new ChipRegisters(old), memory, kernel,
            "snd_hda_intel 0000:00:1b.0", new MmioGate(kernel), new ReentrantLock());
        transport.init();

        assertThat(log.lines()).contains("snd_hda_intel 0000:00:1b.0: CORB reset timeout#2, CORBRP = 65535");
        assertThat(log.contains("CORB reset timeout#1")).as("bit 15 reads set at once: all-ones").isFalse();
    }

    @Test
    void shouldPassTheHandshakeThroughTheNewMapping()
    {
        bus.ioremap(device[0], 0).write32(HdaRegisters.GCTL, HdaRegisters.GCTL_CRST);
        bus.rescan();
        final IoMapping fresh = bus.ioremap(device[0], 0);
        final VirtualKernel kernel = new VirtualKernel(clock, log);
        new CommandTransport(new ChipRegisters(fresh), memory, kernel, "snd_hda_intel 0000:00:1b.0",
            new MmioGate(kernel), new ReentrantLock()).init();
        assertThat(log.contains("CORB reset timeout")).isFalse();
    }

    @Test
    void shouldFaultOnAccessAfterIounmap()
    {
        final IoMapping mapping = bus.ioremap(device[0], 0);
        mapping.unmap();
        assertThatThrownBy(() -> mapping.read16(HdaRegisters.CORBRP))
            .isInstanceOf(MmioFaultException.class)
            .hasMessageContaining("page fault");
        assertThat(bus.faults()).isEqualTo(1);
    }

    @Test
    void shouldTraceEveryAccessAfterTheRemapAtTheNewBase()
    {
        final IoMapping before = bus.ioremap(device[0], 0);
        before.read16(HdaRegisters.GCAP);
        before.unmap();
        bus.rescan();
        final long newBase = device[0].barAddress(0);
        final IoMapping after = bus.ioremap(device[0], 0);
        after.read16(HdaRegisters.GCAP);
        after.write32(HdaRegisters.GCTL, HdaRegisters.GCTL_CRST);
        after.read16(HdaRegisters.STATESTS);

        final List<String> lines = Arrays.asList(traceText.toString().split("\n"));
        final int remap = lines.indexOf(lines.stream().filter(l -> l.startsWith("MAP ") && l.contains(
            String.format(" %#x ", newBase))).findFirst().orElseThrow());
        final List<String> accesses = lines.subList(remap + 1, lines.size()).stream()
            .filter(l -> l.startsWith("R ") || l.startsWith("W ")).toList();
        assertThat(accesses).hasSize(3);
        assertThat(accesses).allSatisfy(l -> assertThat(Long.decode(l.split(" ")[4]) & ~0x3fffL).isEqualTo(newBase));
    }
}
