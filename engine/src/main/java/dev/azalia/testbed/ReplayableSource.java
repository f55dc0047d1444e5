package dev.azalia.testbed;

import dev.azalia.decode.AudioSource;
import dev.azalia.decode.InputException;

import java.io.ByteArrayOutputStream;

/**
 * The input of a scenario with several plays: the first play reads the file (and, when more plays follow, keeps
 * the frames it read); every later play reads the same frames again from memory, so each play is the same stream.
 *
 * <p>Not thread-safe: the application thread only.
 */
final class ReplayableSource
{
    private final AudioSource first;
    private final ByteArrayOutputStream kept;

    /**
     * Wraps the input.
     *
     * @param first  the input, at its start.
     * @param replay whether later plays will read it again.
     */
    ReplayableSource(final AudioSource first, final boolean replay)
    {
        this.first = first;
        this.kept = replay ? new ByteArrayOutputStream() : null;
    }

    /**
     * The input of play {@code k}.
     *
     * @param k the play's number, from 1.
     * @return the file for the first play, its frames again for the others.
     */
    AudioSource forPlay(final int k)
    {
        if (1 == k)
        {
            return null == kept ? first : new Recording();
        }
        if (null == kept)
        {
            throw new IllegalStateException("play " + k + " of a single-play input");
        }
        return new Replay(kept.toByteArray());
    }

    /** The first play: reads the file and keeps what it read. */
    private final class Recording extends Forwarding
    {
        @Override
        public int readFrames(final byte[] dst, final int offset, final int maxFrames) throws InputException
        {
            final int frames = first.readFrames(dst, offset, maxFrames);
            if (frames > 0)
            {
                kept.write(dst, offset, frames * first.frameSizeBytes());
            }
            return frames;
        }

        @Override
        public long framesDecoded()
        {
            return first.framesDecoded();
        }
    }

    /** A later play: the kept frames from the start. */
    private final class Replay extends Forwarding
    {
        private final byte[] pcm;
        private int positionBytes;

        Replay(final byte[] pcm)
        {
            this.pcm = pcm;
        }

        @Override
        public int readFrames(final byte[] dst, final int offset, final int maxFrames)
        {
            final int bytes = Math.min(maxFrames * first.frameSizeBytes(), pcm.length - positionBytes);
            if (bytes <= 0)
            {
                return -1;
            }
            System.arraycopy(pcm, positionBytes, dst, offset, bytes);
            positionBytes += bytes;
            return bytes / first.frameSizeBytes();
        }

        @Override
        public long framesDecoded()
        {
            return positionBytes / first.frameSizeBytes();
        }
    }

    /** The format of the input; closing is the caller's business (it closes the file). */
    private abstract class Forwarding implements AudioSource
    {
        @Override
        public int sampleRate()
        {
            return first.sampleRate();
        }

        @Override
        public int channels()
        {
            return first.channels();
        }

        @Override
        public int frameSizeBytes()
        {
            return first.frameSizeBytes();
        }

        @Override
        public long totalFrames()
        {
            return first.totalFrames();
        }

        @Override
        public String describe()
        {
            return first.describe();
        }

        @Override
        public void close()
        {
            // the caller closes the file
        }
    }
}
