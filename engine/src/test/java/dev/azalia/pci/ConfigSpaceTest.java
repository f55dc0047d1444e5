package dev.azalia.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ConfigSpaceTest
{
    private static PciDevice hda()
    {
        return new PciDevice(new PciAddress(0, 0, 0x1b, 0), 0x8086, 0x293e, 3, 0x040300, 1,
            List.of(new BarSpec(0, 0x4000, new RegisterFile(0x4000))));
    }

    @Test
    void shouldExposeIdentityAndClass()
    {
        final PciDevice d = hda();
        final ConfigSpace c = d.config();
        assertThat(c.read(ConfigSpace.VENDOR_ID, 2)).isEqualTo(0x8086);
        assertThat(c.read(ConfigSpace.DEVICE_ID, 2)).isEqualTo(0x293e);
        assertThat(c.read(0, 4)).isEqualTo(0x293e8086);
        assertThat(c.read(ConfigSpace.REVISION_ID, 1)).isEqualTo(3);
        assertThat(c.read(0x0a, 2)).isEqualTo(0x0403);
        assertThat(d.classCode()).isEqualTo(0x040300);
        assertThat(d.vendorId()).isEqualTo(0x8086);
        assertThat(d.deviceId()).isEqualTo(0x293e);
        assertThat(c.read(ConfigSpace.INTERRUPT_PIN, 1)).isEqualTo(1);
        assertThat(d.name()).isEqualTo("0000:00:1b.0");
    }

    @Test
    void shouldKeepIdentityReadOnly()
    {
        final ConfigSpace c = hda().config();
        c.write(ConfigSpace.VENDOR_ID, 4, 0x12345678);
        c.write(ConfigSpace.INTERRUPT_PIN, 1, 3);
        assertThat(c.read(0, 4)).isEqualTo(0x293e8086);
        assertThat(c.read(ConfigSpace.INTERRUPT_PIN, 1)).isEqualTo(1);
    }

    @Test
    void shouldAnswerBarSizingProtocol()
    {
        final ConfigSpace c = hda().config();
        c.write(ConfigSpace.BAR0, 4, 0xffffffff);
        assertThat(c.read(ConfigSpace.BAR0, 4)).isEqualTo(~(0x4000 - 1));
        c.write(ConfigSpace.BAR0, 4, 0xfebf0007);
        assertThat(c.read(ConfigSpace.BAR0, 4)).as("type bits 0 = 32-bit non-prefetchable memory")
            .isEqualTo(0xfebf0000);
        c.write(ConfigSpace.BAR0 + 4, 4, 0xffffffff);
        assertThat(c.read(ConfigSpace.BAR0 + 4, 4)).as("unimplemented BAR 1").isZero();
    }

    @Test
    void shouldWriteOnlyCommandBitsThatExist()
    {
        final PciDevice d = hda();
        final ConfigSpace c = d.config();
        assertThat(c.read(ConfigSpace.COMMAND, 2)).isZero();
        c.write(ConfigSpace.COMMAND, 2, 0xffff);
        assertThat(c.read(ConfigSpace.COMMAND, 2)).isEqualTo(ConfigSpace.COMMAND_MEMORY
            | ConfigSpace.COMMAND_BUS_MASTER | ConfigSpace.COMMAND_INTX_DISABLE);
        assertThat(d.memoryDecodeEnabled()).isTrue();
        c.write(ConfigSpace.COMMAND, 1, 0);
        assertThat(d.memoryDecodeEnabled()).isFalse();
        assertThat(c.read(ConfigSpace.STATUS, 2) & ConfigSpace.STATUS_CAP_LIST).isNotZero();
    }

    @Test
    void shouldWalkCapabilityListToPowerManagement()
    {
        final PciDevice d = hda();
        final ConfigSpace c = d.config();
        final int cap = c.read(ConfigSpace.CAPABILITIES_POINTER, 1);
        assertThat(c.read(cap, 1)).as("PM capability ID").isEqualTo(0x01);
        final AtomicInteger resets = new AtomicInteger();
        d.setPowerOnResetHook(resets::incrementAndGet);
        c.write(cap + 4, 2, 3);
        assertThat(d.powerState()).isEqualTo(PowerState.D3HOT);
        assertThat(resets).hasValue(0);
        c.write(cap + 4, 2, 0);
        assertThat(d.powerState()).isEqualTo(PowerState.D0);
        assertThat(resets).hasValue(1);
    }

    @Test
    void shouldChainAnMsiCapabilityAfterPowerManagementAsIch9Does()
    {
        final ConfigSpace c = hda().config();
        final int pm = c.read(ConfigSpace.CAPABILITIES_POINTER, 1);
        final int msi = c.read(pm + 1, 1);
        assertThat(msi).as("next after PM").isEqualTo(0x60);
        assertThat(c.read(msi, 1)).as("MSI capability ID").isEqualTo(0x05);
        assertThat(c.read(msi + 1, 1)).as("end of list").isZero();
        assertThat(c.read(msi + 2, 2)).as("64-bit capable, one message, disabled").isEqualTo(0x0080);
        c.write(msi + 2, 2, 0xffff);
        assertThat(c.read(msi + 2, 2)).as("only MSI Enable and Multiple Message Enable are writable")
            .isEqualTo(0x00f1);
        c.write(msi + 4, 4, 0xffffffff);
        c.write(msi + 8, 4, 0x12345678);
        c.write(msi + 0xc, 4, 0xffffffff);
        assertThat(c.read(msi + 4, 4)).as("address bits 1:0 read 0").isEqualTo(0xfffffffc);
        assertThat(c.read(msi + 8, 4)).isEqualTo(0x12345678);
        assertThat(c.read(msi + 0xc, 4)).as("16-bit data").isEqualTo(0xffff);
        assertThatThrownBy(() -> c.defineRegister(0x64, 4, 0, ~0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRunResetHookOnlyWhenLeavingD3()
    {
        final PciDevice d = hda();
        final AtomicInteger resets = new AtomicInteger();
        d.setPowerOnResetHook(resets::incrementAndGet);
        d.setPowerState(PowerState.D1);
        d.setPowerState(PowerState.D0);
        assertThat(resets).hasValue(0);
        d.setPowerState(PowerState.D3COLD);
        assertThat(d.powerState()).isEqualTo(PowerState.D3COLD);
        assertThat(d.config().read(ConfigSpace.PMCSR, 2) & 3).isEqualTo(3);
        d.setPowerState(PowerState.D0);
        assertThat(resets).hasValue(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x101, 0x03, 0xff, -4})
    void shouldReadAllOnesForBadOffsetsAndDropWrites(final int offset)
    {
        final ConfigSpace c = hda().config();
        assertThat(c.read(offset, 2)).isEqualTo(0xffff);
        c.write(offset, 2, 0);
        assertThat(c.badAccesses()).isEqualTo(2);
        assertThat(c.read(0, 4)).isEqualTo(0x293e8086);
    }

    @Test
    void shouldRejectUnsupportedWidths()
    {
        final ConfigSpace c = hda().config();
        assertThatThrownBy(() -> c.read(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.write(0, 8, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDefineVendorRegisters()
    {
        final ConfigSpace c = hda().config();
        c.defineRegister(0x40, 1, 0x01, 0x01);
        c.defineRegister(0x44, 1, 0x00, 0x07);
        c.write(0x44, 1, 0xff);
        assertThat(c.read(0x40, 1)).isEqualTo(1);
        assertThat(c.read(0x44, 1)).isEqualTo(7);
        assertThatThrownBy(() -> c.defineRegister(ConfigSpace.PMCSR, 2, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
