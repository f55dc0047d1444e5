package dev.azalia.decode;

import dev.azalia.hda.StreamFormat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A 16-bit PCM WAV file as the player's input: its samples as they are in the file (converted afterwards if the codec
 * does not take its rate or channels, as {@code aplay} through {@code default} does). {@link #open} reads the samples
 * from the file as they are played (a file of any length, in constant memory); {@link #of} plays audio already in
 * memory.
 *
 * <p>Not thread-safe: owned by the application thread.
 */
public final class WavSource implements AudioSource
{
    private final String name;
    private final StreamFormat format;
    private final byte[] pcm;
    private final FileChannel channel;
    private final long dataOffset;
    private final long dataBytes;
    private long positionBytes;

    private WavSource(final String name, final StreamFormat format, final byte[] pcm, final FileChannel channel,
        final long dataOffset, final long dataBytes)
    {
        this.name = name;
        this.format = format;
        this.pcm = pcm;
        this.channel = channel;
        this.dataOffset = dataOffset;
        this.dataBytes = dataBytes;
    }

    /**
     * Plays audio held in memory. Whether the codec takes its rate and channels is decided when it is played
     * ({@link ConvertedSource#forCodec}).
     *
     * @param audio the file's audio, read with {@link WavAudio#readPcm16}.
     * @return the source.
     */
    public static WavSource of(final WavAudio audio)
    {
        return new WavSource(audio.path().toString(), audio.format(), audio.pcm(), null, 0, audio.pcm().length);
    }

    /**
     * Opens a 16-bit PCM WAV file for playing, with the checks of {@link WavAudio#readPcm16}, its samples read as
     * they are played.
     *
     * @param path the file.
     * @return the source, open on the file; the caller closes it.
     * @throws InputException (one line naming the file) as {@link WavAudio#readPcm16}.
     */
    public static WavSource open(final Path path) throws InputException
    {
        final String name = path.toString();
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(path);
            final WavAudio.Pcm16Layout layout = WavAudio.pcm16Layout(name, channel);
            return new WavSource(name, layout.format(), null, channel, layout.dataOffset(), layout.dataBytes());
        }
        catch (final IOException e)
        {
            closeQuietly(channel);
            throw new InputException(name + ": cannot read: " + e.getMessage(), e);
        }
        catch (final InputException e)
        {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(final FileChannel channel)
    {
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException e)
            {
                // only read from: nothing is lost
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public int sampleRate()
    {
        return format.sampleRate();
    }

    /** {@inheritDoc} */
    @Override
    public int channels()
    {
        return format.channels();
    }

    /** {@inheritDoc} */
    @Override
    public int frameSizeBytes()
    {
        return format.frameBytes();
    }

    /** {@inheritDoc} */
    @Override
    public long totalFrames()
    {
        return dataBytes / format.frameBytes();
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
    public int readFrames(final byte[] dst, final int offset, final int maxFrames) throws InputException
    {
        if (maxFrames <= 0 || offset < 0 || offset + (long)maxFrames * frameSizeBytes() > dst.length)
        {
            throw new IllegalArgumentException("bad range: offset " + offset + ", maxFrames " + maxFrames
                + ", dst " + dst.length + " bytes");
        }
        final int bytes = (int)Math.min((long)maxFrames * frameSizeBytes(), dataBytes - positionBytes);
        if (bytes <= 0)
        {
            return -1;
        }
        if (null != pcm)
        {
            System.arraycopy(pcm, (int)positionBytes, dst, offset, bytes);
        }
        else
        {
            try
            {
                WavAudio.readFully(channel, dst, offset, bytes, dataOffset + positionBytes);
            }
            catch (final IOException e)
            {
                throw new InputException(name + ": cannot read the samples at byte " + (dataOffset + positionBytes)
                    + ": " + e.getMessage(), e);
            }
        }
        positionBytes += bytes;
        return bytes / frameSizeBytes();
    }

    /** {@inheritDoc} Closes the file, if it was opened. */
    @Override
    public void close()
    {
        closeQuietly(channel);
    }
}
