package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.azalia.hda.GuestErrors.Kind;
import dev.azalia.hda.codec.Codec;
import dev.azalia.hda.codec.CodecBus;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hostile driver's stream descriptors and nested accesses: a stream is validated when RUN goes 0 to 1 (DESE, RUN
 * left clear, the interrupt with DEIE), its BDL snapshot is trusted until the next start, work per clock step is
 * bounded, and a nested access from inside the device is refused. Linux's own BDL layouts still start. Case ids refer
 * to the reliability reference's hostile-case table.
 */
final class HostileStreamStartTest
{
    private static final int SD = 4;
    private static final int TAG = 5;
    private static final StreamFormat STEREO = StreamFormat.of(48_000, 16, 2);

    private final HdaBench bench = new HdaBench();
    private final TestCodec codec = new TestCodec(0, TAG);

    @BeforeEach
    void initChip()
    {
        bench.hda.attachCodec(codec);
        bench.initChip();
    }

    private long bdlOf(final long[] addresses, final int[] lengths)
    {
        final long bdl = bench.memory.allocate(BDL_ENTRY_BYTES * BDL_MAX_ENTRIES, 128);
        for (int e = 0; e < lengths.length; e++)
        {
            bench.memory.writeLong(bdl + (long)BDL_ENTRY_BYTES * e, addresses[e]);
            bench.memory.writeInt(bdl + (long)BDL_ENTRY_BYTES * e + 8, lengths[e]);
            bench.memory.writeInt(bdl + (long)BDL_ENTRY_BYTES * e + 12, BDL_IOC);
        }
        return bdl;
    }

    private boolean start(final int sd, final int tag, final StreamFormat format, final long cbl, final int lvi,
        final long bdl)
    {
        bench.streamReset(sd);
        bench.streamSetup(sd, tag, format, (int)cbl, lvi, bdl);
        bench.streamStart(sd);
        return bench.hda.running(sd);
    }

    private void assertRefused(final int sd)
    {
        assertThat(bench.hda.running(sd)).isFalse();
        assertThat(bench.readb(sdRegister(sd, SD_STS)) & SD_STS_DESE).isEqualTo(SD_STS_DESE);
        assertThat(bench.readb(sdRegister(sd, SD_CTL)) & SD_CTL_RUN).as("RUN left clear").isZero();
        assertThat(bench.readl(INTSTS) & 1 << sd).as("DEIE: the stream's interrupt").isNotZero();
        bench.link.step(10_000_000L);
        assertThat(bench.hda.lpib(sd)).isZero();
        assertThat(bench.hda.failures()).isEmpty();
    }

    private long twoPeriods()
    {
        return bench.buildBdl(bench.memory.allocate(2 * 1920, 128), 2, 1920);
    }

    @Test
    void shouldRefuseABdlOfZeroLengthEntries()
    {
        // H04 (CVE-2016-8909): 256 entries of length 0.
        final long bdl = bdlOf(new long[BDL_MAX_ENTRIES], new int[BDL_MAX_ENTRIES]);
        assertThat(start(SD, TAG, STEREO, 1920, 0xff, bdl)).isFalse();
        assertRefused(SD);
    }

    @Test
    void shouldRefuseCblSmallerThanTheEntriesSum()
    {
        // H05: CBL < sum.
        assertThat(start(SD, TAG, STEREO, 1920, 1, twoPeriods())).isFalse();
        assertRefused(SD);
        assertThat(bench.hda.guestErrors(Kind.BAD_DESCRIPTOR)).isEqualTo(1);
        assertThat(bench.log.lines().stream().filter(l -> l.contains("stream descriptor refused at RUN (SD4)")))
            .hasSize(1);
    }

    @Test
    void shouldRefuseCblLargerThanTheEntriesSum()
    {
        // H05: CBL > sum.
        assertThat(start(SD, TAG, STEREO, 3 * 1920, 1, twoPeriods())).isFalse();
        assertRefused(SD);
    }

    @Test
    void shouldRefuseAHugeCblAndEntriesSummingTo2GiB()
    {
        // H06: CBL 0xFFFFFFF0 with a small BDL, then two 1 GiB entries with CBL = 2 GiB: nothing sized from them.
        assertThat(start(SD, TAG, STEREO, 0xffff_fff0L, 1, twoPeriods())).isFalse();
        assertRefused(SD);
        final long buffer = bench.memory.allocate(4096, 128);
        final long bdl = bdlOf(new long[] {buffer, buffer}, new int[] {1 << 30, 1 << 30});
        assertThat(start(SD, TAG, STEREO, 1L << 31, 1, bdl)).isFalse();
        assertRefused(SD);
    }

    @Test
    void shouldMaskLviToEightBitsAndRunASingleEntryWithLviZero()
    {
        // H07.
        bench.writew(sdRegister(SD, SD_LVI), 0xffff);
        assertThat(bench.readw(sdRegister(SD, SD_LVI))).isEqualTo(0xff);
        final long buffer = bench.memory.allocate(1920, 128);
        assertThat(start(SD, TAG, STEREO, 1920, 0, bdlOf(new long[] {buffer}, new int[] {1920}))).isTrue();
        bench.link.step(15_000_000L);
        assertThat(bench.hda.lpib(SD)).as("wrapped once within the single entry").isEqualTo(960);
    }

    @Test
    void shouldIgnoreTheLowSevenBitsOfTheBdlBase()
    {
        // H10: BDPL's write mask is 0xFFFFFF80.
        final long bdl = twoPeriods();
        bench.streamReset(SD);
        bench.streamSetup(SD, TAG, STEREO, 2 * 1920, 1, bdl);
        bench.writel(sdRegister(SD, SD_BDPL), (int)bdl | 0x7f);
        assertThat(bench.readl(sdRegister(SD, SD_BDPL))).isEqualTo((int)bdl);
        bench.streamStart(SD);
        assertThat(bench.hda.running(SD)).isTrue();
    }

    @Test
    void shouldRefuseEntriesThatAreNotWholeSamplesAndCblNotWholeFrames()
    {
        // H11: a 16-bit stream with an odd entry length; then CBL not a multiple of the 4-byte frame.
        final long buffer = bench.memory.allocate(4096, 128);
        assertThat(start(SD, TAG, STEREO, 1922, 1, bdlOf(new long[] {buffer, buffer + 961}, new int[] {961, 961})))
            .isFalse();
        assertRefused(SD);
        assertThat(start(SD, TAG, STEREO, 1922, 1, bdlOf(new long[] {buffer, buffer + 960}, new int[] {960, 962})))
            .isFalse();
        assertRefused(SD);
    }

    @Test
    void shouldStartLinuxBdlLayoutsWithAPosAdjEntryAndPageSplits()
    {
        // Linux's bdl_pos_adj entry (one frame, the next entry 4 bytes into the buffer, not 128-byte aligned) and a
        // 6-channel 16-bit period split at a 4 KiB page boundary (4096 bytes, not whole 12-byte frames).
        final long buffer = bench.memory.allocate(4 * 4800, 4096);
        final long bdl = bdlOf(new long[] {buffer, buffer + 4, buffer + 1920},
            new int[] {4, 1916, 1920});
        assertThat(start(SD, TAG, STEREO, 3840, 2, bdl)).isTrue();
        bench.link.step(25_000_000L);
        assertThat(bench.hda.failures()).isEmpty();
        assertThat(bench.readb(sdRegister(SD, SD_STS)) & (SD_STS_DESE | SD_STS_FIFOE)).isZero();

        final StreamFormat six = StreamFormat.of(48_000, 16, 6);
        final long split = bdlOf(new long[] {buffer, buffer + 4096, buffer + 4800},
            new int[] {4096, 704, 4800});
        assertThat(start(6, 7, six, 9600, 2, split)).isTrue();
    }

    @Test
    void shouldKeepTheSnapshotTakenAtRunWhenTheBdlIsRewritten()
    {
        // H12: entries rewritten while RUN = 1 are not re-read until RUN goes 1 -> 0 -> 1.
        final long buffer = bench.memory.allocate(2 * 1920, 128);
        for (int i = 0; i < 2 * 1920; i += 2)
        {
            bench.memory.writeShort(buffer + i, 0x1111);
        }
        final long other = bench.memory.allocate(2 * 1920, 128);
        final long bdl = bench.buildBdl(buffer, 2, 1920);
        assertThat(start(SD, TAG, STEREO, 2 * 1920, 1, bdl)).isTrue();
        bench.link.step(5_000_000L);
        bench.memory.writeLong(bdl, other);
        bench.memory.writeLong(bdl + BDL_ENTRY_BYTES, other + 1920);
        bench.memory.writeInt(bdl + 8, 0);
        bench.link.step(40_000_000L);

        assertThat(codec.received()).hasSize(45 * 192).containsOnly(0x11);
        assertThat(bench.hda.running(SD)).isTrue();
    }

    @Test
    void shouldRefuseTagZero()
    {
        // H13: tag 0 means unused.
        assertThat(start(SD, 0, STEREO, 2 * 1920, 1, twoPeriods())).isFalse();
        assertRefused(SD);
    }

    @Test
    void shouldMaskTheTagToFourBits()
    {
        // H14: all ones written to SDnCTL's upper bytes: the tag is bits 23:20.
        bench.writel(sdRegister(SD, SD_CTL), 0xffff_fffc);
        assertThat(bench.readl(sdRegister(SD, SD_CTL)) >>> SD_CTL_STRM_SHIFT & 0xff).isEqualTo(0x0f);
        assertThat(bench.readb(sdRegister(SD, SD_CTL)) & SD_CTL_RUN).isZero();
    }

    @Test
    void shouldRefuseASecondRunningStreamOfTheSameDirectionAndTag()
    {
        // H15: the first stream keeps the tag; another direction may use it.
        assertThat(start(SD, TAG, STEREO, 2 * 1920, 1, twoPeriods())).isTrue();
        assertThat(start(SD + 1, TAG, STEREO, 2 * 1920, 1, twoPeriods())).isFalse();
        assertRefused(SD + 1);
        assertThat(bench.hda.running(SD)).isTrue();
        assertThat(start(0, TAG, STEREO, 2 * 1920, 1, twoPeriods())).as("an input stream").isTrue();
        bench.streamStop(SD);
        assertThat(start(SD + 1, TAG, STEREO, 2 * 1920, 1, twoPeriods())).as("the tag is free again").isTrue();
    }

    @Test
    void shouldRefuseAnUnsupportedFormat()
    {
        // Rule 4: FMT with a reserved bits code (5) or rate multiplier (x3).
        final long bdl = twoPeriods();
        bench.streamReset(SD);
        bench.streamSetup(SD, TAG, STEREO, 2 * 1920, 1, bdl);
        bench.writew(sdRegister(SD, SD_FMT), 0x0051);
        bench.streamStart(SD);
        assertRefused(SD);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldMoveAtMostASecondOfFramesAfterAHugeClockJump()
    {
        // H24: a 4 s buffer at 8 kHz, then the clock jumps by 2^61 ns (73 years).
        final StreamFormat format = StreamFormat.of(8_000, 16, 1);
        final int cbl = 4 * 16_000;
        assertThat(start(SD, TAG, format, cbl, 3, bench.buildBdl(bench.memory.allocate(cbl, 128), 4, cbl / 4)))
            .isTrue();
        bench.clock.advance(1L << 61);
        bench.hda.advance();

        assertThat(bench.hda.bytesFetched(SD)).as("one second of bytes at most").isLessThanOrEqualTo(16_000);
        assertThat(bench.hda.clockSkips(SD)).isEqualTo(1);
        bench.clock.advance(1_000_000_000L);
        bench.hda.advance();
        assertThat(bench.hda.clockSkips(SD)).as("then paced again").isEqualTo(1);
        assertThat(bench.hda.failures()).isEmpty();
    }

    @Test
    void shouldRefuseANestedRegisterAccessFromACodecAndLogItOnce()
    {
        // H03: a codec that writes CORBWP and reads GCTL from inside a verb (the CVE-2021-3611 recursion's shape).
        final int[] nestedRead = {-1};
        final Codec nested = new Codec()
        {
            @Override
            public int address()
            {
                return 1;
            }

            @Override
            public void attach(final CodecBus bus)
            {
            }

            @Override
            public int execute(final int verb)
            {
                bench.hda.write(CORBWP, 2, 0x40);
                nestedRead[0] = bench.hda.read(GCTL, 4);
                bench.hda.advance();
                bench.hda.runCommandFrames();
                return 0;
            }

            @Override
            public void reset()
            {
            }

            @Override
            public void streamData(final int streamTag, final StreamFormat format, final byte[] data,
                final int offset, final int length, final long nanos)
            {
                bench.hda.write(sdRegister(SD, SD_CTL), 1, 0);
                bench.hda.advance();
            }
        };
        bench.hda.attachCodec(nested);
        bench.queueVerbs(0x100f0000, 0x100f0004);

        assertThat(bench.readw(CORBWP)).as("the nested write was refused").isEqualTo(2);
        assertThat(nestedRead[0]).isZero();
        assertThat(bench.hda.guestErrors(Kind.REENTRANT_ACCESS)).isEqualTo(8);
        assertThat(bench.log.lines().stream().filter(l -> l.contains("blocked re-entrant access"))).hasSize(1);

        // From the stream data hand-over, outside the device lock but inside the device.
        assertThat(start(SD, TAG, STEREO, 2 * 1920, 1, twoPeriods())).isTrue();
        bench.link.step(5_000_000L);
        assertThat(bench.hda.running(SD)).as("the nested RUN clear was refused").isTrue();
        assertThat(bench.hda.guestErrors(Kind.REENTRANT_ACCESS)).isGreaterThan(8);
        assertThat(bench.hda.failures()).isEmpty();
    }
}
