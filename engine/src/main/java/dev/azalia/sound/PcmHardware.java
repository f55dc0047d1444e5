package dev.azalia.sound;

import java.util.Arrays;

/**
 * What a PCM device supports ({@code snd_pcm_hardware}), given by the driver at {@link Card#newPcm}. Parameters
 * outside these constraints make {@link PcmSubstream#hwParams} fail with {@link Errno#EINVAL}.
 *
 * @param rates            supported sample rates in frames per second.
 * @param channelsMin      fewest channels.
 * @param channelsMax      most channels.
 * @param bitsPerSample    supported sample widths in bits.
 * @param periodBytesMin   smallest period in bytes.
 * @param periodBytesMax   largest period in bytes.
 * @param periodsMin       fewest periods per buffer.
 * @param periodsMax       most periods per buffer.
 * @param bufferBytesMax   largest buffer in bytes.
 * @param resumeSupported  {@code SNDRV_PCM_INFO_RESUME}: the driver can restart a suspended stream from its saved
 *                         position ({@link TriggerCommand#RESUME}); without it applications must re-prepare.
 * @param channelsStep     the channel count must be a multiple of this ({@code snd_pcm_hw_constraint_step}); 1 for
 *                         none.
 */
public record PcmHardware(int[] rates, int channelsMin, int channelsMax, int[] bitsPerSample, int periodBytesMin,
                          int periodBytesMax, int periodsMin, int periodsMax, int bufferBytesMax,
                          boolean resumeSupported, int channelsStep)
{
    /**
     * Copies the arrays so the record is immutable.
     */
    public PcmHardware
    {
        rates = rates.clone();
        bitsPerSample = bitsPerSample.clone();
        channelsStep = Math.max(1, channelsStep);
    }

    /**
     * Constraints without a channel step.
     *
     * @param rates           supported sample rates in frames per second.
     * @param channelsMin     fewest channels.
     * @param channelsMax     most channels.
     * @param bitsPerSample   supported sample widths in bits.
     * @param periodBytesMin  smallest period in bytes.
     * @param periodBytesMax  largest period in bytes.
     * @param periodsMin      fewest periods per buffer.
     * @param periodsMax      most periods per buffer.
     * @param bufferBytesMax  largest buffer in bytes.
     * @param resumeSupported {@code SNDRV_PCM_INFO_RESUME}.
     */
    public PcmHardware(final int[] rates, final int channelsMin, final int channelsMax, final int[] bitsPerSample,
        final int periodBytesMin, final int periodBytesMax, final int periodsMin, final int periodsMax,
        final int bufferBytesMax, final boolean resumeSupported)
    {
        this(rates, channelsMin, channelsMax, bitsPerSample, periodBytesMin, periodBytesMax, periodsMin, periodsMax,
            bufferBytesMax, resumeSupported, 1);
    }

    /**
     * The supported rates.
     *
     * @return a copy.
     */
    @Override
    public int[] rates()
    {
        return rates.clone();
    }

    /**
     * The supported sample widths.
     *
     * @return a copy.
     */
    @Override
    public int[] bitsPerSample()
    {
        return bitsPerSample.clone();
    }

    /**
     * Checks {@code p} against these constraints.
     *
     * @param p the requested parameters.
     * @throws SoundException {@link Errno#EINVAL} naming the first violated constraint.
     */
    public void validate(final HwParams p)
    {
        if (null == p)
        {
            throw new SoundException(Errno.EINVAL, "hw_params: no parameters");
        }
        if (!contains(rates, p.sampleRate()))
        {
            throw new SoundException(Errno.EINVAL, "hw_params: rate " + p.sampleRate() + " Hz not in "
                + Arrays.toString(rates));
        }
        if (p.channels() < channelsMin || p.channels() > channelsMax || p.channels() % channelsStep != 0)
        {
            throw new SoundException(Errno.EINVAL, "hw_params: " + p.channels() + " channels not in ["
                + channelsMin + ", " + channelsMax + "]" + (channelsStep > 1 ? " in steps of " + channelsStep : ""));
        }
        if (!contains(bitsPerSample, p.bitsPerSample()) || p.sampleBytes() == 0)
        {
            throw new SoundException(Errno.EINVAL, "hw_params: " + p.bitsPerSample() + "-bit samples not in "
                + Arrays.toString(bitsPerSample));
        }
        if (p.periodFrames() <= 0 || (long)p.periodFrames() * p.frameBytes() > Integer.MAX_VALUE
            || p.periodBytes() < periodBytesMin || p.periodBytes() > periodBytesMax)
        {
            throw new SoundException(Errno.EINVAL, "hw_params: period of " + p.periodFrames() + " frames ("
                + (long)p.periodFrames() * p.frameBytes() + " bytes) not in [" + periodBytesMin + ", "
                + periodBytesMax + "] bytes");
        }
        if (p.periods() < periodsMin || p.periods() > periodsMax)
        {
            throw new SoundException(Errno.EINVAL, "hw_params: " + p.periods() + " periods not in ["
                + periodsMin + ", " + periodsMax + "]");
        }
        final long bufferBytes = (long)p.periodBytes() * p.periods();
        if (bufferBytes > bufferBytesMax)
        {
            throw new SoundException(Errno.EINVAL, "hw_params: buffer of " + bufferBytes + " bytes exceeds "
                + bufferBytesMax + " bytes");
        }
    }

    private static boolean contains(final int[] values, final int value)
    {
        for (final int v : values)
        {
            if (v == value)
            {
                return true;
            }
        }
        return false;
    }
}
