package dev.azalia.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azalia.log.KernelLog;
import dev.azalia.time.VirtualNanoClock;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class IoMappingTest
{
    private final VirtualNanoClock clock = new VirtualNanoClock();
    private final KernelLog log = new KernelLog(clock);
    private final PciBus bus = new PciBus(log, clock, 0xfe00_0000L, 0x10_0000, InterruptLine.Delivery.INLINE);
    private final RegisterFile regs = new RegisterFile(0x4000);
    private PciDevice card;

    @BeforeEach
    void addCard()
    {
        card = PciBusTest.device(0x1b, 0x293e, 0x4000, regs);
        bus.addDevice(card);
    }

    @AfterEach
    void closeBus()
    {
        bus.close();
    }

    @Test
    void shouldAccessLittleEndianAtEveryWidth()
    {
        final IoMapping m = bus.ioremap(card, 0);
        m.write32(0x40, 0x11223344);
        assertThat(m.read8(0x40)).isEqualTo(0x44);
        assertThat(m.read8(0x43)).isEqualTo(0x11);
        assertThat(m.read16(0x42)).isEqualTo(0x1122);
        m.write8(0x41, 0xaa);
        m.write16(0x42, 0xbbcc);
        assertThat(m.read32(0x40)).isEqualTo(0xbbccaa44);
        assertThat(m.physBase()).isEqualTo(card.barAddress(0));
        assertThat(m.sizeBytes()).isEqualTo(0x4000);
        assertThat(m.virtBase()).isGreaterThanOrEqualTo(PciBus.VIRT_BASE);
        assertThat(m.mapped()).isTrue();
    }

    @Test
    void shouldPassMisalignedOffsetsUnchanged()
    {
        final IoMapping m = bus.ioremap(card, 0);
        m.write16(0x21, 0xbeef);
        assertThat(regs.read(0x21, 2)).isEqualTo(0xbeef);
        assertThat(m.read32(0x23)).isEqualTo(regs.read(0x23, 4));
    }

    @Test
    void shouldFaultAfterIounmapWithOffsetThreadAndRecord() throws InterruptedException
    {
        final IoMapping m = bus.ioremap(card, 0);
        m.unmap();
        assertThat(m.mapped()).isFalse();
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread irq = new Thread(() ->
        {
            try
            {
                m.read32(0x24);
            }
            catch (final MmioFaultException e)
            {
                thrown.set(e);
            }
        }, "irq/16-snd_hda_intel");
        irq.start();
        irq.join();
        final MmioFaultException e = (MmioFaultException)thrown.get();
        assertThat(e).isNotNull();
        assertThat(e.offset()).isEqualTo(0x24);
        assertThat(e.threadName()).isEqualTo("irq/16-snd_hda_intel");
        assertThat(e.getMessage()).startsWith("BUG: unable to handle page fault for address: 0x"
            + Long.toHexString(m.virtBase() + 0x24)).contains("offset 0x24", "irq/16-snd_hda_intel", "iounmap");
        assertThat(bus.faults()).isEqualTo(1);
        final MmioFault f = bus.faultRecords().get(0);
        assertThat(f.offset()).isEqualTo(0x24);
        assertThat(f.threadName()).isEqualTo("irq/16-snd_hda_intel");
        assertThat(f.write()).isFalse();
        assertThat(f.device()).isEqualTo(card.address());
        assertThat(log.lines()).contains("kernel: " + e.getMessage());
        assertThatThrownBy(() -> m.write8(0, 1)).isInstanceOf(MmioFaultException.class);
        assertThat(bus.faults()).isEqualTo(2);
        assertThat(regs.writes()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x4000, 0x3ffd, -4, 0x7fff_fff0})
    void shouldFaultBeyondTheMappedRange(final int offset)
    {
        final IoMapping m = bus.ioremap(card, 0);
        assertThatThrownBy(() -> m.read32(offset)).isInstanceOf(MmioFaultException.class)
            .hasMessageContaining("beyond the 16384-byte ioremap");
        assertThat(bus.faults()).isEqualTo(1);
        assertThat(regs.reads()).isZero();
    }

    @Test
    void shouldTreatASecondIounmapAsABug()
    {
        final IoMapping m = bus.ioremap(card, 0);
        m.unmap();
        assertThatThrownBy(m::unmap).isInstanceOf(MmioFaultException.class)
            .hasMessageStartingWith("iounmap: bad address 0x" + Long.toHexString(m.virtBase()));
        assertThat(bus.faults()).isEqualTo(1);
    }

    @Test
    void shouldRejectUnsupportedWidths()
    {
        final IoMapping m = bus.ioremap(card, 0);
        assertThatThrownBy(() -> m.read(0, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.write(0, 3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus.mmio().read(card.barAddress(0), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadAllOnesAndCountThroughAStaleMappingAfterRescan()
    {
        final IoMapping old = bus.ioremap(card, 0);
        old.write32(0x20, 0x1234);
        final RescanResult r = bus.rescan();
        assertThat(r.moves()).hasSize(1);
        assertThat(old.mapped()).isTrue();
        assertThat(old.read32(0x20)).isEqualTo(0xffffffff);
        assertThat(old.read16(0x20)).isEqualTo(0xffff);
        assertThat(old.read8(0x20)).isEqualTo(0xff);
        old.write32(0x20, 0);
        assertThat(old.staleAccesses()).isEqualTo(4);
        assertThat(bus.staleAccesses()).isEqualTo(4);
        final IoMapping fresh = bus.ioremap(card, 0);
        assertThat(fresh.physBase()).isEqualTo(r.moves().get(0).newAddress());
        assertThat(fresh.read32(0x20)).isEqualTo(0x1234);
        assertThat(fresh.staleAccesses()).isZero();
        assertThat(fresh.mapId()).isNotEqualTo(old.mapId());
    }

    @Test
    void shouldCountStaleAccessesWhileNotInD0()
    {
        final IoMapping m = bus.ioremap(card, 0);
        card.setPowerState(PowerState.D3HOT);
        assertThat(m.read16(0x4a)).isEqualTo(0xffff);
        assertThat(m.staleAccesses()).isEqualTo(1);
        card.setPowerState(PowerState.D0);
        assertThat(m.read16(0x4a)).isZero();
        assertThat(m.staleAccesses()).isEqualTo(1);
    }

    @Test
    void shouldContainDeviceModelFailures()
    {
        final PciDevice broken = new PciDevice(new PciAddress(0, 0, 2, 0), 0x8086, 1, 0, 0x040300, 1,
            List.of(new BarSpec(0, 0x100, new MmioRegion()
            {
                @Override
                public int read(final int offset, final int widthBytes)
                {
                    throw new IllegalStateException("model bug");
                }

                @Override
                public void write(final int offset, final int widthBytes, final int value)
                {
                    throw new IllegalStateException("model bug");
                }
            })));
        bus.addDevice(broken);
        final IoMapping m = bus.ioremap(broken, 0);
        assertThat(m.read32(0)).isEqualTo(-1);
        m.write8(0, 0);
        assertThat(bus.mmio().deviceFailures()).hasSize(2);
        assertThat(log.contains("pci 0000:00:02.0: MMIO read at 0x")).isTrue();
    }
}
