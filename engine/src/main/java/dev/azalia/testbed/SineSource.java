package dev.azalia.testbed;

import dev.azalia.decode.AudioSource;

import java.util.Locale;

/** A generated sine tone as 16-bit little-endian PCM ({@link SourceSpec.Sine}). Not thread-safe, as any source. */
final class SineSource implements AudioSource
{
    private static final double AMPLITUDE = 0.5 * Short.MAX_VALUE;

    private final SourceSpec.Sine spec;
    private final double step;
    private long position;

    SineSource(final SourceSpec.Sine spec)
    {
        this.spec = spec;
        this.step = 2 * Math.PI * spec.hz() / spec.sampleRate();
    }

    @Override
    public int sampleRate()
    {
        return spec.sampleRate();
    }

    @Override
    public int channels()
    {
        return spec.channels();
    }

    @Override
    public int frameSizeBytes()
    {
        return 2 * spec.channels();
    }

    @Override
    public long totalFrames()
    {
        return spec.frames();
    }

    @Override
    public String describe()
    {
        return String.format(Locale.ROOT, "sine %.1f Hz, %d Hz, %d channel(s)", spec.hz(), spec.sampleRate(),
            spec.channels());
    }

    @Override
    public long framesDecoded()
    {
        return position;
    }

    @Override
    public int readFrames(final byte[] dst, final int offset, final int maxFrames)
    {
        final int frames = (int)Math.min(maxFrames, spec.frames() - position);
        if (frames <= 0)
        {
            return -1;
        }
        int at = offset;
        for (int f = 0; f < frames; f++)
        {
            final short s = (short)Math.round(AMPLITUDE * Math.sin(step * (position + f)));
            for (int c = 0; c < spec.channels(); c++)
            {
                dst[at++] = (byte)s;
                dst[at++] = (byte)(s >> 8);
            }
        }
        position += frames;
        return frames;
    }

    @Override
    public void close()
    {
        // nothing held
    }
}
