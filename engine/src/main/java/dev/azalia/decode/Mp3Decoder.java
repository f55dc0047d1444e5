package dev.azalia.decode;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Decodes an MP3 file (MPEG-1/2/2.5 Layer III) with JLayer into interleaved 16-bit little-endian PCM, trimmed so
 * that the output is sample-accurate to what the encoder was given.
 *
 * <h2>Trimming</h2>
 * <ul>
 *   <li>A Xing/Info (or VBRI) frame is never decoded: it is a tag, and would decode to one frame of silence.</li>
 *   <li>With a LAME tag (its 12-bit encoder delay and 12-bit padding): the first {@code encoderDelay + 529}
 *       decoded frames are dropped (529 = the Layer III decoder delay, 528 + 1) and the output stops after
 *       {@code tagFrames * samplesPerFrame - encoderDelay - padding} frames, which is the source's length.</li>
 *   <li>Without a LAME tag: only the decoder delay (529 frames) is dropped at the start, nothing at the end, so
 *       the output is aligned with the encoder's input shifted by its unknown encoder delay (typically 576) and
 *       ends with the encoder's padding. {@link #gaplessInfo()} is false, {@link #encoderDelayFrames()} and
 *       {@link #paddingFrames()} are 0; {@link #totalFrames()} is known only if a Xing/Info/VBRI frame count is.</li>
 *   <li>A LAME tag without a frame count: the start is trimmed, the end is not; {@link #totalFrames()} is -1.</li>
 * </ul>
 *
 * <p>Threading: not thread-safe; one thread (the application thread) opens, reads and closes it. It owns the file.
 * Decoding allocates a little per MPEG frame inside JLayer, so it never runs on a real-time thread.
 */
public final class Mp3Decoder implements AudioSource
{
    /** The Layer III decoder delay in frames: 528 from the filter banks, plus 1. */
    public static final int DECODER_DELAY_FRAMES = 529;

    /** Bytes per PCM sample of the output (16-bit). */
    public static final int BYTES_PER_SAMPLE = 2;

    private final String name;
    private final SeekableByteChannel channel;
    private final Bitstream bitstream;
    private final Decoder decoder = new Decoder();
    private final MpegFrameHeader format;
    private final Mp3Layout layout;
    private final long totalFrames;
    private final short[] pending;
    private long skipRemainingFrames;
    private int pendingIndexFrames;
    private int pendingEndFrames;
    private long framesDecoded;
    private long framesQueued;
    private long mpegFramesDecoded;
    private boolean ended;
    private InputException deferred;

    private Mp3Decoder(final String name, final SeekableByteChannel channel, final Mp3Layout layout)
        throws IOException
    {
        this.name = name;
        this.channel = channel;
        this.layout = layout;
        this.format = layout.firstHeader();
        channel.position(layout.audioStartBytes());
        final InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
        this.bitstream = new Bitstream(in);
        this.pending = new short[format.samplesPerFrame() * format.channels()];
        this.skipRemainingFrames = layout.encoderDelayFrames() + DECODER_DELAY_FRAMES;
        if (layout.vbrTagFrames() >= 0)
        {
            final long all = layout.vbrTagFrames() * format.samplesPerFrame();
            this.totalFrames = Math.max(0, all - skipRemainingFrames - (layout.lameTag()
                ? layout.paddingFrames() - DECODER_DELAY_FRAMES : 0));
        }
        else
        {
            this.totalFrames = -1;
        }
    }

    /**
     * Opens a file and checks that it holds MPEG audio (see the class comment for what is accepted).
     *
     * @param file the file.
     * @return an open decoder positioned at the first output frame; the caller closes it.
     * @throws InputException with a one-line message when the file is missing, unreadable, empty or not MP3.
     */
    public static Mp3Decoder open(final Path file) throws InputException
    {
        final String name = file.toString();
        if (Files.isDirectory(file))
        {
            throw new InputException(name + ": is a directory");
        }
        final SeekableByteChannel channel;
        try
        {
            channel = Files.newByteChannel(file, StandardOpenOption.READ);
        }
        catch (final NoSuchFileException e)
        {
            throw new InputException(name + ": no such file", e);
        }
        catch (final AccessDeniedException e)
        {
            throw new InputException(name + ": permission denied", e);
        }
        catch (final IOException e)
        {
            throw new InputException(name + ": cannot open: " + e.getMessage(), e);
        }
        try
        {
            final Mp3Layout layout = Mp3Layout.scan(channel, name);
            return new Mp3Decoder(name, channel, layout);
        }
        catch (final InputException e)
        {
            closeQuietly(channel, e);
            throw e;
        }
        catch (final IOException | RuntimeException e)
        {
            closeQuietly(channel, e);
            throw new InputException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(final SeekableByteChannel channel, final Exception failure)
    {
        try
        {
            channel.close();
        }
        catch (final IOException e)
        {
            failure.addSuppressed(e);
        }
    }

    /**
     * The output sample rate.
     *
     * @return frames per second.
     */
    public int sampleRate()
    {
        return format.sampleRate();
    }

    /**
     * The output channel count; mono stays mono.
     *
     * @return 1 or 2.
     */
    public int channels()
    {
        return format.channels();
    }

    /**
     * Bytes of one output frame (all channels).
     *
     * @return {@code channels() * 2}.
     */
    public int frameSizeBytes()
    {
        return format.channels() * BYTES_PER_SAMPLE;
    }

    /**
     * The number of frames {@link #readFrames} will deliver in total, after trimming, as the tags announce it
     * (a truncated file ends earlier; {@link #framesDecoded()} at the end is what was really delivered).
     *
     * @return frames, or -1 when the file carries no frame count.
     */
    public long totalFrames()
    {
        return totalFrames;
    }

    /**
     * The LAME tag's encoder delay.
     *
     * @return frames trimmed at the start on top of the decoder delay; 0 without a LAME tag.
     */
    public long encoderDelayFrames()
    {
        return layout.encoderDelayFrames();
    }

    /**
     * The LAME tag's padding.
     *
     * @return frames the encoder appended at the end; 0 without a LAME tag.
     */
    public long paddingFrames()
    {
        return layout.paddingFrames();
    }

    /**
     * Whether the file has a LAME tag, so the output is trimmed to the source exactly.
     *
     * @return true with gapless information.
     */
    public boolean gaplessInfo()
    {
        return layout.lameTag();
    }

    /**
     * The format, e.g. {@code "MPEG-1 Layer III, 44100 Hz, stereo, 192 kbit/s"} (or {@code "..., VBR"}).
     *
     * @return a short description.
     */
    public String describe()
    {
        final String description = format.describe();
        return layout.vbr() ? description.substring(0, description.lastIndexOf(", ")) + ", VBR" : description;
    }

    /**
     * Frames delivered by {@link #readFrames} so far (after trimming).
     *
     * @return frames.
     */
    public long framesDecoded()
    {
        return framesDecoded;
    }

    /**
     * Decodes up to {@code maxFrames} frames into {@code dst} as interleaved 16-bit little-endian PCM.
     *
     * @param dst       the destination; {@code maxFrames * frameSizeBytes()} bytes from {@code offset} must fit.
     * @param offset    the byte offset in {@code dst}.
     * @param maxFrames the most frames to deliver; must be positive.
     * @return the frames written, at least 1; or -1 at the end of the stream (never 0).
     * @throws InputException when the stream is corrupt beyond what the decoder can skip.
     */
    public int readFrames(final byte[] dst, final int offset, final int maxFrames) throws InputException
    {
        if (maxFrames <= 0 || offset < 0 || offset + (long)maxFrames * frameSizeBytes() > dst.length)
        {
            throw new IllegalArgumentException("bad range: offset " + offset + ", maxFrames " + maxFrames
                + ", dst " + dst.length + " bytes");
        }
        if (null != deferred)
        {
            final InputException e = deferred;
            deferred = null;
            throw e;
        }
        final int channelCount = format.channels();
        int written = 0;
        int out = offset;
        while (written < maxFrames)
        {
            if (pendingIndexFrames == pendingEndFrames)
            {
                try
                {
                    if (!decodeNextFrame())
                    {
                        break;
                    }
                }
                catch (final InputException e)
                {
                    if (0 == written)
                    {
                        throw e;
                    }
                    // the frames of this call were decoded before the failure: deliver them, fail on the next call
                    deferred = e;
                    break;
                }
                continue;
            }
            final int n = Math.min(maxFrames - written, pendingEndFrames - pendingIndexFrames);
            final int sampleEnd = (pendingIndexFrames + n) * channelCount;
            for (int s = pendingIndexFrames * channelCount; s < sampleEnd; s++)
            {
                final short v = pending[s];
                dst[out] = (byte)v;
                dst[out + 1] = (byte)(v >> 8);
                out += BYTES_PER_SAMPLE;
            }
            pendingIndexFrames += n;
            written += n;
        }
        framesDecoded += written;
        return 0 == written ? -1 : written;
    }

    private boolean decodeNextFrame() throws InputException
    {
        if (ended)
        {
            return false;
        }
        if (totalFrames >= 0 && framesQueued >= totalFrames)
        {
            endOfStream();
            return false;
        }
        final Header header;
        try
        {
            header = bitstream.readFrame();
        }
        catch (final BitstreamException | RuntimeException e)
        {
            throw corrupt(e);
        }
        if (null == header)
        {
            endOfStream();
            return false;
        }
        try
        {
            if (header.frequency() != format.sampleRate()
                || (Header.SINGLE_CHANNEL == header.mode()) != (1 == format.channels()))
            {
                throw new InputException(name + ": the format changes at MPEG frame " + mpegFramesDecoded
                    + " (" + header.frequency() + " Hz, " + header.mode_string() + "); unsupported");
            }
            final SampleBuffer buffer = (SampleBuffer)decoder.decodeFrame(header, bitstream);
            // JLayer reuses one SampleBuffer for every frame: copy the samples out before the next decode
            final int samples = Math.min(buffer.getBufferLength(), pending.length);
            System.arraycopy(buffer.getBuffer(), 0, pending, 0, samples);
            final int frames = samples / format.channels();
            final int skip = (int)Math.min(skipRemainingFrames, frames);
            skipRemainingFrames -= skip;
            pendingIndexFrames = skip;
            int end = frames;
            if (totalFrames >= 0)
            {
                end = (int)Math.min(end, skip + (totalFrames - framesQueued));
            }
            pendingEndFrames = end;
            framesQueued += end - skip;
            mpegFramesDecoded++;
            return true;
        }
        catch (final DecoderException | RuntimeException e)
        {
            throw corrupt(e);
        }
        finally
        {
            bitstream.closeFrame();
        }
    }

    /**
     * The decoder stopped: says so in one line when the file holds MPEG audio it did not play (a change of format,
     * where JLayer's bit stream ends, or more frames than the Xing/Info tag counts), instead of ending silently.
     */
    private void endOfStream() throws InputException
    {
        ended = true;
        final FrameWalk walk;
        try
        {
            walk = FrameWalk.of(channel, layout.audioStartBytes(), format);
        }
        catch (final IOException e)
        {
            throw new InputException(name + ": cannot read: " + e.getMessage(), e);
        }
        final double playedSeconds = (double)framesQueued / format.sampleRate();
        if (walk.changeAtBytes() >= 0)
        {
            throw new InputException(String.format(Locale.ROOT, "%s: stopped after %d MPEG frames (%.2f s): at byte %d"
                + " the stream changes to %s; the rest was not played", name, mpegFramesDecoded, playedSeconds, walk.changeAtBytes(), walk.changedTo().describe()));
        }
        if (layout.vbrTagFrames() >= 0 && walk.framesOfFirstFormat() > layout.vbrTagFrames() + 1)
        {
            throw new InputException(String.format(Locale.ROOT, "%s: stopped after the %d MPEG frames the Xing/Info"
                + " tag counts (%.2f s), but %d follow it; the rest was not played", name, layout.vbrTagFrames(),
                playedSeconds, walk.framesOfFirstFormat()));
        }
    }

    private InputException corrupt(final Exception cause)
    {
        // JLayer's exceptions (array bounds, arithmetic, its error codes) say nothing a user can act on: say where
        return new InputException(name + ": corrupt MPEG audio in frame " + (mpegFramesDecoded + 1)
            + "; the " + mpegFramesDecoded + " frames before it were played", cause);
    }

    /**
     * Closes the file. Idempotent.
     *
     * @throws InputException never in practice; closing a read-only file does not fail.
     */
    @Override
    public void close() throws InputException
    {
        try
        {
            bitstream.close();
            channel.close();
        }
        catch (final BitstreamException | IOException e)
        {
            throw new InputException(name + ": cannot close: " + e.getMessage(), e);
        }
    }
}
