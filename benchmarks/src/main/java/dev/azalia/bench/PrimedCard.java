package dev.azalia.bench;

import dev.azalia.driver.AzxConfig;
import dev.azalia.hda.VirtualLinkClock;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineCodec;
import dev.azalia.machine.MachineConfig;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.time.VirtualNanoClock;

/**
 * A virtual machine whose card has a 48 kHz stereo stream prepared and its whole buffer written, so that the next
 * link tick starts it: the common setup of the period-path benchmarks. Autosuspend is off, the policy is
 * {@code live}.
 *
 * <p>Used from one benchmark thread.
 */
final class PrimedCard
{
    static final int RATE = 48_000;
    static final int CHANNELS = 2;
    static final int PERIODS = 4;

    final Machine machine;
    final VirtualLinkClock link;
    final PcmSubstream pcm;
    final byte[] period;

    private PrimedCard(final Machine machine, final VirtualLinkClock link, final PcmSubstream pcm,
        final byte[] period)
    {
        this.machine = machine;
        this.link = link;
        this.pcm = pcm;
        this.period = period;
    }

    /**
     * Boots the machine, prepares the stream and fills its buffer with a period of {@code fill}-patterned bytes.
     *
     * @param clock        the virtual clock.
     * @param output       where the DAC's samples go.
     * @param periodFrames frames per period.
     * @param fill         the byte pattern's step (byte i is {@code i * fill}).
     * @return the primed card.
     * @throws Exception when the card does not come up.
     */
    static PrimedCard boot(final VirtualNanoClock clock, final DacOutput output, final int periodFrames,
        final int fill) throws Exception
    {
        return boot(clock, output, periodFrames, fill, MachineCodec.DEFAULT);
    }

    /**
     * As {@link #boot(VirtualNanoClock, DacOutput, int, int)} on the given codecs.
     *
     * @param clock        the virtual clock.
     * @param output       where the DAC's (or listened pin's) samples go.
     * @param periodFrames frames per period.
     * @param fill         the byte pattern's step.
     * @param codec        the codecs on the link.
     * @return the primed card.
     * @throws Exception when the card does not come up.
     */
    static PrimedCard boot(final VirtualNanoClock clock, final DacOutput output, final int periodFrames,
        final int fill, final MachineCodec codec) throws Exception
    {
        final Machine machine = Machine.boot(MachineConfig.of(true, output).withClock(clock)
            .withDriverConfig(new AzxConfig(-1, "live")).withCodec(codec));
        if (null == machine.chip() || null != machine.chip().probeFailure())
        {
            throw new IllegalStateException("the emulated card did not come up");
        }
        final VirtualLinkClock link = new VirtualLinkClock(machine.controller(), clock);
        final PcmSubstream pcm = machine.chip().card().pcms().get(0).playback();
        pcm.open();
        pcm.hwParams(new HwParams(RATE, CHANNELS, 16, periodFrames, PERIODS));
        // start when the buffer is full, as aplay sets its start threshold
        pcm.setStartThresholdFrames((long)periodFrames * PERIODS);
        pcm.prepare();
        final byte[] period = new byte[periodFrames * CHANNELS * 2];
        for (int i = 0; i < period.length; i++)
        {
            period[i] = (byte)(i * fill);
        }
        for (int i = 0; i < PERIODS; i++)
        {
            pcm.writei(period, 0, periodFrames);
        }
        return new PrimedCard(machine, link, pcm, period);
    }
}
