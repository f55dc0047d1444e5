package dev.azalia.testbed;

import dev.azalia.decode.AudioSource;
import dev.azalia.decode.InputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The input of a scenario with several plays: the first play reads the file (and, when more plays follow, keeps
 * the frames it read in a temporary file, so that the heap does not bound the file's length); every later play
 * reads the same frames again from there, so each play is the same stream. The file is opened to be deleted on close
 * (on Linux it is unlinked at once, so nothing is left behind even by a crash); {@link #close()} closes it.
 *
 * <p>Not thread-safe: the application thread only.
 */
final class ReplayableSource implements AutoCloseable
{
    private final AudioSource first;
    private final boolean replay;
    private Path keptFile;
    private FileChannel kept;

    /**
     * Wraps the input.
     *
     * @param first  the input, at its start.
     * @param replay whether later plays will read it again.
     */
    ReplayableSource(final AudioSource first, final boolean replay)
    {
        this.first = first;
        this.replay = replay;
    }

    /**
     * The input of play {@code k}.
     *
     * @param k the play's number, from 1.
     * @return the file for the first play, its frames again for the others.
     * @throws InputException if the temporary file for the later plays cannot be created.
     */
    AudioSource forPlay(final int k) throws InputException
    {
        if (1 == k)
        {
            if (!replay)
            {
                return first;
            }
            try
            {
                keptFile = Files.createTempFile("azalia-plays-", ".pcm");
                kept = FileChannel.open(keptFile, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            }
            catch (final IOException e)
            {
                throw keptFailed(e);
            }
            return new Recording();
        }
        if (null == kept)
        {
            throw new IllegalStateException("play " + k + " of a single-play input");
        }
        return new Replay();
    }

    /** Deletes the kept frames. */
    @Override
    public void close()
    {
        if (null != kept)
        {
            try
            {
                kept.close();
                Files.deleteIfExists(keptFile);
            }
            catch (final IOException e)
            {
                // a temporary file: the operating system's cleaning removes what is left
            }
            kept = null;
        }
    }

    private static InputException keptFailed(final IOException e)
    {
        return new InputException("cannot keep the decoded frames for the next plays: " + e.getMessage());
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
                final ByteBuffer b = ByteBuffer.wrap(dst, offset, frames * first.frameSizeBytes());
                try
                {
                    while (b.hasRemaining())
                    {
                        kept.write(b);
                    }
                }
                catch (final IOException e)
                {
                    throw keptFailed(e);
                }
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
        private long positionBytes;

        @Override
        public int readFrames(final byte[] dst, final int offset, final int maxFrames) throws InputException
        {
            final int frameBytes = first.frameSizeBytes();
            try
            {
                final int bytes = (int)Math.min((long)maxFrames * frameBytes, kept.size() - positionBytes);
                if (bytes <= 0)
                {
                    return -1;
                }
                final ByteBuffer b = ByteBuffer.wrap(dst, offset, bytes);
                while (b.hasRemaining())
                {
                    if (kept.read(b, positionBytes + b.position() - offset) < 0)
                    {
                        throw new IOException("the kept frames ended early");
                    }
                }
                positionBytes += bytes;
                return bytes / frameBytes;
            }
            catch (final IOException e)
            {
                throw keptFailed(e);
            }
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
