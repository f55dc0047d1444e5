package dev.azalia.machine;

import dev.azalia.driver.OfflineCodecProbe;
import dev.azalia.driver.PcmCapabilities;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;

/**
 * What a machine's codecs will accept for playback, known before the machine boots: fresh codecs of the configuration
 * are probed by the driver ({@link OfflineCodecProbe}: the same verbs, auto-configuration and PCM parameters as at
 * boot), which is what an application learns by opening the PCM and refining its parameters (alsa-lib's {@code plug}
 * does it before it chooses its conversions).
 *
 * <p>Stateless; thread-safe.
 */
public final class CodecFormats
{
    private static final DacOutput NOWHERE = (codecAddress, nid, format, pcm, offset, length, nanos) ->
    {
    };

    private CodecFormats()
    {
    }

    /**
     * The playback capabilities of a machine's codecs.
     *
     * @param codec the codec configuration the machine will boot with.
     * @return the analog playback PCM's capabilities (rates, sample widths, channels up to the multi-out count).
     * @throws SoundException {@link Errno#ENODEV} when no codec has an analog output, {@link Errno#EIO} when the
     *                        front DAC's words give no rate or format.
     */
    public static PcmCapabilities playback(final MachineCodec codec)
    {
        return OfflineCodecProbe.analogPlayback(codec.createCodecs(NOWHERE));
    }
}
