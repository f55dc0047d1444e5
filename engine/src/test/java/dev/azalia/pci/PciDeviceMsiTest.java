package dev.azalia.pci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azalia.log.KernelLog;
import dev.azalia.time.VirtualNanoClock;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class PciDeviceMsiTest
{
    private final KernelLog log = new KernelLog(new VirtualNanoClock());
    private final InterruptLine intx = new InterruptLine(16, log, InterruptLine.Delivery.INLINE);
    private final PciDevice device = new PciDevice(new PciAddress(0, 0, 0x1b, 0), 0x8086, 0x293e, 3, 0x040300, 1,
        List.of(new BarSpec(0, 0x4000, new RegisterFile(0x4000))));

    @AfterEach
    void close()
    {
        intx.close();
        if (null != device.msiLine())
        {
            device.msiLine().close();
        }
    }

    @Test
    void shouldProgramTheCapabilityAndDisableIntxWhenMsiIsEnabled()
    {
        device.attachInterruptLine(intx);
        final InterruptLine msi = device.enableMsi();
        final ConfigSpace c = device.config();
        assertThat(msi.irq()).isEqualTo(16 + PciDevice.MSI_IRQ_OFFSET);
        assertThat(c.read(ConfigSpace.MSI_CONTROL, 2) & ConfigSpace.MSI_CONTROL_ENABLE).isNotZero();
        assertThat(c.read(ConfigSpace.MSI_ADDRESS_LO, 4)).isEqualTo(0xfee00000);
        assertThat(c.read(ConfigSpace.MSI_ADDRESS_HI, 4)).isZero();
        assertThat(c.read(ConfigSpace.COMMAND, 2) & ConfigSpace.COMMAND_INTX_DISABLE).isNotZero();
        assertThat(device.msiEnabled()).isTrue();
        device.disableMsi();
        assertThat(device.msiEnabled()).isFalse();
        assertThat(c.read(ConfigSpace.COMMAND, 2) & ConfigSpace.COMMAND_INTX_DISABLE).isZero();
    }

    @Test
    void shouldSendOneMessagePerRiseAndLeaveIntxDeasserted()
    {
        device.attachInterruptLine(intx);
        final InterruptLine msi = device.enableMsi();
        msi.requestIrq("snd_hda_intel", () -> true);
        device.intxPin().setLevel(true);
        assertThat(msi.edgeCount()).isEqualTo(1);
        assertThat(msi.counts().handled()).isEqualTo(1);
        assertThat(intx.asserted()).as("INTx is not used while MSI is on").isFalse();
        assertThat(device.config().read(ConfigSpace.STATUS, 2) & ConfigSpace.STATUS_INTERRUPT).isZero();
        device.intxPin().setLevel(true);
        assertThat(msi.edgeCount()).as("no message while the condition stays raised").isEqualTo(1);
        device.intxPin().setLevel(false);
        device.intxPin().setLevel(true);
        assertThat(msi.edgeCount()).isEqualTo(2);
    }

    @Test
    void shouldFallBackToTheAssertedIntxLevelWhenMsiIsDisabled()
    {
        device.attachInterruptLine(intx);
        device.enableMsi();
        device.intxPin().setLevel(true);
        assertThat(intx.asserted()).isFalse();
        device.disableMsi();
        assertThat(intx.asserted()).as("a pending condition reaches INTx").isTrue();
        assertThat(device.config().read(ConfigSpace.STATUS, 2) & ConfigSpace.STATUS_INTERRUPT).isNotZero();
    }

    @Test
    void shouldLeaveTheWakeOfADeferringAssertionOnIntxToWakeDeferred() throws InterruptedException
    {
        final InterruptLine threaded = new InterruptLine(17, log, InterruptLine.Delivery.THREADED);
        try
        {
            device.attachInterruptLine(threaded);
            final CountDownLatch handled = new CountDownLatch(1);
            threaded.requestIrq("snd_hda_intel", () ->
            {
                device.intxPin().setLevel(false);
                handled.countDown();
                return true;
            });

            device.intxPin().setLevelDeferringWake(true);
            final boolean left = threaded.wakePending();
            device.intxPin().wakeDeferred();

            assertThat(left).as("the wake-up left on the INTx line").isTrue();
            assertThat(threaded.wakePending()).isFalse();
            assertThat(handled.await(60, TimeUnit.SECONDS)).isTrue();
        }
        finally
        {
            threaded.close();
        }
    }

    @Test
    void shouldLeaveTheWakeOfADeferringAssertionOnMsiToWakeDeferred() throws InterruptedException
    {
        final InterruptLine threaded = new InterruptLine(17, log, InterruptLine.Delivery.THREADED);
        try
        {
            device.attachInterruptLine(threaded);
            final InterruptLine msi = device.enableMsi();
            final CountDownLatch handled = new CountDownLatch(1);
            msi.requestIrq("snd_hda_intel", () ->
            {
                handled.countDown();
                return true;
            });

            device.intxPin().setLevelDeferringWake(true);
            final boolean left = msi.wakePending();
            device.intxPin().wakeDeferred();

            assertThat(left).as("the wake-up left on the MSI vector").isTrue();
            assertThat(msi.wakePending()).isFalse();
            assertThat(handled.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(msi.edgeCount()).isEqualTo(1);
        }
        finally
        {
            threaded.close();
        }
    }
}
