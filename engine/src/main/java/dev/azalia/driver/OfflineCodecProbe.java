package dev.azalia.driver;

import dev.azalia.hda.codec.Codec;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.log.KernelLog;
import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;
import dev.azalia.time.VirtualNanoClock;

import java.util.ArrayList;
import java.util.List;

/**
 * The driver's view of codecs before a machine boots: each codec is probed by a {@link CodecDriver} of its own on a
 * private virtual clock (the same verbs, auto-configuration and PCM parameters as at boot, the log discarded), and the
 * card's analog playback PCM is the first codec's that has one ({@link CodecDriver#firstAnalog}). This is what an
 * application learns by opening the PCM and refining its parameters, as alsa-lib's {@code plug} does before it
 * chooses its conversions.
 *
 * <p>Stateless; thread-safe. The codecs are changed by the probe: give it fresh ones.
 */
public final class OfflineCodecProbe
{
    private OfflineCodecProbe()
    {
    }

    /**
     * The analog playback PCM's capabilities.
     *
     * @param codecs fresh codecs, in link order, each answering verbs addressed to its own address.
     * @return the capabilities {@code azx_pcm_open} would narrow the controller's template to.
     * @throws SoundException {@link Errno#ENODEV} when no codec probes with an analog output, or {@link Errno#EIO}
     *                        when the front DAC's words give no rate or format.
     */
    public static PcmCapabilities analogPlayback(final List<? extends Codec> codecs)
    {
        final VirtualNanoClock clock = new VirtualNanoClock();
        final VirtualKernel kernel = new VirtualKernel(clock, new KernelLog(clock));
        final List<CodecDriver> probed = new ArrayList<>();
        SoundException failure = null;
        for (final Codec c : codecs)
        {
            final CodecDriver driver = new CodecDriver(c::execute, null, kernel, c.address(), 0);
            try
            {
                driver.probe();
                probed.add(driver);
            }
            catch (final SoundException e)
            {
                failure = e;
            }
        }
        if (probed.isEmpty())
        {
            throw null != failure ? failure : new SoundException(Errno.ENODEV, "no codec");
        }
        return CodecDriver.firstAnalog(probed).playbackCapabilities();
    }
}
