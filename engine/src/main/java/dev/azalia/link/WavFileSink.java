package dev.azalia.link;

import dev.azalia.hda.StreamFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Captures the link bit-exactly into a RIFF/WAVE file: the PCM bytes are written unchanged after the header, and
 * the RIFF and data sizes are fixed up at {@link #close()}.
 *
 * <p>Header: plain PCM ({@code WAVE_FORMAT_PCM}, 44 bytes) for 16-bit and 32-bit samples in 1 or 2 channels;
 * {@code WAVE_FORMAT_EXTENSIBLE} (68 bytes, with the valid bits) for 20- and 24-bit samples in 32-bit containers or
 * more than 2 channels. 8-bit streams are refused (WAV 8-bit is unsigned, HD-Audio's is not).
 *
 * <p>Threading: the sink thread only, except the counters (thread-safe reads). Writes go through a preallocated
 * 64 KiB buffer; nothing is allocated per write.
 */
public final class WavFileSink implements AudioSink
{
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int PCM_HEADER_BYTES = 44;
    private static final int EXTENSIBLE_HEADER_BYTES = 68;
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xfffe;

    private final Path path;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private FileChannel channel;
    private int frameBytes;
    private int headerBytes;
    private volatile long writtenFrames;
    private long dataBytes;
    private boolean closed;

    /**
     * A sink that will create (or truncate) {@code path} when opened.
     *
     * @param path the WAV file.
     */
    public WavFileSink(final Path path)
    {
        this.path = path;
    }

    /** {@inheritDoc} Creates the file and writes a header with zero sizes. */
    @Override
    public void open(final StreamFormat format) throws SinkUnavailableException
    {
        if (null != channel)
        {
            throw new IllegalStateException("the sink is already open");
        }
        if (1 == format.containerBytes())
        {
            throw new SinkUnavailableException("wav: 8-bit streams are not supported: " + format);
        }
        try
        {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        }
        catch (final IOException | UnsupportedOperationException e)
        {
            throw new SinkUnavailableException("wav: cannot create " + path + ": " + e.getMessage(), e);
        }
        frameBytes = format.frameBytes();
        final boolean extensible = format.channels() > 2 || format.bitsPerSample() != format.containerBytes() * 8;
        headerBytes = extensible ? EXTENSIBLE_HEADER_BYTES : PCM_HEADER_BYTES;
        final ByteBuffer header = header(format, extensible, 0L);
        try
        {
            while (header.hasRemaining())
            {
                channel.write(header);
            }
        }
        catch (final IOException e)
        {
            throw new SinkUnavailableException("wav: cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer header(final StreamFormat format, final boolean extensible, final long dataBytes)
    {
        final int size = extensible ? EXTENSIBLE_HEADER_BYTES : PCM_HEADER_BYTES;
        final ByteBuffer h = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        final long riffSize = size - 8 + dataBytes + (dataBytes & 1);
        h.put((byte)'R').put((byte)'I').put((byte)'F').put((byte)'F').putInt((int)Math.min(riffSize, 0xffffffffL));
        h.put((byte)'W').put((byte)'A').put((byte)'V').put((byte)'E');
        h.put((byte)'f').put((byte)'m').put((byte)'t').put((byte)' ').putInt(extensible ? 40 : 16);
        h.putShort((short)(extensible ? FORMAT_EXTENSIBLE : FORMAT_PCM));
        h.putShort((short)format.channels());
        h.putInt(format.sampleRate());
        h.putInt((int)format.bytesPerSecond());
        h.putShort((short)format.frameBytes());
        h.putShort((short)(format.containerBytes() * 8));
        if (extensible)
        {
            h.putShort((short)22);
            h.putShort((short)format.bitsPerSample());
            h.putInt(0);
            // KSDATAFORMAT_SUBTYPE_PCM {00000001-0000-0010-8000-00aa00389b71}
            h.putInt(1).putShort((short)0).putShort((short)0x10);
            h.put((byte)0x80).put((byte)0x00).put((byte)0x00).put((byte)0xaa);
            h.put((byte)0x00).put((byte)0x38).put((byte)0x9b).put((byte)0x71);
        }
        h.put((byte)'d').put((byte)'a').put((byte)'t').put((byte)'a').putInt((int)Math.min(dataBytes, 0xffffffffL));
        h.flip();
        return h;
    }

    /** {@inheritDoc} Copies into the write buffer; flushes it to the file when full. */
    @Override
    public void write(final byte[] pcm, final int offset, final int length)
    {
        if (null == channel || closed)
        {
            throw new IllegalStateException("the sink is not open");
        }
        int done = 0;
        while (done < length)
        {
            final int n = Math.min(buffer.remaining(), length - done);
            buffer.put(pcm, offset + done, n);
            done += n;
            if (!buffer.hasRemaining())
            {
                flush();
            }
        }
        dataBytes += length;
        // single writer: the sink thread; volatile publishes the count to readers
        writtenFrames = dataBytes / frameBytes;
    }

    private void flush()
    {
        buffer.flip();
        try
        {
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("wav: cannot write " + path, e);
        }
        buffer.clear();
    }

    /** {@inheritDoc} */
    @Override
    public long framesWritten()
    {
        return writtenFrames;
    }

    /** {@inheritDoc} A file consumes everything at once: the frames written. */
    @Override
    public long playbackPositionFrames()
    {
        return writtenFrames;
    }

    /** {@inheritDoc} Always 0. */
    @Override
    public long underruns()
    {
        return 0L;
    }

    /** {@inheritDoc} Always 0: a file has no device buffer. */
    @Override
    public int bufferFrames()
    {
        return 0;
    }

    /** {@inheritDoc} */
    @Override
    public String describe()
    {
        return "wav:" + path;
    }

    /**
     * The header size used for the opened format.
     *
     * @return 44 or 68 bytes; 0 before {@link #open}.
     */
    public int headerBytes()
    {
        return headerBytes;
    }

    /** {@inheritDoc} Flushes buffered bytes to the file. */
    @Override
    public void drain()
    {
        if (null != channel && !closed)
        {
            flush();
        }
    }

    /**
     * {@inheritDoc} Flushes, pads an odd data chunk, fixes up the RIFF and data sizes and closes the file.
     *
     * @throws UncheckedIOException if the file cannot be finished.
     */
    @Override
    public void close()
    {
        if (null == channel || closed)
        {
            return;
        }
        closed = true;
        try (FileChannel c = channel)
        {
            flush();
            if (0 != (dataBytes & 1))
            {
                c.write(ByteBuffer.wrap(new byte[1]), headerBytes + dataBytes);
            }
            final ByteBuffer riff = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            riff.putInt(0, (int)Math.min(headerBytes - 8 + dataBytes + (dataBytes & 1), 0xffffffffL));
            c.write(riff, 4);
            final ByteBuffer data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            data.putInt(0, (int)Math.min(dataBytes, 0xffffffffL));
            c.write(data, headerBytes - 4);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("wav: cannot finish " + path, e);
        }
    }
}
