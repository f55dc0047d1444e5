package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;

import dev.azalia.log.KernelLog;
import dev.azalia.pci.DmaMemory;
import dev.azalia.time.VirtualNanoClock;

import java.util.ArrayList;
import java.util.List;

/**
 * A controller on a virtual clock plus a driver that touches it the way Linux's hdac core / snd_hda_intel do
 * (the sequences of the reference's section b), with their poll loops; a poll that runs out records the message
 * Linux would print.
 */
final class HdaBench
{
    static final int RIRB_OFFSET = 2048;
    /** Long enough for a CORB full of verbs to one codec to go out on the link and be answered (257 frames). */
    static final long LINK_WAIT_NANOS = 6_000_000L;

    final VirtualNanoClock clock = new VirtualNanoClock(5_000_000_000L);
    final DmaMemory memory = new DmaMemory(4 << 20);
    final RecordingPin pin = new RecordingPin();
    final KernelLog log = new KernelLog(clock);
    final HdaController hda = new HdaController(memory, clock, pin, log);
    final VirtualLinkClock link = new VirtualLinkClock(hda, clock);
    final List<String> errors = new ArrayList<>();
    final long rb = memory.allocate(4096, 4096);
    final long posbuf = memory.allocate(4096, 4096);
    int rirbRp;

    int readl(final int off)
    {
        return hda.read(off, 4);
    }

    int readw(final int off)
    {
        return hda.read(off, 2);
    }

    int readb(final int off)
    {
        return hda.read(off, 1);
    }

    void writel(final int off, final int v)
    {
        hda.write(off, 4, v);
    }

    void writew(final int off, final int v)
    {
        hda.write(off, 2, v);
    }

    void writeb(final int off, final int v)
    {
        hda.write(off, 1, v);
    }

    /** snd_hdac_bus_reset_link (full reset) with its polls; each poll iteration waits 500 us of virtual time. */
    boolean resetLink()
    {
        writew(STATESTS, STATESTS_INT_MASK);
        writel(GCTL, readl(GCTL) & ~GCTL_CRST);
        int timeout = 200;
        while ((readb(GCTL) & GCTL_CRST) != 0 && --timeout > 0)
        {
            clock.advance(500_000L);
        }
        clock.advance(500_000L);
        writeb(GCTL, readb(GCTL) | GCTL_CRST);
        timeout = 200;
        while (readb(GCTL) == 0 && --timeout > 0)
        {
            clock.advance(500_000L);
        }
        clock.advance(1_000_000L);
        if ((readb(GCTL) & GCTL_CRST) == 0)
        {
            errors.add("controller not ready!");
            return false;
        }
        return true;
    }

    /** azx_int_clear. */
    void intClear()
    {
        for (int i = 0; i < NUM_STREAMS; i++)
        {
            writeb(sdRegister(i, SD_STS), SD_INT_MASK);
        }
        writew(STATESTS, STATESTS_INT_MASK);
        writeb(RIRBSTS, RIRBSTS_RINTFL | RIRBSTS_RIRBOIS);
        writel(INTSTS, INTSTS_CIS | INTSTS_SIS_MASK);
    }

    /** azx_clear_corbrp, polling 1000 x 1 us each way. */
    void clearCorbrp()
    {
        int timeout;
        for (timeout = 1000; timeout > 0; timeout--)
        {
            if ((readw(CORBRP) & CORBRP_RST) != 0)
            {
                break;
            }
            clock.advance(1_000L);
        }
        if (timeout <= 0)
        {
            errors.add("CORB reset timeout#1, CORBRP = " + readw(CORBRP));
        }
        writew(CORBRP, 0);
        for (timeout = 1000; timeout > 0; timeout--)
        {
            if (readw(CORBRP) == 0)
            {
                break;
            }
            clock.advance(1_000L);
        }
        if (timeout <= 0)
        {
            errors.add("CORB reset timeout#2, CORBRP = " + readw(CORBRP));
        }
    }

    /** snd_hdac_bus_init_cmd_io. */
    void initCmdIo()
    {
        writel(CORBLBASE, (int)rb);
        writel(CORBUBASE, (int)(rb >>> 32));
        writeb(CORBSIZE, 0x02);
        writew(CORBWP, 0);
        writew(CORBRP, CORBRP_RST);
        clearCorbrp();
        writeb(CORBCTL, CORBCTL_RUN);
        writel(RIRBLBASE, (int)(rb + RIRB_OFFSET));
        writel(RIRBUBASE, (int)((rb + RIRB_OFFSET) >>> 32));
        writeb(RIRBSIZE, 0x02);
        writew(RIRBWP, RIRBWP_RST);
        rirbRp = 0;
        writew(RINTCNT, 1);
        writeb(RIRBCTL, RIRBCTL_DMAEN | RIRBCTL_RINTCTL);
        writel(GCTL, readl(GCTL) | GCTL_UNSOL);
    }

    /** azx_init_chip: reset link, clear, command io, enable interrupts, position buffer base. */
    void initChip()
    {
        resetLink();
        intClear();
        initCmdIo();
        writel(INTCTL, readl(INTCTL) | INTCTL_CIE | INTCTL_GIE);
        writel(DPLBASE, (int)posbuf);
        writel(DPUBASE, (int)(posbuf >>> 32));
    }

    /** snd_hdac_bus_send_cmd; returns 0, -EIO or -EAGAIN as Linux does. */
    int sendCmd(final int verb)
    {
        int wp = readw(CORBWP);
        if (wp == 0xffff)
        {
            return -5;
        }
        wp = (wp + 1) % RING_ENTRIES;
        if (wp == readw(CORBRP))
        {
            return -11;
        }
        memory.writeInt(rb + 4L * wp, verb);
        writew(CORBWP, wp);
        awaitLink();
        return 0;
    }

    /** Lets the link run until what was published has gone out and been answered (see {@link CommandRings}). */
    void awaitLink()
    {
        link.step(LINK_WAIT_NANOS);
    }

    /** Writes verbs into the CORB and publishes them with one CORBWP write, then lets the link answer them. */
    void queueVerbs(final int... verbs)
    {
        queueVerbsNoWait(verbs);
        awaitLink();
    }

    /** Writes verbs into the CORB and publishes them with one CORBWP write. */
    void queueVerbsNoWait(final int... verbs)
    {
        int wp = readw(CORBWP);
        for (final int v : verbs)
        {
            wp = (wp + 1) % RING_ENTRIES;
            memory.writeInt(rb + 4L * wp, v);
        }
        writew(CORBWP, wp);
    }

    /** snd_hdac_bus_update_rirb + the RIRBSTS ack of azx_interrupt; returns {response, ex} pairs. */
    List<int[]> updateRirb()
    {
        final List<int[]> out = new ArrayList<>();
        final int wp = readw(RIRBWP);
        while (rirbRp != wp)
        {
            rirbRp = (rirbRp + 1) % RING_ENTRIES;
            final long at = rb + RIRB_OFFSET + 8L * rirbRp;
            out.add(new int[] {memory.readInt(at), memory.readInt(at + 4)});
        }
        return out;
    }

    void ackRirb()
    {
        writeb(RIRBSTS, RIRBSTS_RINTFL | RIRBSTS_RIRBOIS);
    }

    /** Builds a BDL of {@code periods} entries of {@code periodBytes} each, IOC on every entry. */
    long buildBdl(final long buffer, final int periods, final int periodBytes)
    {
        final long bdl = memory.allocate(BDL_ENTRY_BYTES * BDL_MAX_ENTRIES, 128);
        for (int e = 0; e < periods; e++)
        {
            final long at = bdl + (long)BDL_ENTRY_BYTES * e;
            memory.writeLong(at, buffer + (long)e * periodBytes);
            memory.writeInt(at + 8, periodBytes);
            memory.writeInt(at + 12, BDL_IOC);
        }
        return bdl;
    }

    /** snd_hdac_stream_clear. */
    void streamClear(final int sd)
    {
        writeb(sdRegister(sd, SD_CTL), readb(sdRegister(sd, SD_CTL)) & ~(SD_CTL_RUN | SD_INT_MASK));
        writeb(sdRegister(sd, SD_STS), SD_INT_MASK);
    }

    /** snd_hdac_stream_reset with its SRST polls; true if both polls succeeded. */
    boolean streamReset(final int sd)
    {
        final int ctl = sdRegister(sd, SD_CTL);
        streamClear(sd);
        writeb(ctl, readb(ctl) | SD_CTL_SRST);
        int timeout = 300;
        while ((readb(ctl) & SD_CTL_SRST) == 0 && --timeout > 0)
        {
            clock.advance(3_000L);
        }
        final boolean entered = timeout > 0;
        writeb(ctl, readb(ctl) & ~SD_CTL_SRST);
        timeout = 300;
        while ((readb(ctl) & SD_CTL_SRST) != 0 && --timeout > 0)
        {
            clock.advance(3_000L);
        }
        memory.writeInt(posbuf + 8L * sd, 0);
        return entered && timeout > 0;
    }

    /** snd_hdac_stream_setup. */
    void streamSetup(final int sd, final int tag, final StreamFormat format, final int cbl, final int lvi,
        final long bdl)
    {
        streamClear(sd);
        int val = readl(sdRegister(sd, SD_CTL));
        val = (val & ~SD_CTL_STRM_MASK) | tag << SD_CTL_STRM_SHIFT;
        writel(sdRegister(sd, SD_CTL), val);
        writel(sdRegister(sd, SD_CBL), cbl);
        writew(sdRegister(sd, SD_FMT), format.word());
        writew(sdRegister(sd, SD_LVI), lvi);
        writel(sdRegister(sd, SD_BDPL), (int)bdl);
        writel(sdRegister(sd, SD_BDPU), (int)(bdl >>> 32));
        if ((readl(DPLBASE) & DPLBASE_ENABLE) == 0)
        {
            writel(DPLBASE, (int)posbuf | DPLBASE_ENABLE);
        }
        writeb(sdRegister(sd, SD_CTL), readb(sdRegister(sd, SD_CTL)) | SD_INT_MASK);
    }

    /**
     * Resets, sets up and starts an output stream of 48 kHz stereo 16-bit frames over a new buffer of {@code periods}
     * IOC entries.
     *
     * @return true if the stream started.
     */
    boolean startStereoOutput(final int sd, final int tag, final int periods, final int periodBytes)
    {
        final long buffer = memory.allocate(periods * periodBytes, 128);
        streamReset(sd);
        streamSetup(sd, tag, StreamFormat.of(48_000, 16, 2), periods * periodBytes, periods - 1,
            buildBdl(buffer, periods, periodBytes));
        return streamStart(sd);
    }

    /** snd_hdac_stream_start + the FIFORDY sync poll. */
    boolean streamStart(final int sd)
    {
        writel(INTCTL, readl(INTCTL) | 1 << sd);
        writeb(sdRegister(sd, SD_CTL), readb(sdRegister(sd, SD_CTL)) | SD_CTL_RUN | SD_INT_MASK);
        for (int i = 0; i < 5000; i++)
        {
            if ((readb(sdRegister(sd, SD_STS)) & SD_STS_FIFORDY) != 0)
            {
                return true;
            }
        }
        return false;
    }

    /** snd_hdac_stream_stop. */
    void streamStop(final int sd)
    {
        streamClear(sd);
        writel(INTCTL, readl(INTCTL) & ~(1 << sd));
    }

    int posbufSlot(final int sd)
    {
        return memory.readIntAcquire(posbuf + 8L * sd);
    }
}
