package dev.azalia.decode;

import dev.azalia.decode.AudioSource;

import java.util.Locale;

/**
 * A 16-bit PCM WAV file as the player's input: its samples as they are in the file (converted afterwards if the codec
 * does not take its rate or channels, as {@code aplay} through {@code default} does).
 * The whole data chunk is in memory ({@link WavAudio#readPcm16}).
 *
 * <p>Not thread-safe: owned by the application thread.
 */
public final class WavSource implements AudioSource
{
    private final WavAudio audio;
    private int positionBytes;

    private WavSource(final WavAudio audio)
    {
        this.audio = audio;
    }

    /**
     * Opens a WAV file for playing. Whether the codec takes its rate and channels is decided when it is played
     * ({@link ConvertedSource#forCodec}).
     *
     * @param audio the file's audio, read with {@link WavAudio#readPcm16}.
     * @return the source.
     */
    public static WavSource of(final WavAudio audio)
    {
        return new WavSource(audio);
    }

    /** {@inheritDoc} */
    @Override
    public int sampleRate()
    {
        return audio.format().sampleRate();
    }

    /** {@inheritDoc} */
    @Override
    public int channels()
    {
        return audio.format().channels();
    }

    /** {@inheritDoc} */
    @Override
    public int frameSizeBytes()
    {
        return audio.format().frameBytes();
    }

    /** {@inheritDoc} */
    @Override
    public long totalFrames()
    {
        return audio.frames();
    }

    /** {@inheritDoc} */
    @Override
    public String describe()
    {
        return String.format(Locale.ROOT, "WAV, 16-bit PCM, %d Hz, %s", sampleRate(),
            1 == channels() ? "mono" : 2 == channels() ? "stereo" : channels() + " channels");
    }

    /** {@inheritDoc} */
    @Override
    public long framesDecoded()
    {
        return positionBytes / frameSizeBytes();
    }

    /** {@inheritDoc} */
    @Override
    public int readFrames(final byte[] dst, final int offset, final int maxFrames)
    {
        if (maxFrames <= 0 || offset < 0 || offset + (long)maxFrames * frameSizeBytes() > dst.length)
        {
            throw new IllegalArgumentException("bad range: offset " + offset + ", maxFrames " + maxFrames
                + ", dst " + dst.length + " bytes");
        }
        final byte[] pcm = audio.pcm();
        final int bytes = Math.min(maxFrames * frameSizeBytes(), pcm.length - positionBytes);
        if (bytes <= 0)
        {
            return -1;
        }
        System.arraycopy(pcm, positionBytes, dst, offset, bytes);
        positionBytes += bytes;
        return bytes / frameSizeBytes();
    }

    /** {@inheritDoc} Nothing to release: the file was read whole. */
    @Override
    public void close()
    {
        // nothing held open
    }
}
