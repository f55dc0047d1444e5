package dev.azalia.pci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azalia.log.KernelLog;
import dev.azalia.time.VirtualNanoClock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PciBusTest
{
    private static final long WINDOW = 0xfe00_0000L;
    private static final int WINDOW_SIZE = 0x10_0000;
    private static final PciAddress HDA = new PciAddress(0, 0, 0x1b, 0);

    private final VirtualNanoClock clock = new VirtualNanoClock();
    private final KernelLog log = new KernelLog(clock);
    private final PciBus bus = new PciBus(log, clock, WINDOW, WINDOW_SIZE, InterruptLine.Delivery.INLINE);

    @AfterEach
    void closeBus()
    {
        bus.close();
    }

    static PciDevice device(final int slot, final int deviceId, final int sizeBytes, final RegisterFile regs)
    {
        return new PciDevice(new PciAddress(0, 0, slot, 0), 0x8086, deviceId, 3, 0x040300, 1,
            List.of(new BarSpec(0, sizeBytes, regs)));
    }

    static PciDevice at(final PciDevice d, final long firmwareAddress)
    {
        d.config().write(ConfigSpace.BAR0, 4, (int)firmwareAddress);
        return d;
    }

    @Test
    void shouldAssignBarsAlignedToTheirSizeAndLogAsLinux()
    {
        final PciDevice small = device(2, 1, 0x100, new RegisterFile(0x100));
        final PciDevice card = device(0x1b, 0x293e, 0x4000, new RegisterFile(0x4000));
        final PciDevice page = device(3, 2, 0x1000, new RegisterFile(0x1000));
        bus.addDevice(small);
        bus.addDevice(card);
        bus.addDevice(page);
        assertThat(small.barAddress(0)).isEqualTo(0xfe000000L);
        assertThat(card.barAddress(0)).isEqualTo(0xfe004000L);
        assertThat(page.barAddress(0)).isEqualTo(0xfe001000L);
        for (final PciDevice d : bus.devices())
        {
            assertThat(d.barAddress(0) % d.barSize(0)).isZero();
            assertThat(d.memoryDecodeEnabled()).isTrue();
            assertThat(d.bus()).isSameAs(bus);
        }
        assertThat(log.lines()).contains("pci 0000:00:1b.0: BAR 0: assigned [mem 0xfe004000-0xfe007fff]");
        assertThat(card.interruptLine()).isNotNull();
        assertThat(card.config().read(ConfigSpace.INTERRUPT_LINE, 1)).isEqualTo(card.interruptLine().irq());
    }

    @Test
    void shouldKeepFirmwareAssignment()
    {
        final PciDevice card = at(device(0x1b, 0x293e, 0x4000, new RegisterFile(0x4000)), 0xfe0bc000L);
        bus.addDevice(card);
        assertThat(card.barAddress(0)).isEqualTo(0xfe0bc000L);
        assertThat(log.lines()).contains("pci 0000:00:1b.0: reg 0x10: [mem 0xfe0bc000-0xfe0bffff]");
    }

    @Test
    void shouldRouteAccessesToTheDecodingDevice()
    {
        final RegisterFile a = new RegisterFile(0x4000);
        final RegisterFile b = new RegisterFile(0x4000);
        final PciDevice da = device(0x1b, 0x293e, 0x4000, a);
        final PciDevice db = device(0x1c, 0x293e, 0x4000, b);
        bus.addDevice(da);
        bus.addDevice(db);
        bus.mmio().write(db.barAddress(0) + 0x20, 4, 0xcafef00d);
        assertThat(b.read(0x20, 4)).isEqualTo(0xcafef00d);
        assertThat(a.read(0x20, 4)).isZero();
        assertThat(bus.mmio().read(db.barAddress(0) + 0x21, 1)).isEqualTo(0xf0);
        assertThat(bus.mmio().read(db.barAddress(0) + 0x22, 2)).isEqualTo(0xcafe);
        assertThat(bus.mmio().undecodedReads()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"1, 255", "2, 65535", "4, -1"})
    void shouldReadAllOnesWhereNobodyDecodesAndDropWrites(final int width, final int allOnes)
    {
        final RegisterFile regs = new RegisterFile(0x4000);
        final PciDevice card = device(0x1b, 0x293e, 0x4000, regs);
        bus.addDevice(card);
        final long nowhere = WINDOW + 0x8_0000;
        assertThat(bus.mmio().read(nowhere, width)).isEqualTo(allOnes);
        bus.mmio().write(nowhere, width, 0);
        assertThat(bus.mmio().read(card.barAddress(0) + 0x3ffe, 4)).as("straddles the BAR end").isEqualTo(-1);
        assertThat(bus.mmio().undecodedReads()).isEqualTo(2);
        assertThat(bus.mmio().undecodedWrites()).isEqualTo(1);
        assertThat(regs.writes()).isZero();
    }

    @Test
    void shouldStopDecodingWhenMemoryDisabledOrNotInD0()
    {
        final RegisterFile regs = new RegisterFile(0x4000);
        final PciDevice card = device(0x1b, 0x293e, 0x4000, regs);
        bus.addDevice(card);
        final long reg = card.barAddress(0) + 0x4a;
        bus.mmio().write(reg, 2, 0x0042);
        final int cmd = card.config().read(ConfigSpace.COMMAND, 2);
        card.config().write(ConfigSpace.COMMAND, 2, cmd & ~ConfigSpace.COMMAND_MEMORY);
        assertThat(bus.mmio().read(reg, 2)).isEqualTo(0xffff);
        card.config().write(ConfigSpace.COMMAND, 2, cmd);
        assertThat(bus.mmio().read(reg, 2)).isEqualTo(0x0042);
        card.setPowerState(PowerState.D3HOT);
        assertThat(bus.mmio().read(reg, 2)).as("CORBRP in D3hot").isEqualTo(0xffff);
        bus.mmio().write(reg, 2, 0);
        card.setPowerState(PowerState.D0);
        assertThat(bus.mmio().read(reg, 2)).isEqualTo(0x0042);
        assertThat(bus.mmio().undecodedReads()).isEqualTo(2);
        assertThat(bus.mmio().undecodedWrites()).isEqualTo(1);
    }

    @Test
    void shouldMoveEveryMovableBarToADifferentAddressOnEachRescan()
    {
        final PciDevice card = device(0x1b, 0x293e, 0x4000, new RegisterFile(0x4000));
        bus.addDevice(card);
        long previous = card.barAddress(0);
        for (int i = 0; i < 4; i++)
        {
            clock.advance(1_000);
            final RescanResult r = bus.rescan();
            assertThat(r.assignmentFound()).isTrue();
            assertThat(r.moves()).hasSize(1);
            final BarMove move = r.moves().get(0);
            assertThat(move.oldAddress()).isEqualTo(previous);
            assertThat(move.newAddress()).isNotEqualTo(previous).isEqualTo(card.barAddress(0));
            assertThat(move.newAddress() % 0x4000).isZero();
            assertThat(move.newAddress()).isBetween(WINDOW, WINDOW + WINDOW_SIZE - 0x4000);
            assertThat(move.nanos()).isEqualTo(clock.nanoTime());
            assertThat(card.memoryDecodeEnabled()).isTrue();
            previous = move.newAddress();
        }
        assertThat(bus.barMoves()).hasSize(4);
        assertThat(log.lines()).contains("pci 0000:00:1b.0: BAR 0 updated: 0xfe000000 -> 0xfe0fc000",
            "pci 0000:00:1b.0: BAR 0 updated: 0xfe0fc000 -> 0xfe000000");
    }

    @Test
    void shouldClearMemoryDecodeWhileRewritingTheBar()
    {
        final RegisterFile regs = new RegisterFile(0x4000);
        final PciDevice card = device(0x1b, 0x293e, 0x4000, regs);
        bus.addDevice(card);
        final List<String> seen = new ArrayList<>();
        card.config().setWriteObserver((offset, width, value) ->
        {
            if (ConfigSpace.BAR0 == offset)
            {
                seen.add("BAR write, decode " + card.memoryDecodeEnabled() + ", new base reads 0x"
                    + Integer.toHexString(bus.mmio().read(value & 0xffff_fff0L, 4)));
            }
        });
        bus.rescan();
        assertThat(seen).containsExactly("BAR write, decode false, new base reads 0xffffffff");
        assertThat(card.memoryDecodeEnabled()).isTrue();
        assertThat(bus.mmio().read(card.barAddress(0), 4)).isZero();
    }

    @Test
    void shouldPrepareChildrenFirstAndFinishParentsFirst()
    {
        final List<String> journal = Collections.synchronizedList(new ArrayList<>());
        final TestDriver drv = new TestDriver(0x8086, 0x293e, journal, false);
        final PciDevice d1 = device(0x1b, 0x293e, 0x4000, new RegisterFile(0x4000));
        final PciDevice d2 = device(0x1c, 0x293e, 0x4000, new RegisterFile(0x4000));
        final PciDevice d3 = device(0x1d, 0x293e, 0x4000, new RegisterFile(0x4000));
        bus.addDevice(d1);
        bus.addDevice(d2);
        bus.addDevice(d3);
        bus.registerDriver(drv);
        journal.clear();
        final RescanResult r = bus.rescan();
        assertThat(journal).containsExactly("prepare 0000:00:1d.0", "prepare 0000:00:1c.0", "prepare 0000:00:1b.0",
            "done 0000:00:1b.0", "done 0000:00:1c.0", "done 0000:00:1d.0");
        assertThat(r.moves()).hasSize(3);
        for (final PciDevice d : List.of(d1, d2, d3))
        {
            assertThat(drv.mapping(d).physBase()).isEqualTo(d.barAddress(0));
        }
        assertThat(bus.faults()).isZero();
        assertThat(bus.staleAccesses()).isZero();
    }

    @Test
    void shouldHonourBarFixed()
    {
        final TestDriver drv = new TestDriver(0x8086, 0x293e, true);
        final PciDevice card = device(0x1b, 0x293e, 0x4000, new RegisterFile(0x4000));
        final PciDevice other = device(0x02, 0x1111, 0x4000, new RegisterFile(0x4000));
        bus.addDevice(card);
        bus.addDevice(other);
        bus.registerDriver(drv);
        final long cardBase = card.barAddress(0);
        final long otherBase = other.barAddress(0);
        final RescanResult r = bus.rescan();
        assertThat(card.barAddress(0)).isEqualTo(cardBase);
        assertThat(other.barAddress(0)).as("unbound: movable").isNotEqualTo(otherBase);
        assertThat(r.moves()).extracting(BarMove::device).containsExactly(other.address());
        assertThat(drv.journal()).containsExactly("probe 0000:00:1b.0");
    }

    @Test
    void shouldRelocateMovableBarToMakeRoomForHotPluggedDevice()
    {
        final List<String> journal = Collections.synchronizedList(new ArrayList<>());
        final TestDriver cardDrv = new TestDriver(0x8086, 0x293e, journal, false);
        final TestDriver fixedDrv = new TestDriver(0x8086, 0x1111, journal, true);
        final RegisterFile regs = new RegisterFile(0x4000);
        final PciDevice card = at(device(0x1b, 0x293e, 0x4000, regs), 0xfe040000L);
        final PciDevice blocker = at(device(0x02, 0x1111, 0x4000, new RegisterFile(0x4000)), 0xfe0c0000L);
        bus.addDevice(card);
        bus.addDevice(blocker);
        bus.registerDriver(cardDrv);
        bus.registerDriver(fixedDrv);
        cardDrv.mapping(card).write32(0x20, 0x1234);
        final PciDevice big = device(0x1c, 0x2222, 0x8_0000, new RegisterFile(0x100));
        journal.clear();

        assertThat(bus.hotPlug(big)).isTrue();

        assertThat(big.barAddress(0)).isEqualTo(0xfe000000L);
        assertThat(big.memoryDecodeEnabled()).isTrue();
        assertThat(bus.devices()).contains(big);
        assertThat(card.barAddress(0)).isEqualTo(0xfe0fc000L);
        assertThat(blocker.barAddress(0)).isEqualTo(0xfe0c0000L);
        assertThat(journal).containsExactly("prepare 0000:00:1b.0", "done 0000:00:1b.0");
        assertThat(log.lines()).contains("pci 0000:00:1b.0: BAR 0 updated: 0xfe040000 -> 0xfe0fc000",
            "pci 0000:00:1c.0: BAR 0: assigned [mem 0xfe000000-0xfe07ffff]");
        assertThat(cardDrv.mapping(card).read32(0x20)).isEqualTo(0x1234);
        assertThat(bus.staleAccesses()).isZero();
    }

    @Test
    void shouldRefuseHotPlugWhenTheBarInTheWayIsFixed()
    {
        final TestDriver cardDrv = new TestDriver(0x8086, 0x293e, true);
        final PciDevice card = at(device(0x1b, 0x293e, 0x4000, new RegisterFile(0x4000)), 0xfe040000L);
        final PciDevice blocker = at(device(0x02, 0x1111, 0x4000, new RegisterFile(0x4000)), 0xfe0c0000L);
        bus.addDevice(card);
        bus.addDevice(blocker);
        bus.registerDriver(cardDrv);
        bus.registerDriver(new TestDriver(0x8086, 0x1111, true));
        final PciDevice big = device(0x1c, 0x2222, 0x8_0000, new RegisterFile(0x100));

        assertThat(bus.hotPlug(big)).isFalse();

        assertThat(log.lines()).contains("pci 0000:00:1c.0: BAR 0: no space for [mem size 0x00080000]",
            "pci 0000:00:1c.0: BAR 0: failed to assign [mem size 0x00080000]");
        assertThat(bus.devices()).doesNotContain(big);
        assertThat(big.bus()).isNull();
        assertThat(card.barAddress(0)).isEqualTo(0xfe040000L);
        assertThat(bus.barMoves()).isEmpty();
    }

    @Test
    void shouldHitTheNewOwnerThroughAStaleMapping()
    {
        final PciDevice card = device(0x1b, 0x293e, 0x4000, new RegisterFile(0x4000));
        bus.addDevice(card);
        final IoMapping old = bus.ioremap(card, 0);
        bus.rescan();
        final RegisterFile victimRegs = new RegisterFile(0x4000);
        final PciDevice victim = device(0x1c, 0x3333, 0x4000, victimRegs);
        assertThat(bus.hotPlug(victim)).isTrue();
        assertThat(victim.barAddress(0)).isEqualTo(old.physBase());
        old.write32(0x20, 0xdead);
        assertThat(victimRegs.read(0x20, 4)).as("silent corruption").isEqualTo(0xdead);
        assertThat(old.staleAccesses()).isEqualTo(1);
    }

    @Test
    void shouldReportDriverHookFailuresAndStillFinishTheRescan()
    {
        final List<String> journal = Collections.synchronizedList(new ArrayList<>());
        final PciDevice card = device(0x1b, 0x293e, 0x4000, new RegisterFile(0x4000));
        bus.addDevice(card);
        final PciDriver failing = new PciDriver()
        {
            @Override
            public String name()
            {
                return "failing";
            }

            @Override
            public boolean matches(final PciDevice device)
            {
                return true;
            }

            @Override
            public void probe(final PciDevice device)
            {
                journal.add("probe");
            }

            @Override
            public void remove(final PciDevice device)
            {
                journal.add("remove");
            }

            @Override
            public boolean barFixed(final PciDevice device, final int bar)
            {
                return false;
            }

            @Override
            public void rescanPrepare(final PciDevice device)
            {
                throw new IllegalStateException("prepare boom");
            }

            @Override
            public void rescanDone(final PciDevice device)
            {
                journal.add("done");
            }
        };
        bus.registerDriver(failing);
        assertThat(journal).containsExactly("probe");
        final RescanResult r = bus.rescan();
        assertThat(r.failures()).extracting(Throwable::getMessage).containsExactly("prepare boom");
        assertThat(r.moves()).hasSize(1);
        assertThat(journal).containsExactly("probe", "done");
        assertThat(log.contains("rescan_prepare failed")).isTrue();
        assertThat(bus.driverFailures()).hasSize(1);
    }

    @Test
    void shouldBindLaterDevicesAndLogFailedProbes()
    {
        final TestDriver drv = new TestDriver(0x8086, 0x293e, false);
        bus.registerDriver(drv);
        final PciDevice card = device(0x1b, 0x293e, 0x4000, new RegisterFile(0x4000));
        bus.addDevice(card);
        assertThat(card.driver()).isSameAs(drv);
        final PciDevice other = device(0x1c, 0x4444, 0x4000, new RegisterFile(0x4000));
        bus.addDevice(other);
        bus.registerDriver(new PciDriver()
        {
            @Override
            public String name()
            {
                return "broken";
            }

            @Override
            public boolean matches(final PciDevice device)
            {
                return 0x4444 == device.deviceId();
            }

            @Override
            public void probe(final PciDevice device) throws Exception
            {
                throw new java.io.IOException("-EIO");
            }

            @Override
            public void remove(final PciDevice device)
            {
            }
        });
        assertThat(other.driver()).isNull();
        assertThat(log.contains("pci 0000:00:1c.0: probe with driver broken failed with error")).isTrue();
    }

    @Test
    void shouldUnbindAndStopDecodingOnRemove()
    {
        final TestDriver drv = new TestDriver(0x8086, 0x293e, false);
        final PciDevice card = device(0x1b, 0x293e, 0x4000, new RegisterFile(0x4000));
        bus.addDevice(card);
        bus.registerDriver(drv);
        final long base = card.barAddress(0);
        bus.removeDevice(card);
        assertThat(drv.journal()).containsExactly("probe 0000:00:1b.0", "remove 0000:00:1b.0");
        assertThat(card.driver()).isNull();
        assertThat(card.bus()).isNull();
        assertThat(bus.devices()).isEmpty();
        assertThat(bus.mmio().read(base, 4)).isEqualTo(-1);
    }
}
