package dev.azalia.driver;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.hda.StreamFormat;
import dev.azalia.sound.Errno;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmHardware;
import dev.azalia.sound.PcmOps;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.sound.SoundException;
import dev.azalia.sound.TriggerCommand;

/**
 * The PCM operations of the HD-Audio driver ({@code azx_pcm_ops}): a stream descriptor per open substream, one BDL
 * entry per period with IOC, stream reset and setup on prepare, codec converter setup, trigger with SSYNC and the
 * FIFO-ready wait, and the pointer from the DMA position buffer (or LPIB).
 *
 * <p>Threading as {@link PcmOps} documents: trigger and pointer under the PCM stream lock (pointer on the
 * interrupt thread), the rest on the application thread.
 */
public final class AzxPcmOps implements PcmOps
{
    /**
     * The controller's PCM template ({@code azx_pcm_hw}): S16_LE, 48 kHz, stereo, and the period and buffer limits; as
     * in Linux without {@code SNDRV_PCM_INFO_RESUME}: a suspended stream is re-prepared by the application. At open
     * the rates, formats and channels are replaced by the codec's ({@link CodecDriver#playbackCapabilities}).
     */
    public static final PcmHardware HARDWARE = new PcmHardware(new int[] {48_000}, 2, 2, new int[] {16}, 128,
        512 * 1024, 2, 32, 1024 * 1024, false);
    /** {@link #HARDWARE} with resume: Azalia's full-resume extension, for policies whose {@code fullResume()}. */
    public static final PcmHardware HARDWARE_FULL_RESUME = new PcmHardware(HARDWARE.rates(), 2, 2,
        HARDWARE.bitsPerSample(), 128, 512 * 1024, 2, 32, 1024 * 1024, true);

    private final AzxChip chip;
    private final CodecDriver codec;

    /**
     * PCM ops for the chip's first codec.
     *
     * @param chip  the controller.
     * @param codec the codec whose DAC plays the stream.
     */
    AzxPcmOps(final AzxChip chip, final CodecDriver codec)
    {
        this.chip = chip;
        this.codec = codec;
    }

    private static AzxStream stream(final PcmSubstream s)
    {
        return (AzxStream)s.privateData();
    }

    /** {@inheritDoc} */
    @Override
    public void open(final PcmSubstream s)
    {
        enter();
        try
        {
            doOpen(s);
        }
        finally
        {
            exit();
        }
    }

    private void enter()
    {
        chip.pcmRwsem().readLock().lock();
        chip.gate().enter();
    }

    private void exit()
    {
        chip.gate().exit();
        chip.pcmRwsem().readLock().unlock();
    }

    private void doOpen(final PcmSubstream s)
    {
        chip.runtimePm().getSync();
        chip.codecPm().get();
        final AzxStream stream = chip.streams().assignPlayback(s);
        if (null == stream)
        {
            chip.codecPm().put();
            chip.runtimePm().put();
            throw new SoundException(Errno.EBUSY, "no free playback stream");
        }
        s.setPrivateData(stream);
        // azx_pcm_open: the codec's rates, formats and channels (the generic parser's stream narrowed by
        // snd_hda_multi_out_analog_open) within the controller's limits
        s.setRuntimeHardware(codec.playbackCapabilities()
            .hardware(chip.policy().fullResume() ? HARDWARE_FULL_RESUME : HARDWARE));
        chip.kernel().tracepoints().azxPcmOpen(stream.tag());
    }

    /** {@inheritDoc} */
    @Override
    public void close(final PcmSubstream s)
    {
        enter();
        try
        {
            doClose(s);
        }
        finally
        {
            exit();
        }
    }

    private void doClose(final PcmSubstream s)
    {
        final AzxStream stream = stream(s);
        if (null != stream)
        {
            chip.kernel().tracepoints().azxPcmClose(stream.tag());
            chip.streams().release(stream);
            s.setPrivateData(null);
        }
        chip.codecPm().put();
        chip.runtimePm().put();
    }

    /** {@inheritDoc} */
    @Override
    public void hwParams(final PcmSubstream s, final HwParams params)
    {
        final AzxStream stream = stream(s);
        chip.kernel().tracepoints().azxPcmHwParams(stream.tag());
        stream.bufferBytes = 0;
        stream.periodBytes = 0;
        stream.formatVal = 0;
    }

    /** {@inheritDoc} */
    @Override
    public void hwFree(final PcmSubstream s)
    {
        enter();
        try
        {
            doHwFree(s);
        }
        finally
        {
            exit();
        }
    }

    private void doHwFree(final PcmSubstream s)
    {
        final AzxStream stream = stream(s);
        stream.cleanup();
        codec.cleanupStream();
    }

    /** {@inheritDoc} */
    @Override
    public void prepare(final PcmSubstream s)
    {
        enter();
        try
        {
            doPrepare(s);
        }
        finally
        {
            exit();
        }
    }

    private void doPrepare(final PcmSubstream s)
    {
        final AzxStream stream = stream(s);
        chip.kernel().tracepoints().azxPcmPrepare(stream.tag());
        final HwParams p = s.hwParams();
        final int format = StreamFormat.of(p.sampleRate(), p.bitsPerSample(), p.channels()).word();
        stream.reset();
        // snd_hdac_stream_set_params: the BDL is rebuilt only when the parameters changed (hw_params clears them)
        if (stream.bufferBytes != p.bufferBytes() || stream.periodBytes != p.periodBytes()
            || stream.formatVal != format || stream.bufferAddress != s.dmaAddress() || stream.resumeOffsetBytes != 0)
        {
            stream.bufferAddress = s.dmaAddress();
            stream.bufferBytes = p.bufferBytes();
            stream.periodBytes = p.periodBytes();
            stream.periods = p.periods();
            stream.formatVal = format;
            stream.setupPeriods(posAdjBytes(p));
        }
        stream.periodWallclk = (int)((long)p.periodFrames() * 24_000L / p.sampleRate() * 1000L);
        stream.setup(chip.identity().snoopOff());
        codec.setupStream(stream.tag(), format);
        stream.prepared = true;
    }

    /**
     * The BDL lead entry's size: {@code bdl_pos_adj} frames at 48 kHz scaled to the rate (rounded up to a multiple
     * of the setting), in bytes; 0 when it would not fit in a period ("Too big adjustment").
     */
    private int posAdjBytes(final HwParams p)
    {
        final int align = chip.identity().bdlPosAdjFrames();
        if (align <= 0)
        {
            return 0;
        }
        int frames = (int)(((long)align * p.sampleRate() + 47_999L) / 48_000L);
        frames = frames == 0 ? align : (frames + align - 1) / align * align;
        final int bytes = frames * p.frameBytes();
        if (bytes >= p.periodBytes())
        {
            chip.kernel().log().warn(chip.source(), "Too big adjustment " + bytes);
            return 0;
        }
        return bytes;
    }

    /**
     * Re-programs a prepared stream so that DMA starts at {@code offsetBytes} into the buffer (full resume): the
     * BDL is rotated to begin there and positions are reported relative to it.
     *
     * @param s           the substream.
     * @param offsetBytes where playback stopped, in bytes into the buffer.
     */
    public void reprogramAt(final PcmSubstream s, final int offsetBytes)
    {
        reprogramAt(stream(s), offsetBytes);
    }

    /**
     * Re-programs a stream to start at {@code offsetBytes} into its buffer.
     *
     * @param stream      the stream.
     * @param offsetBytes where playback stopped, in bytes into the buffer.
     */
    void reprogramAt(final AzxStream stream, final int offsetBytes)
    {
        stream.reset();
        stream.writeBdl(offsetBytes);
        stream.setup(chip.identity().snoopOff());
        codec.setupStream(stream.tag(), stream.formatVal);
    }

    /** {@inheritDoc} */
    @Override
    public void trigger(final PcmSubstream s, final TriggerCommand cmd)
    {
        chip.kernel().tracepoints().azxPcmTrigger(chip.card().number(), stream(s).index(), cmd.linuxValue());
        final boolean task = !chip.irqPath().inInterrupt();
        if (task)
        {
            chip.gate().enter();
        }
        try
        {
            doTrigger(stream(s), cmd);
        }
        finally
        {
            if (task)
            {
                chip.gate().exit();
            }
        }
    }

    private void doTrigger(final AzxStream stream, final TriggerCommand cmd)
    {
        final boolean start;
        switch (cmd)
        {
            case START, PAUSE_RELEASE, RESUME -> start = true;
            case STOP, SUSPEND, PAUSE_PUSH -> start = false;
            default -> throw new SoundException(Errno.EINVAL, "unknown trigger " + cmd);
        }
        if (TriggerCommand.RESUME == cmd)
        {
            // full resume: the link reset lost the stream's registers; start again exactly where it stopped
            reprogramAt(stream, stream.suspendedAtBytes);
        }
        final ChipRegisters regs = chip.registers();
        final int sbit = 1 << stream.index();
        final int ssync = chip.identity().ssyncOffset();
        chip.regLock().lock();
        try
        {
            regs.updatel(ssync, 0, sbit);
            if (start)
            {
                // Linux starts fresh on START and PAUSE_RELEASE; only this driver's RESUME continues (extension)
                stream.start(TriggerCommand.RESUME != cmd);
            }
            else
            {
                stream.stop();
            }
        }
        finally
        {
            chip.regLock().unlock();
        }
        stream.sync(start);
        chip.regLock().lock();
        try
        {
            regs.updatel(ssync, sbit, 0);
            if (start)
            {
                // snd_hdac_stream_timecounter_init: the cycle counter's first WALLCLK read
                stream.timecounterWallclk = regs.readl(HdaRegisters.WALCLK);
            }
        }
        finally
        {
            chip.regLock().unlock();
        }
        if (TriggerCommand.SUSPEND == cmd)
        {
            stream.suspendedAtBytes = chip.irqPath().position(stream);
        }
    }

    /** {@inheritDoc} */
    @Override
    public long pointer(final PcmSubstream s)
    {
        final AzxStream stream = stream(s);
        if (chip.irqPath().inInterrupt() || chip.usesPositionBuffer() && !chip.irqPath().countsLpibDelay())
        {
            // the handler runs with the line masked during a move; the position buffer is host memory (an ID that
            // counts the LPIB delay reads SDnLPIB as well, so it passes the gate)
            return tracedPosition(stream) / s.hwParams().frameBytes();
        }
        chip.gate().enter();
        try
        {
            return tracedPosition(stream) / s.hwParams().frameBytes();
        }
        finally
        {
            chip.gate().exit();
        }
    }

    /** {@code azx_get_position}: the position in bytes, traced. */
    private int tracedPosition(final AzxStream stream)
    {
        final int posBytes = chip.irqPath().position(stream);
        chip.kernel().tracepoints().azxGetPosition(chip.card().number(), stream.index(), posBytes, 0);
        return posBytes;
    }
}
