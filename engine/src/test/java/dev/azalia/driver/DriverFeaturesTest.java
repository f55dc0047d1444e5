package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineCodec;
import dev.azalia.machine.MachineConfig;
import dev.azalia.pci.PowerState;
import dev.azalia.sound.CardPowerState;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.sound.SoundException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The driver's behaviours beyond plain playback, each on a virtual machine: the command transport's fallbacks,
 * the position-buffer fallback, runtime PM, mixer controls and jack events.
 */
final class DriverFeaturesTest
{
    private static final String SRC = "snd_hda_intel 0000:00:1b.0: ";
    private final CapturingDacOutput out = new CapturingDacOutput();
    private FaultyBar faulty;

    private Machine boot(final boolean withFaults) throws InterruptedException
    {
        MachineConfig config = MachineConfig.of(true, out);
        if (withFaults)
        {
            config = config.withBarFilter(region -> faulty = new FaultyBar(region));
        }
        return Machine.boot(config);
    }

    private static byte[] play(final Machine m, final int frames) throws Exception
    {
        final PcmSubstream s = m.chip().card().pcms().get(0).playback();
        s.open();
        s.hwParams(new HwParams(48_000, 2, 16, 256, 4));
        s.prepare();
        final byte[] pcm = new byte[frames * 4];
        new SplittableRandom(frames).nextBytes(pcm);
        int written = 0;
        while (written < frames)
        {
            written += s.writei(pcm, written * 4, Math.min(500, frames - written));
        }
        s.drain();
        s.hwFree();
        s.close();
        return pcm;
    }

    private static int lineIndex(final Machine m, final String text)
    {
        final List<String> lines = m.log().lines();
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).contains(text))
            {
                return i;
            }
        }
        return -1;
    }

    @Test
    void shouldSwitchToPollingModeWhenInterruptsAreLost() throws Exception
    {
        try (Machine m = boot(false))
        {
            m.chip().irq().disableIrq();

            assertThat(m.chip().card().controlWrite("Master Playback Volume", new long[] {0x40, 0x40})).isTrue();

            assertThat(m.log().lines()).anyMatch(l -> l.startsWith(SRC
                + "azx_get_response timeout, switching to polling mode: last cmd=0x002")
                && l.matches(".*last cmd=0x[0-9a-f]{8}$"));
            assertThat(m.chip().transport().pollingMode()).isTrue();
            assertThat(m.codec().ampGain(2, true)).isEqualTo(0x40);
            assertThat(m.codec().ampGain(2, false)).isEqualTo(0x40);
        }
    }

    @Test
    void shouldGoStraightToSingleCommandModeAndStopTheRingsWhenAGenericCodecNeverAnswers() throws Exception
    {
        try (Machine m = boot(true))
        {
            faulty.killRirbDma();

            // Linux 6.1 resets the bus only where a codec driver allows it (allow_bus_reset); the generic one does
            // not: the verb that timed out fails with EIO (so does the put), the next ones go through the
            // immediate command interface
            assertThatThrownBy(() -> m.chip().card().controlWrite("Master Playback Volume", new long[] {0x30, 0x31}))
                .isInstanceOf(SoundException.class).hasMessage("no response from codec 0");

            final int polling = lineIndex(m, "azx_get_response timeout, switching to polling mode");
            final int msi = lineIndex(m, "No response from codec, disabling MSI: last cmd=");
            final int single = lineIndex(m, "azx_get_response timeout, switching to single_cmd mode: last cmd=");
            assertThat(polling).isNotNegative().isLessThan(msi);
            assertThat(msi).isLessThan(single);
            assertThat(lineIndex(m, "No response from codec, resetting bus")).isNegative();
            assertThat(m.chip().transport().singleCmdMode()).isTrue();
            // snd_hdac_bus_stop_cmd_io: RIRB DMA and CORB run off, unsolicited responses off
            assertThat(m.chip().registers().readb(HdaRegisters.RIRBCTL) & HdaRegisters.RIRBCTL_DMAEN).isZero();
            assertThat(m.chip().registers().readb(HdaRegisters.CORBCTL) & HdaRegisters.CORBCTL_RUN).isZero();
            assertThat(m.chip().registers().readl(HdaRegisters.GCTL) & HdaRegisters.GCTL_UNSOL).isZero();

            assertThat(m.chip().card().controlWrite("Master Playback Volume", new long[] {0x20, 0x21})).isTrue();
            assertThat(m.codec().ampGain(2, true)).isEqualTo(0x20);
            assertThat(m.codec().ampGain(2, false)).isEqualTo(0x21);
        }
    }

    @Test
    void shouldResetTheBusThenFallBackToSingleCommandModeWhereTheCodecDriverAllowsIt() throws Exception
    {
        try (Machine m = boot(true))
        {
            // as the Conexant and Senary codec drivers do (hda_bus.allow_bus_reset)
            m.chip().transport().setAllowBusReset(true);
            faulty.killRirbDma();

            // the verb times out, polling finds nothing, the bus is reset (and the codec's caches replayed), which
            // times out again: the transport falls back to the immediate command interface, where it succeeds
            assertThat(m.chip().card().controlWrite("Master Playback Volume", new long[] {0x30, 0x31})).isTrue();

            final int polling = lineIndex(m, "azx_get_response timeout, switching to polling mode");
            final int msi = lineIndex(m, "No response from codec, disabling MSI: last cmd=");
            final int reset = lineIndex(m, "No response from codec, resetting bus: last cmd=");
            final int single = lineIndex(m, "azx_get_response timeout, switching to single_cmd mode: last cmd=");
            // azx_rirb_get_response's order: polling mode, then MSI off (INTx), then the bus reset, then single_cmd
            assertThat(polling).isNotNegative().isLessThan(msi);
            assertThat(msi).isLessThan(reset);
            assertThat(m.chip().pci().msiEnabled()).isFalse();
            assertThat(reset).isLessThan(single);
            assertThat(m.chip().transport().singleCmdMode()).isTrue();
            assertThat(m.codec().ampGain(2, true)).isEqualTo(0x30);
            assertThat(m.codec().ampGain(2, false)).isEqualTo(0x31);

            assertThat(m.chip().card().controlWrite("Master Playback Volume", new long[] {0x20, 0x21})).isTrue();
            assertThat(m.codec().ampGain(2, true)).isEqualTo(0x20);
            assertThat(m.codec().ampGain(2, false)).isEqualTo(0x21);
            assertThat(m.codec().powerState(1) & 0xf).as("the codec was replayed to D0 after the reset").isZero();
        }
    }

    @Test
    void shouldFallBackToLpibWhenThePositionBufferIsInvalid() throws Exception
    {
        try (Machine m = boot(true))
        {
            faulty.killPositionBuffer();
            final byte[] pcm = play(m, 20_000);

            assertThat(m.log().lines()).contains(SRC + "Invalid position buffer, using LPIB read method instead.");
            assertThat(m.chip().usesPositionBuffer()).isFalse();
            assertThat(Arrays.copyOf(out.bytes(), pcm.length)).isEqualTo(pcm);
        }
    }

    @Test
    void shouldAutosuspendAnIdleRuntimePmControllerWhoseCodecReleasesTheLinkAndResumeItToPlay() throws Exception
    {
        try (Machine m = Machine.boot(MachineConfig.of(true, out).withController(AzxIdentity.PCH)
            .withCodec(MachineCodec.DEFAULT.withClockStop())))
        {
            final VirtualKernel kernel = (VirtualKernel)m.kernel();
            kernel.runUntil(m.clock().nanoTime() + 2_000_000_000L);

            assertThat(m.hdaDevice().powerState()).isEqualTo(PowerState.D3HOT);
            assertThat(m.chip().card().powerState()).as("runtime PM leaves the card in D0").isEqualTo(CardPowerState.D0);
            assertThat(m.chip().registers().readw(HdaRegisters.GCAP)).as("a D3hot BAR reads all-ones")
                .isEqualTo(0xffff);
            assertThat(m.chip().runtimePm().suspends()).isEqualTo(1);

            final byte[] pcm = play(m, 12_000);

            assertThat(m.chip().runtimePm().resumes()).isEqualTo(1);
            assertThat(Arrays.copyOf(out.bytes(), pcm.length)).isEqualTo(pcm);
            assertThat(m.log().contains("Unable to sync register")).isFalse();
            kernel.runUntil(m.clock().nanoTime() + 2_000_000_000L);
            assertThat(m.chip().runtimePm().suspends()).isEqualTo(2);
            assertThat(m.failures()).isEmpty();
        }
    }

    @Test
    void shouldNeverRuntimeSuspendTheIch9ControllerOnlyItsCodec() throws Exception
    {
        try (Machine m = Machine.boot(MachineConfig.of(true, out).withCodec(MachineCodec.DEFAULT.withClockStop())))
        {
            final VirtualKernel kernel = (VirtualKernel)m.kernel();
            kernel.runUntil(m.clock().nanoTime() + 2_000_000_000L);

            assertThat(m.hdaDevice().powerState()).isEqualTo(PowerState.D0);
            assertThat(m.chip().chipInitialised()).isTrue();
            assertThat(m.chip().runtimePm().suspends()).isZero();
            assertThat(m.chip().runtimePm().codecSuspends()).isEqualTo(1);
            assertThat(m.chip().codecs().get(0).suspended()).isTrue();

            final byte[] pcm = play(m, 12_000);

            assertThat(Arrays.copyOf(out.bytes(), pcm.length)).isEqualTo(pcm);
            assertThat(m.chip().runtimePm().resumes()).isZero();
            assertThat(m.failures()).isEmpty();
        }
    }

    @Test
    void shouldKeepARuntimePmControllerUpWhileItsCodecCannotStopTheClock() throws Exception
    {
        try (Machine m = Machine.boot(MachineConfig.of(true, out).withController(AzxIdentity.AMD_HDMI)))
        {
            final VirtualKernel kernel = (VirtualKernel)m.kernel();
            kernel.runUntil(m.clock().nanoTime() + 2_000_000_000L);

            assertThat(m.hdaDevice().powerState()).isEqualTo(PowerState.D0);
            assertThat(m.chip().runtimePm().suspends()).isZero();
            assertThat(m.chip().runtimePm().codecSuspends()).isEqualTo(1);
        }
    }

    @Test
    void shouldMuteAndAttenuateTheOutputThroughMixerControls() throws Exception
    {
        try (Machine m = boot(false))
        {
            assertThat(m.chip().card().controlRead("Master Playback Volume")).containsExactly(0x4a, 0x4a);
            assertThat(m.chip().card().controlWrite("Master Playback Switch", new long[] {0, 0})).isTrue();
            assertThat(m.codec().ampMuted(2, true)).isTrue();
            assertThat(m.chip().card().controlRead("Master Playback Switch")).containsExactly(0, 0);

            final byte[] pcm = play(m, 6_000);

            assertThat(Arrays.copyOf(out.bytes(), pcm.length)).isEqualTo(new byte[pcm.length]);
            assertThatThrownBy(() -> m.chip().card().controlWrite("Master Playback Volume", new long[] {0x4b, 0}))
                .isInstanceOf(SoundException.class);
        }
    }

    @Test
    void shouldHandleAJackEventInUnsolicitedWork() throws Exception
    {
        try (Machine m = Machine.boot(MachineConfig.of(true, out).withCodec(MachineCodec.DEFAULT.forJackEvents(true))))
        {
            final CodecDriver codec = m.chip().codecs().get(0);
            assertThat(codec.jackPresent()).isTrue();

            m.codec().jackEvent(3, false);
            m.kernel().flushWork();

            assertThat(m.chip().transport().unsolicitedCount()).isEqualTo(1);
            assertThat(codec.jackEvents()).isEqualTo(1);
            assertThat(codec.jackPresent()).isFalse();
        }
    }
}
