package dev.azalia.player;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes 16-bit little-endian PCM to a canonical 44-byte-header WAV file; the sizes in the header are filled in on
 * {@link #close()}. Not thread-safe: one thread writes and closes. Owns the file channel.
 */
public final class WavWriter implements AutoCloseable
{
    private static final int HEADER_BYTES = 44;
    private static final long MAX_DATA_BYTES = 0xFFFFFFFFL - (HEADER_BYTES - 8);

    private final FileChannel channel;
    private final int frameSizeBytes;
    private long dataBytes;
    private boolean closed;

    private WavWriter(final FileChannel channel, final int sampleRate, final int channels) throws IOException
    {
        this.channel = channel;
        this.frameSizeBytes = channels * 2;
        final ByteBuffer header = header(sampleRate, channels, 0);
        while (header.hasRemaining())
        {
            channel.write(header);
        }
    }

    /**
     * Creates (or replaces) a WAV file.
     *
     * @param file       the file.
     * @param sampleRate frames per second.
     * @param channels   channel count.
     * @return the writer; the caller closes it.
     * @throws IOException when the file cannot be created.
     */
    public static WavWriter create(final Path file, final int sampleRate, final int channels) throws IOException
    {
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
        try
        {
            return new WavWriter(channel, sampleRate, channels);
        }
        catch (final IOException e)
        {
            channel.close();
            throw e;
        }
    }

    private ByteBuffer header(final int sampleRate, final int channels, final long dataSizeBytes)
    {
        final ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int)(HEADER_BYTES - 8 + dataSizeBytes));
        b.put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '}).putInt(16);
        b.putShort((short)1).putShort((short)channels).putInt(sampleRate).putInt(sampleRate * frameSizeBytes);
        b.putShort((short)frameSizeBytes).putShort((short)16);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int)dataSizeBytes);
        return b.flip();
    }

    /**
     * Appends PCM.
     *
     * @param pcm       interleaved 16-bit little-endian samples.
     * @param offset    byte offset in {@code pcm}.
     * @param sizeBytes bytes to write; a whole number of frames.
     * @throws IOException when writing fails or the file would exceed the 4 GiB WAV limit.
     */
    public void write(final byte[] pcm, final int offset, final int sizeBytes) throws IOException
    {
        if (dataBytes + sizeBytes > MAX_DATA_BYTES)
        {
            throw new IOException("WAV file would exceed 4 GiB");
        }
        final ByteBuffer b = ByteBuffer.wrap(pcm, offset, sizeBytes);
        while (b.hasRemaining())
        {
            channel.write(b);
        }
        dataBytes += sizeBytes;
    }

    /**
     * Frames written so far.
     *
     * @return frames.
     */
    public long framesWritten()
    {
        return dataBytes / frameSizeBytes;
    }

    /**
     * Fills in the header sizes and closes the file. Idempotent.
     *
     * @throws IOException when the header cannot be rewritten.
     */
    @Override
    public void close() throws IOException
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try (FileChannel c = channel)
        {
            final ByteBuffer sizes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            sizes.putInt((int)(HEADER_BYTES - 8 + dataBytes)).flip();
            c.write(sizes, 4);
            sizes.clear();
            sizes.putInt((int)dataBytes).flip();
            c.write(sizes, HEADER_BYTES - 4);
        }
    }
}
