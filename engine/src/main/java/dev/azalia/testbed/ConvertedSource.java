package dev.azalia.testbed;

import dev.azalia.decode.AudioSource;
import dev.azalia.decode.InputException;
import dev.azalia.driver.PcmCapabilities;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * An input converted to what the codec takes ({@link FormatPlan}) with {@code javax.sound.sampled}'s converters:
 * channels by the JDK's channel mixer (mono to stereo copies each sample to both channels, bit-exactly), the rate by
 * its default (linear) resampler. A mono input at the codec's rate needs only that copy, and gets it directly, with
 * the same bytes and without the converters' round trip through floats (as alsa-lib's {@code route} copies a
 * channel without its float path).
 *
 * <p>What the JDK's resampler does, and what is done about it: its output frame {@code k} interpolates the input at
 * {@code k * step - 2} input frames, where {@code step} is the rate ratio {@code in / out} rounded down to 1/32768 of a
 * frame (so its rate is up to 31 ppm off the ratio, a constant error like a crystal's, not a drift); it starts two
 * frames before the input, in zeros, and stops a little after its end. So the input is fed behind {@code d} zero
 * frames and the first {@code s} output frames are dropped, with {@code s * step = d + 2} exactly: converted frame
 * {@code j} then interpolates the input at {@code j * step}, the first frame at the first input frame. The stream
 * ends after {@code ceil(N / step)} frames for an input of {@code N}: every output instant within the input, none
 * after it (a few zero frames follow the input so the resampler reaches that far). For 72011 frames at 24 kHz that
 * is 66162 frames at 22.05 kHz, where the exact ratio would give 66161.
 *
 * <p>Not thread-safe: owned by the application thread, like the source it reads.
 */
public final class ConvertedSource implements AudioSource
{
    /** How many input frames the JDK's linear resampler starts before the input (its interpolation padding). */
    static final int RESAMPLER_LEAD_FRAMES = 2;
    /** The JDK's linear resampler steps through the input in 1/32768 frames. */
    private static final long STEP_ONE = 1L << 15;
    /** Zero frames after the input: enough for the resampler to reach past its last frame. */
    private static final int TAIL_ZERO_FRAMES = 4;
    private static final int BYTES_PER_SAMPLE = 2;
    private static final int CHUNK_FRAMES = 1024;
    private static final VarHandle SAMPLE_LE = MethodHandles.byteArrayViewVarHandle(short[].class,
        ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FRAME_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
        ByteOrder.LITTLE_ENDIAN);

    private final AudioSource source;
    private final FormatPlan plan;
    /** The converters' input and output; null when a mono input is only copied to every channel. */
    private final Feed feed;
    private final AudioInputStream converted;
    /** The mono frames read for the copy; null when the converters run. */
    private final byte[] monoChunk;
    private final int frameBytes;
    /** The resampler's step in input frames per output frame, as a fraction (1/1 without resampling). */
    private final long stepNum;
    private final long stepDen;
    private long skipFrames;
    private long limitFrames;
    private long deliveredFrames;
    private byte[] scratch;

    private ConvertedSource(final AudioSource source, final FormatPlan plan) throws InputException
    {
        this.source = source;
        this.plan = plan;
        this.frameBytes = plan.targetChannels() * BYTES_PER_SAMPLE;
        long leadZeroFrames = 0;
        int tailZeroFrames = 0;
        if (plan.sourceRateHz() != plan.targetRateHz())
        {
            // the resampler's step as it computes it: the float ratio in 1/32768 frames, rounded down
            final float ratio = (float)plan.sourceRateHz() / (float)plan.targetRateHz();
            this.stepNum = (int)(ratio * (1 << 15));
            this.stepDen = STEP_ONE;
            // s output frames span s * step input frames: the smallest s making that a whole number >= the lead
            final long sUnit = STEP_ONE / BigInteger.valueOf(stepNum).gcd(BigInteger.valueOf(STEP_ONE)).longValue();
            final long spanUnit = sUnit * stepNum / STEP_ONE;
            final long m = (RESAMPLER_LEAD_FRAMES + spanUnit - 1) / spanUnit;
            skipFrames = m * sUnit;
            leadZeroFrames = m * spanUnit - RESAMPLER_LEAD_FRAMES;
            tailZeroFrames = TAIL_ZERO_FRAMES + (int)Math.ceil(ratio);
        }
        else
        {
            this.stepNum = 1;
            this.stepDen = 1;
        }
        if (1 == plan.sourceChannels() && plan.sourceRateHz() == plan.targetRateHz())
        {
            this.feed = null;
            this.converted = null;
            this.monoChunk = new byte[CHUNK_FRAMES * BYTES_PER_SAMPLE];
            this.limitFrames = source.totalFrames();
            return;
        }
        this.monoChunk = null;
        this.feed = new Feed(source, leadZeroFrames, tailZeroFrames);
        final AudioFormat from = new AudioFormat(plan.sourceRateHz(), 16, plan.sourceChannels(), true, false);
        final AudioFormat to = new AudioFormat(plan.targetRateHz(), 16, plan.targetChannels(), true, false);
        try
        {
            this.converted = AudioSystem.getAudioInputStream(to,
                new AudioInputStream(feed, from, AudioSystem.NOT_SPECIFIED));
        }
        catch (final IllegalArgumentException e)
        {
            throw new InputException("no converter from " + from + " to " + to);
        }
        this.limitFrames = source.totalFrames() < 0 ? -1 : convertedFrames(source.totalFrames());
    }

    /**
     * The input as the codec takes it: the input itself when it fits, converted otherwise (said in one line on
     * {@code err} unless quiet), or refused when conversion is off.
     *
     * @param input   the decoded file.
     * @param options the run ({@link TestbedConfig#convert()}, {@link TestbedConfig#quiet()}).
     * @param codec   what the codec takes.
     * @param err     where the one line goes.
     * @return the source to play.
     * @throws InputException (one line) with {@code --no-convert} when the input does not fit, or when no conversion
     *                        fits ({@link FormatPlan#choose}).
     */
    static AudioSource forCodec(final AudioSource input, final TestbedConfig options, final PcmCapabilities codec,
        final PrintStream err) throws InputException
    {
        final FormatPlan plan;
        try
        {
            plan = FormatPlan.choose(input.sampleRate(), input.channels(), codec);
        }
        catch (final InputException e)
        {
            throw new InputException(options.source().name() + ": " + e.getMessage());
        }
        if (!plan.converts())
        {
            return input;
        }
        if (!options.convert())
        {
            throw new InputException(plan.refusal(options.source().name()));
        }
        if (!options.quiet())
        {
            err.println(plan.describe());
        }
        return new ConvertedSource(input, plan);
    }

    /**
     * Converts an input.
     *
     * @param source the input, at its start; still owned (and closed) by the caller.
     * @param plan   the conversion.
     * @return the converted stream.
     * @throws InputException when the JDK has no converter for the formats.
     */
    public static ConvertedSource of(final AudioSource source, final FormatPlan plan) throws InputException
    {
        return new ConvertedSource(source, plan);
    }

    /**
     * The converted length of an input of {@code sourceFrames}: {@code ceil(sourceFrames / step)}, the output
     * instants within the input.
     *
     * @param sourceFrames input frames.
     * @return output frames.
     */
    long convertedFrames(final long sourceFrames)
    {
        return (sourceFrames * stepDen + stepNum - 1) / stepNum;
    }

    /**
     * A progress listener for this stream's frames that passes them on as the input's frames (a progress bar
     * counts time at the file's rate).
     *
     * @param progress the listener of the file's progress.
     * @return the listener to give the converted frames to.
     */
    ProgressListener inSourceFrames(final ProgressListener progress)
    {
        return new ProgressListener()
        {
            @Override
            public void onProgress(final long framesPlayed, final long totalFrames, final long xruns,
                final long underruns)
            {
                progress.onProgress(Math.min(framesPlayed * stepNum / stepDen, source.totalFrames() < 0
                    ? Long.MAX_VALUE : source.totalFrames()), source.totalFrames(), xruns, underruns);
            }

            @Override
            public void onFinish()
            {
                progress.onFinish();
            }
        };
    }

    /** {@inheritDoc} */
    @Override
    public int sampleRate()
    {
        return plan.targetRateHz();
    }

    /** {@inheritDoc} */
    @Override
    public int channels()
    {
        return plan.targetChannels();
    }

    /** {@inheritDoc} */
    @Override
    public int frameSizeBytes()
    {
        return frameBytes;
    }

    /** {@inheritDoc} */
    @Override
    public long totalFrames()
    {
        return limitFrames;
    }

    /** {@inheritDoc} */
    @Override
    public String describe()
    {
        return String.format(Locale.ROOT, "%s, converted to %d Hz, %d channels", source.describe(),
            plan.targetRateHz(), plan.targetChannels());
    }

    /** {@inheritDoc} */
    @Override
    public long framesDecoded()
    {
        return deliveredFrames;
    }

    /** {@inheritDoc} */
    @Override
    public int readFrames(final byte[] dst, final int offset, final int maxFrames) throws InputException
    {
        if (maxFrames <= 0 || offset < 0 || offset + (long)maxFrames * frameBytes > dst.length)
        {
            throw new IllegalArgumentException("bad range: offset " + offset + ", maxFrames " + maxFrames
                + ", dst " + dst.length + " bytes");
        }
        skipLead();
        if (limitFrames >= 0 && deliveredFrames >= limitFrames)
        {
            return -1;
        }
        final int frames = read(dst, offset, maxFrames);
        if (limitFrames < 0 && null != feed && feed.ended)
        {
            limitFrames = convertedFrames(feed.sourceFrames);
        }
        if (frames < 0)
        {
            return -1;
        }
        final int kept = limitFrames < 0 ? frames : (int)Math.min(frames, limitFrames - deliveredFrames);
        if (kept <= 0)
        {
            return -1;
        }
        deliveredFrames += kept;
        return kept;
    }

    private void skipLead() throws InputException
    {
        while (skipFrames > 0)
        {
            if (null == scratch)
            {
                scratch = new byte[CHUNK_FRAMES * frameBytes];
            }
            final int frames = read(scratch, 0, (int)Math.min(CHUNK_FRAMES, skipFrames));
            if (frames < 0)
            {
                skipFrames = 0;
                return;
            }
            skipFrames -= frames;
        }
    }

    /** Reads at least one converted frame, or -1 at the end. */
    private int read(final byte[] dst, final int offset, final int maxFrames) throws InputException
    {
        if (null != monoChunk)
        {
            return copyMono(dst, offset, maxFrames);
        }
        try
        {
            int bytes;
            do
            {
                bytes = converted.read(dst, offset, maxFrames * frameBytes);
            }
            while (0 == bytes);
            return bytes < 0 ? -1 : bytes / frameBytes;
        }
        catch (final IOException e)
        {
            if (null != feed.failure)
            {
                throw feed.failure;
            }
            throw new InputException("converting the input failed: " + e.getMessage());
        }
    }

    /** Reads mono frames and writes each sample to every channel of a frame, or -1 at the end. */
    private int copyMono(final byte[] dst, final int offset, final int maxFrames) throws InputException
    {
        final int frames = source.readFrames(monoChunk, 0, Math.min(maxFrames, CHUNK_FRAMES));
        if (frames <= 0)
        {
            return -1;
        }
        final int channels = plan.targetChannels();
        if (2 == channels)
        {
            // a stereo frame is the mono sample twice: one 32-bit store per frame
            for (int i = 0; i < frames; i++)
            {
                final int sample = (short)SAMPLE_LE.get(monoChunk, 2 * i) & 0xffff;
                FRAME_LE.set(dst, offset + 4 * i, sample | sample << 16);
            }
            return frames;
        }
        int out = offset;
        for (int i = 0; i < frames; i++)
        {
            final byte lo = monoChunk[2 * i];
            final byte hi = monoChunk[2 * i + 1];
            for (int c = 0; c < channels; c++)
            {
                dst[out++] = lo;
                dst[out++] = hi;
            }
        }
        return frames;
    }

    /** {@inheritDoc} The input stays open: its owner closes it. */
    @Override
    public void close()
    {
        // the converter holds nothing but buffers over the input
    }

    /**
     * The converter's input: {@code leadZeroFrames} zero frames, then the source's frames, counted; a source failure
     * is kept to be rethrown as itself.
     */
    private static final class Feed extends InputStream
    {
        private final AudioSource source;
        private final byte[] chunk;
        private long leadBytes;
        private long tailBytes;
        private int chunkPos;
        private int chunkLen;
        long sourceFrames;
        boolean ended;
        InputException failure;

        Feed(final AudioSource source, final long leadZeroFrames, final int tailZeroFrames)
        {
            this.source = source;
            this.chunk = new byte[CHUNK_FRAMES * source.frameSizeBytes()];
            this.leadBytes = leadZeroFrames * source.frameSizeBytes();
            this.tailBytes = (long)tailZeroFrames * source.frameSizeBytes();
        }

        @Override
        public int read() throws IOException
        {
            final byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(final byte[] b, final int off, final int len) throws IOException
        {
            if (0 == len)
            {
                return 0;
            }
            if (leadBytes > 0)
            {
                final int n = (int)Math.min(len, leadBytes);
                Arrays.fill(b, off, off + n, (byte)0);
                leadBytes -= n;
                return n;
            }
            if (chunkPos == chunkLen && !fill())
            {
                if (tailBytes <= 0)
                {
                    return -1;
                }
                final int n = (int)Math.min(len, tailBytes);
                Arrays.fill(b, off, off + n, (byte)0);
                tailBytes -= n;
                return n;
            }
            final int n = Math.min(len, chunkLen - chunkPos);
            System.arraycopy(chunk, chunkPos, b, off, n);
            chunkPos += n;
            return n;
        }

        private boolean fill() throws IOException
        {
            if (ended)
            {
                return false;
            }
            final int frames;
            try
            {
                frames = source.readFrames(chunk, 0, CHUNK_FRAMES);
            }
            catch (final InputException e)
            {
                failure = e;
                throw new IOException(e.getMessage(), e);
            }
            if (frames < 0)
            {
                ended = true;
                return false;
            }
            sourceFrames += frames;
            chunkPos = 0;
            chunkLen = frames * source.frameSizeBytes();
            return true;
        }
    }
}
