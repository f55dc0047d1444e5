package dev.azalia.player;

import dev.azalia.driver.AzxPcmOps;
import dev.azalia.sound.PcmHardware;

import java.util.Locale;

/**
 * The buffer geometry the controller's PCM takes ({@code azx_pcm_hw}: period bytes, periods, buffer bytes), in the
 * frames of the stream the player sends (16-bit stereo: what it converts every file to unless the codec takes it as
 * it is), checked before boot so that an impossible {@code --period}/{@code --periods} is refused with the allowed
 * range rather than failing in {@code hw_params} or sizing host memory from it. Stateless.
 */
final class BufferLimits
{
    private static final PcmHardware HW = AzxPcmOps.HARDWARE;
    private static final int FRAME_BYTES = 4;

    private BufferLimits()
    {
    }

    /**
     * Checks a geometry.
     *
     * @param periodFrames frames per period.
     * @param periods      periods in the buffer.
     * @throws IllegalArgumentException with one line giving the allowed range.
     */
    static void check(final int periodFrames, final int periods)
    {
        final int minFrames = HW.periodBytesMin() / FRAME_BYTES;
        final int maxFrames = HW.periodBytesMax() / FRAME_BYTES;
        if (periodFrames < minFrames || periodFrames > maxFrames)
        {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--period must be from %d to %d frames"
                + " (the controller takes periods of %d bytes to %d KiB of 16-bit stereo): %d", minFrames, maxFrames,
                HW.periodBytesMin(), HW.periodBytesMax() / 1024, periodFrames));
        }
        if (periods < HW.periodsMin() || periods > HW.periodsMax())
        {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--periods must be from %d to %d (the"
                + " controller's limits): %d", HW.periodsMin(), HW.periodsMax(), periods));
        }
        final long bufferFrames = (long)periodFrames * periods;
        final int maxBufferFrames = HW.bufferBytesMax() / FRAME_BYTES;
        if (bufferFrames > maxBufferFrames)
        {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--period %d x --periods %d is %d frames;"
                + " the controller's buffer holds at most %d frames (%d KiB of 16-bit stereo)", periodFrames, periods,
                bufferFrames, maxBufferFrames, HW.bufferBytesMax() / 1024));
        }
    }
}
