package dev.azalia.testbed;

import dev.azalia.decode.AudioSource;

import java.util.Locale;

/** The caller's samples as a source ({@link SourceSpec.Pcm}). Not thread-safe, as any source. */
final class PcmSource implements AudioSource
{
    private final SourceSpec.Pcm spec;
    private final int frameBytes;
    private final long frames;
    private long position;

    PcmSource(final SourceSpec.Pcm spec)
    {
        this.spec = spec;
        this.frameBytes = 2 * spec.channels();
        this.frames = spec.pcm().length / frameBytes;
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
        return frameBytes;
    }

    @Override
    public long totalFrames()
    {
        return frames;
    }

    @Override
    public String describe()
    {
        return String.format(Locale.ROOT, "PCM %d Hz, %d channel(s)", spec.sampleRate(), spec.channels());
    }

    @Override
    public long framesDecoded()
    {
        return position;
    }

    @Override
    public int readFrames(final byte[] dst, final int offset, final int maxFrames)
    {
        final int n = (int)Math.min(maxFrames, frames - position);
        if (n <= 0)
        {
            return -1;
        }
        System.arraycopy(spec.pcm(), (int)(position * frameBytes), dst, offset, n * frameBytes);
        position += n;
        return n;
    }

    @Override
    public void close()
    {
        // nothing held
    }
}
