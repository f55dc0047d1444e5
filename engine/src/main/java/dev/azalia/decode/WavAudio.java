package dev.azalia.decode;

import dev.azalia.decode.InputException;
import dev.azalia.hda.StreamFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * A whole WAV (or other Java Sound readable PCM) file in memory. {@link #read} (for {@code play analyze}) gives
 * the layout the detectors read: interleaved
 * little-endian signed samples in 16-bit containers (16-bit files; 8-bit files widened) or 32-bit containers (24-bit
 * samples left-justified, 32-bit integer samples, 32-bit float samples converted). Immutable after reading; the
 * PCM array is owned by this object and must not be changed.
 *
 * @param path   the file.
 * @param format the stream format of {@code pcm}.
 * @param pcm    the samples.
 */
public record WavAudio(Path path, StreamFormat format, byte[] pcm)
{
    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_FLOAT = 3;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xfffe;
    /** The bytes of a fmt chunk looked at: the extensible format's sub-format is at 24. */
    private static final int FMT_BYTES_READ = 64;

    /**
     * Frames in the file.
     *
     * @return frames.
     */
    public int frames()
    {
        return pcm.length / format.frameBytes();
    }

    /**
     * Reads a file.
     *
     * @param path the file.
     * @return its audio.
     * @throws InputException (one line naming the file) if it is missing, unreadable, not audio Java Sound can
     *                        read, or in a format the detectors cannot take.
     */
    public static WavAudio read(final Path path) throws InputException
    {
        final String name = path.toString();
        if (Files.isDirectory(path))
        {
            throw new InputException(name + ": is a directory");
        }
        if (!Files.exists(path))
        {
            throw new InputException(name + ": no such file");
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(path.toFile()))
        {
            final AudioFormat f = in.getFormat();
            requireFrameLayout(name, f);
            return convert(path, f, readAll(in, f.getFrameSize()));
        }
        catch (final UnsupportedAudioFileException e)
        {
            throw new InputException(name + ": not a WAV file (or any audio format Java Sound reads)", e);
        }
        catch (final IOException e)
        {
            throw new InputException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a RIFF/WAVE file of 16-bit little-endian PCM, the samples kept byte for byte (what the player plays).
     * Strict: the header must describe 16-bit integer PCM ({@code WAVE_FORMAT_PCM}, or {@code EXTENSIBLE} with
     * the PCM sub-format) with a consistent block size, and the data chunk must be complete.
     *
     * @param path the file.
     * @return its audio, {@code pcm} exactly the data chunk's bytes.
     * @throws InputException (one line naming the file) for a missing or unreadable file, a broken header, another
     *                        sample format (24-bit, 32-bit, float, compressed) or a truncated data chunk.
     */
    public static WavAudio readPcm16(final Path path) throws InputException
    {
        final String name = path.toString();
        try (FileChannel channel = FileChannel.open(path))
        {
            final Pcm16Layout layout = pcm16Layout(name, channel);
            if (layout.dataBytes() > Integer.MAX_VALUE - 8)
            {
                throw new InputException(name + ": " + layout.dataBytes() + " bytes of samples are too many to hold"
                    + " in one array");
            }
            final byte[] pcm = new byte[(int)layout.dataBytes()];
            readFully(channel, pcm, 0, pcm.length, layout.dataOffset());
            return new WavAudio(path, layout.format(), pcm);
        }
        catch (final IOException e)
        {
            throw new InputException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Where the samples of a 16-bit PCM RIFF/WAVE file are: the same checks as {@link #readPcm16}, reading only the
     * chunk headers and the fmt chunk (a file of any length, the samples left on disk).
     *
     * @param format     the stream format.
     * @param dataOffset the file offset of the first sample.
     * @param dataBytes  the data chunk's length, whole frames, within the file.
     */
    record Pcm16Layout(StreamFormat format, long dataOffset, long dataBytes)
    {
    }

    /**
     * Walks a RIFF/WAVE file's chunks to its data chunk (the player's strict 16-bit rules).
     *
     * @param name    the file's name for messages.
     * @param channel the file, read with positional reads.
     * @return where the samples are.
     * @throws InputException (one line naming the file) for a broken header, another sample format or a truncated data
     *                        chunk.
     * @throws IOException    if the file cannot be read.
     */
    static Pcm16Layout pcm16Layout(final String name, final FileChannel channel) throws InputException, IOException
    {
        final long fileBytes = channel.size();
        final byte[] head = new byte[FMT_BYTES_READ];
        final int headBytes = (int)Math.min(12, fileBytes);
        readFully(channel, head, 0, headBytes, 0);
        if (headBytes < 12 || !"RIFF".equals(fourCc(head, 0)) || !"WAVE".equals(fourCc(head, 8)))
        {
            throw new InputException(name + ": not a RIFF/WAVE file" + (headBytes >= 4
                && ("RIFX".equals(fourCc(head, 0)) || "RF64".equals(fourCc(head, 0)))
                ? " this player reads (" + fourCc(head, 0) + ")" : ""));
        }
        // a long: a chunk size near 2^32 moves it past the end of the file, never around to a negative offset
        long at = 12;
        StreamFormat format = null;
        while (at + 8 <= fileBytes)
        {
            readFully(channel, head, 0, 8, at);
            final String id = fourCc(head, 0);
            final long size = le32(head, 4);
            final long body = at + 8;
            if ("fmt ".equals(id))
            {
                if (body + size > fileBytes)
                {
                    throw new InputException(name + ": broken WAV header: fmt chunk of " + size + " bytes");
                }
                final int n = (int)Math.min(size, FMT_BYTES_READ);
                readFully(channel, head, 0, n, body);
                format = pcm16Format(name, head, 0, n < size ? n : size);
            }
            else if ("data".equals(id))
            {
                if (null == format)
                {
                    throw new InputException(name + ": broken WAV header: data chunk before the fmt chunk");
                }
                if (body + size > fileBytes)
                {
                    throw new InputException(name + ": truncated data chunk: the header says " + size
                        + " bytes, the file holds " + (fileBytes - body));
                }
                if (size % format.frameBytes() != 0)
                {
                    throw new InputException(name + ": truncated data chunk: " + size + " bytes is not a whole number"
                        + " of " + format.frameBytes() + "-byte frames");
                }
                return new Pcm16Layout(format, body, size);
            }
            at = body + size + (size & 1);
        }
        throw new InputException(name + ": broken WAV header: " + (null == format ? "no fmt chunk" : "no data chunk"));
    }

    /** Reads exactly {@code length} bytes at {@code position}; an end of file before that is an error. */
    static void readFully(final FileChannel channel, final byte[] dst, final int offset, final int length,
        final long position) throws IOException
    {
        final ByteBuffer b = ByteBuffer.wrap(dst, offset, length);
        while (b.hasRemaining())
        {
            if (channel.read(b, position + b.position() - offset) < 0)
            {
                throw new IOException("the file ended early (changed while it was read?)");
            }
        }
    }

    private static StreamFormat pcm16Format(final String name, final byte[] file, final int at, final long size)
        throws InputException
    {
        if (size < 16 || at + size > file.length)
        {
            throw new InputException(name + ": broken WAV header: fmt chunk of " + size + " bytes");
        }
        final int tag = le16(file, at);
        final int channels = le16(file, at + 2);
        final long rate = le32(file, at + 4);
        final long byteRate = le32(file, at + 8);
        final int blockAlign = le16(file, at + 12);
        final int bits = le16(file, at + 14);
        final boolean extensiblePcm = WAVE_FORMAT_EXTENSIBLE == tag && size >= 40 && le16(file, at + 24) == 1;
        if (!(WAVE_FORMAT_PCM == tag || extensiblePcm) || 16 != bits)
        {
            throw new InputException(name + ": unsupported WAV sample format: " + (WAVE_FORMAT_FLOAT == tag
                ? bits + "-bit float" : WAVE_FORMAT_PCM == tag || extensiblePcm ? bits + "-bit PCM"
                : String.format(Locale.ROOT, "format tag 0x%04x", tag)) + " (16-bit PCM only)");
        }
        if (channels < 1 || rate < 1 || rate > Integer.MAX_VALUE || blockAlign != 2 * channels
            || byteRate != rate * blockAlign)
        {
            throw new InputException(name + ": broken WAV header: " + channels + " channels, " + rate + " Hz, "
                + blockAlign + "-byte blocks, " + byteRate + " bytes/s");
        }
        try
        {
            return StreamFormat.of((int)rate, 16, channels);
        }
        catch (final IllegalArgumentException e)
        {
            throw new InputException(name + ": unsupported format: " + e.getMessage(), e);
        }
    }

    private static String fourCc(final byte[] b, final int at)
    {
        return new String(b, at, 4, StandardCharsets.US_ASCII);
    }

    private static int le16(final byte[] b, final int at)
    {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long le32(final byte[] b, final int at)
    {
        return (le16(b, at) | (long)le16(b, at + 2) << 16) & 0xffffffffL;
    }

    /**
     * Refuses a header Java Sound accepted but no reader should: up to 16 channels of up to 32-bit samples, a whole
     * sample rate. Checked before the data is read: a frame larger than Java Sound's reads (thousands of channels)
     * makes its stream return 0 bytes forever.
     */
    private static void requireFrameLayout(final String name, final AudioFormat f) throws InputException
    {
        final float rate = f.getSampleRate();
        if (f.getChannels() < 1 || f.getChannels() > 16 || rate != Math.rint(rate) || f.getSampleSizeInBits() <= 0
            || f.getFrameSize() <= 0 || f.getFrameSize() > 16 * 4)
        {
            throw new InputException(name + ": unsupported audio format: " + f);
        }
    }

    /** Reads to the end in whole frames; a stream that stops making progress ends there. */
    private static byte[] readAll(final AudioInputStream in, final int frameBytes) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] chunk = new byte[frameBytes * 4096];
        for (int n = in.read(chunk); n > 0; n = in.read(chunk))
        {
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    private static WavAudio convert(final Path path, final AudioFormat f, final byte[] raw) throws InputException
    {
        final String name = path.toString();
        final int channels = f.getChannels();
        final int bits = f.getSampleSizeInBits();
        final float rate = f.getSampleRate();
        final AudioFormat.Encoding enc = f.getEncoding();
        final boolean signed = AudioFormat.Encoding.PCM_SIGNED.equals(enc);
        final boolean unsigned = AudioFormat.Encoding.PCM_UNSIGNED.equals(enc);
        final boolean floating = AudioFormat.Encoding.PCM_FLOAT.equals(enc);
        final int inBytes = (bits + 7) / 8;
        if (!(signed && (16 == bits || 24 == bits || 32 == bits) || unsigned && 8 == bits || floating && 32 == bits)
            || f.getFrameSize() != inBytes * channels)
        {
            throw new InputException(name + ": unsupported sample format (16, 24 or 32-bit PCM, 8-bit unsigned or "
                + "32-bit float only): " + f);
        }
        final int outBits = 8 == bits ? 16 : bits;
        final StreamFormat format;
        try
        {
            format = StreamFormat.of((int)rate, outBits, channels);
        }
        catch (final IllegalArgumentException e)
        {
            throw new InputException(name + ": unsupported format: " + e.getMessage(), e);
        }
        final int samples = raw.length / inBytes / channels * channels;
        final int outBytes = format.containerBytes();
        final byte[] pcm = new byte[samples * outBytes];
        final boolean big = f.isBigEndian();
        for (int i = 0; i < samples; i++)
        {
            long v = 0;
            for (int b = 0; b < inBytes; b++)
            {
                final int at = i * inBytes + (big ? inBytes - 1 - b : b);
                v |= (long)(raw[at] & 0xff) << (8 * b);
            }
            final int out;
            if (unsigned)
            {
                out = ((int)v - 128) << 8;
            }
            else if (floating)
            {
                final double d = Float.intBitsToFloat((int)v) * 2147483648.0;
                out = (int)Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(d)));
            }
            else if (24 == bits)
            {
                // left-justify in the 32-bit container
                out = (int)(v << 8);
            }
            else
            {
                out = (int)v;
            }
            for (int b = 0; b < outBytes; b++)
            {
                pcm[i * outBytes + b] = (byte)(out >> (8 * b));
            }
        }
        return new WavAudio(path, format, pcm);
    }
}
