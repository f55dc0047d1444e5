package dev.azalia.driver;

import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;
import dev.azalia.pci.InterruptLine;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmSubstream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller's interrupt as {@code snd_hda_intel} sets it up: MSI by default ({@code check_msi}), INTx with
 * {@code enable_msi=0}, and the switch from MSI to INTx when a codec stops answering.
 */
final class MsiTest
{
    private static final String SRC = "snd_hda_intel 0000:00:1b.0: ";
    private final CapturingDacOutput out = new CapturingDacOutput();

    private Machine boot(final AzxConfig driver, final AzxIdentity controller) throws InterruptedException
    {
        return Machine.boot(MachineConfig.of(true, out).withDriverConfig(driver).withController(controller));
    }

    private static void play(final Machine m, final int frames) throws Exception
    {
        final PcmSubstream s = m.chip().card().pcms().get(0).playback();
        s.open();
        s.hwParams(new HwParams(48_000, 2, 16, 256, 4));
        s.prepare();
        final byte[] pcm = new byte[frames * 4];
        int written = 0;
        while (written < frames)
        {
            written += s.writei(pcm, written * 4, Math.min(500, frames - written));
        }
        s.drain();
        s.hwFree();
        s.close();
    }

    @Test
    void shouldDeliverPeriodInterruptsByMsiByDefault() throws Exception
    {
        try (Machine m = boot(AzxConfig.DEFAULT, AzxIdentity.ICH9))
        {
            final InterruptLine msi = m.hdaDevice().msiLine();
            assertThat(msi).as("pci_enable_msi before request_irq").isNotNull();
            assertThat(m.chip().irq()).isSameAs(msi);
            assertThat(m.hdaDevice().msiEnabled()).isTrue();
            assertThat(m.log().lines()).anyMatch(l -> l.startsWith(SRC + "card 0: HDA Intel at 0x")
                && l.endsWith(" irq " + msi.irq()));
            final long before = m.chip().periodInterrupts();
            play(m, 256 * 12);
            assertThat(m.chip().periodInterrupts() - before).isGreaterThanOrEqualTo(8);
            assertThat(msi.edgeCount()).isGreaterThanOrEqualTo(8);
            assertThat(msi.counts().handled()).isGreaterThanOrEqualTo(8);
            assertThat(m.hdaDevice().interruptLine().counts().delivered()).as("INTx never delivered").isZero();
            assertThat(m.failures()).isEmpty();
        }
    }

    @Test
    void shouldUseMsiOnEveryModelledIdentity() throws Exception
    {
        for (final AzxIdentity id : AzxIdentity.values())
        {
            try (Machine m = boot(AzxConfig.DEFAULT, id))
            {
                assertThat(m.hdaDevice().msiEnabled()).as(id.shortName()).isTrue();
                assertThat(m.log().lines()).as(id.shortName()).noneMatch(l -> l.endsWith("Disabling MSI"));
            }
        }
    }

    @Test
    void shouldKeepIntxWithEnableMsiZero() throws Exception
    {
        try (Machine m = boot(AzxConfig.DEFAULT.withEnableMsi(0), AzxIdentity.ICH9))
        {
            assertThat(m.hdaDevice().msiLine()).isNull();
            assertThat(m.hdaDevice().msiEnabled()).isFalse();
            final InterruptLine intx = m.hdaDevice().interruptLine();
            assertThat(m.chip().irq()).isSameAs(intx);
            play(m, 256 * 12);
            assertThat(intx.counts().handled()).isGreaterThanOrEqualTo(8);
            assertThat(m.failures()).isEmpty();
        }
    }

    @Test
    void shouldSwitchToIntxWhenTheMsiFallbackRuns() throws Exception
    {
        try (Machine m = boot(AzxConfig.DEFAULT, AzxIdentity.ICH9))
        {
            final MsiFallback fallback = m.chip().irqs();
            assertThat(fallback.disableMsi(0x001f0500)).isTrue();
            assertThat(m.log().lines()).contains(SRC + "No response from codec, disabling MSI: last cmd=0x001f0500");
            final InterruptLine intx = m.hdaDevice().interruptLine();
            assertThat(m.chip().irq()).isSameAs(intx);
            assertThat(m.hdaDevice().msiEnabled()).isFalse();
            final long msiBefore = m.hdaDevice().msiLine().edgeCount();
            play(m, 256 * 12);
            assertThat(intx.counts().handled()).as("interrupts now come by INTx").isGreaterThanOrEqualTo(8);
            assertThat(m.hdaDevice().msiLine().edgeCount()).isEqualTo(msiBefore);
            assertThat(fallback.disableMsi(0x001f0500)).as("MSI already off: the chain goes on").isFalse();
            assertThat(m.failures()).isEmpty();
        }
    }

    @Test
    void shouldReleaseAndReenableMsiAcrossSystemSuspend() throws Exception
    {
        try (Machine m = boot(AzxConfig.DEFAULT, AzxIdentity.ICH9))
        {
            m.systemSuspend();
            assertThat(m.hdaDevice().msiEnabled()).as("azx_suspend: pci_disable_msi").isFalse();
            m.systemResume();
            assertThat(m.hdaDevice().msiEnabled()).isTrue();
            final InterruptLine msi = m.hdaDevice().msiLine();
            final long before = msi.counts().handled();
            play(m, 256 * 12);
            assertThat(msi.counts().handled() - before).isGreaterThanOrEqualTo(8);
            assertThat(m.failures()).isEmpty();
        }
    }
}
