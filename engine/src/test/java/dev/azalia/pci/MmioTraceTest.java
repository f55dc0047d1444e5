package dev.azalia.pci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azalia.log.KernelLog;
import dev.azalia.time.VirtualNanoClock;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class MmioTraceTest
{
    private final VirtualNanoClock clock = new VirtualNanoClock(5_000_000_000L);
    private final KernelLog log = new KernelLog(clock);
    private final PciBus bus = new PciBus(log, clock, 0xfe00_0000L, 0x10_0000, InterruptLine.Delivery.INLINE);
    private final StringBuilder out = new StringBuilder();
    private final long tid = Thread.currentThread().getId();

    @AfterEach
    void closeBus()
    {
        bus.close();
    }

    private List<String> lines()
    {
        return out.length() == 0 ? List.of() : Arrays.asList(out.toString().split("\n"));
    }

    @Test
    void shouldWriteLinuxMmiotraceLines()
    {
        final PciDevice card = PciBusTest.device(0x1b, 0x293e, 0x4000, new RegisterFile(0x4000));
        bus.addDevice(card);
        bus.setTrace(MmioTrace.to(out, clock));
        final IoMapping m = bus.ioremap(card, 0);
        clock.advance(1_000_016_000L);
        m.write16(0x4a, 0x8000);
        clock.advance(999_000L);
        final int v = m.read16(0x4a);
        m.write8(0x4c, 0x02);
        m.read32(0x08);
        bus.trace().mark("rescan begins");
        clock.advance(1_000L);
        m.unmap();
        final String virt = Long.toHexString(m.virtBase());
        final int id = m.mapId();
        assertThat(v).isEqualTo(0x8000);
        assertThat(lines()).containsExactly(
            "MAP 0.000000 " + id + " 0xfe000000 0x" + virt + " 0x4000 0x0 " + tid,
            "W 2 1.000016 " + id + " 0xfe00004a 0x8000 0x0 " + tid,
            "R 2 1.001015 " + id + " 0xfe00004a 0x8000 0x0 " + tid,
            "W 1 1.001015 " + id + " 0xfe00004c 0x2 0x0 " + tid,
            "R 4 1.001015 " + id + " 0xfe000008 0x0 0x0 " + tid,
            "MARK 1.001015 rescan begins",
            "UNMAP 1.001016 " + id + " 0x0 " + tid);
    }

    @Test
    void shouldShowAllOnesAndTheNewBaseAcrossARelocation()
    {
        final TestDriver drv = new TestDriver(0x8086, 0x293e, false);
        final PciDevice card = PciBusTest.device(0x1b, 0x293e, 0x4000, new RegisterFile(0x4000));
        bus.addDevice(card);
        bus.registerDriver(drv);
        bus.setTrace(MmioTrace.to(out, clock));
        final IoMapping before = drv.mapping(card);
        before.read32(0x24);
        bus.rescan();
        final IoMapping after = drv.mapping(card);
        after.read32(0x24);
        after.write32(0x20, 0x80000000);
        final String newBase = Long.toHexString(after.physBase());
        assertThat(after.physBase()).isEqualTo(0xfe0fc000L);
        final List<String> l = lines();
        assertThat(l.get(0)).startsWith("R 4 0.000000 " + before.mapId() + " 0xfe000024 0x0 ");
        assertThat(l.get(1)).startsWith("UNMAP 0.000000 " + before.mapId() + " 0x0 ");
        assertThat(l.get(2)).startsWith("MAP 0.000000 " + after.mapId() + " 0x" + newBase + " ");
        for (final String line : l.subList(3, l.size()))
        {
            assertThat(line).matches("[RW] 4 0\\.000000 " + after.mapId() + " 0x" + newBase.substring(0, 5)
                + "\\p{XDigit}{3} .*");
        }
        assertThat(l).hasSize(5);
    }

    @Test
    void shouldRecordNothingWhenOff()
    {
        final PciDevice card = PciBusTest.device(0x1b, 0x293e, 0x4000, new RegisterFile(0x4000));
        bus.addDevice(card);
        final MmioTrace on = MmioTrace.to(out, clock);
        bus.setTrace(on);
        bus.setTrace(MmioTrace.off());
        final IoMapping m = bus.ioremap(card, 0);
        m.write32(0, 1);
        m.read32(0);
        m.unmap();
        MmioTrace.off().mark("nothing");
        assertThat(MmioTrace.off().enabled()).isFalse();
        assertThat(on.enabled()).isTrue();
        assertThat(out.length()).isZero();
    }

    @Test
    void shouldCountSinkFailuresWithoutThrowing()
    {
        final List<String> attempts = new ArrayList<>();
        final Appendable failing = new Appendable()
        {
            @Override
            public Appendable append(final CharSequence csq) throws IOException
            {
                attempts.add(csq.toString());
                throw new IOException("disk full");
            }

            @Override
            public Appendable append(final CharSequence csq, final int start, final int end) throws IOException
            {
                throw new IOException("disk full");
            }

            @Override
            public Appendable append(final char c) throws IOException
            {
                throw new IOException("disk full");
            }
        };
        final MmioTrace t = MmioTrace.to(failing, clock);
        t.mark("a");
        t.read(4, 1, 0xfe000000L, -1);
        assertThat(t.appendFailures()).isEqualTo(2);
        assertThat(attempts).containsExactly("MARK 0.000000 a\n",
            "R 4 0.000000 1 0xfe000000 0xffffffff 0x0 " + tid + "\n");
    }
}
