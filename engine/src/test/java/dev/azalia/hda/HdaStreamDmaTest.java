package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class HdaStreamDmaTest
{
    private static final int SD = 4;
    private static final int TAG = 5;
    private static final int PERIODS = 4;

    private final HdaBench bench = new HdaBench();
    private final TestCodec codec = new TestCodec(0, TAG);
    private final TestCodec other = new TestCodec(2, 9);

    @BeforeEach
    void initChip()
    {
        bench.hda.attachCodec(codec);
        bench.hda.attachCodec(other);
        bench.initChip();
    }

    private long fillBuffer(final int bytes)
    {
        final long buffer = bench.memory.allocate(bytes, 128);
        for (int i = 0; i < bytes; i++)
        {
            bench.memory.writeShort(buffer + (i & ~1), (i * 7919 + 13) & 0xffff);
        }
        return buffer;
    }

    private byte[] bufferBytes(final long buffer, final int bytes)
    {
        final byte[] b = new byte[bytes];
        bench.memory.read(buffer, b, 0, bytes);
        return b;
    }

    private long prepareAndStart(final StreamFormat format, final int periodBytes)
    {
        final int cbl = PERIODS * periodBytes;
        final long buffer = fillBuffer(cbl);
        final long bdl = bench.buildBdl(buffer, PERIODS, periodBytes);
        assertThat(bench.streamReset(SD)).isTrue();
        bench.streamSetup(SD, TAG, format, cbl, PERIODS - 1, bdl);
        assertThat(bench.streamStart(SD)).isTrue();
        return buffer;
    }

    @ParameterizedTest(name = "{0} Hz, {1} bit, {2} ch")
    @CsvSource({"44100, 16, 2", "48000, 16, 2", "22050, 16, 2", "8000, 16, 1", "48000, 24, 2", "96000, 32, 8"})
    void shouldPlayABufferBitExactWithIocPerPeriodAcrossTheWrap(final int rate, final int bits, final int channels)
    {
        final StreamFormat format = StreamFormat.of(rate, bits, channels);
        final int periodBytes = rate / 100 * format.frameBytes();
        final int cbl = PERIODS * periodBytes;
        final long buffer = prepareAndStart(format, periodBytes);
        final byte[] pattern = bufferBytes(buffer, cbl);
        assertThat(bench.hda.format(SD)).isEqualTo(format);
        final long t0 = bench.clock.nanoTime();

        final int events = 10;
        for (int k = 1; k <= events; k++)
        {
            assertThat(bench.link.stepToNextEvent()).isTrue();
            final int expectedLpib = k % PERIODS * periodBytes;
            assertThat(bench.readl(sdRegister(SD, SD_LPIB))).as("LPIB after period %d", k).isEqualTo(expectedLpib);
            assertThat(bench.posbufSlot(SD)).as("position buffer").isEqualTo(expectedLpib);
            assertThat(bench.readb(sdRegister(SD, SD_STS)) & SD_STS_BCIS).isEqualTo(SD_STS_BCIS);
            assertThat(bench.readl(INTSTS)).isEqualTo(INTSTS_GIS | 1 << SD);
            assertThat(bench.pin.level()).isTrue();
            assertThat(bench.clock.nanoTime() - t0).as("IOC k at k periods of %d Hz", rate)
                .isEqualTo(ceilDiv(k * (long)(rate / 100) * 1_000_000_000L, rate));
            // The interrupt handler: ack BCIS.
            bench.writeb(sdRegister(SD, SD_STS), SD_STS_BCIS);
            assertThat(bench.pin.level()).isFalse();
        }
        assertThat(bench.pin.assertions()).isEqualTo(events);
        assertThat(bench.hda.bytesFetched(SD)).isEqualTo((long)events * periodBytes);

        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int k = 0; k < events; k++)
        {
            expected.write(pattern, k % PERIODS * periodBytes, periodBytes);
        }
        assertThat(codec.received()).isEqualTo(expected.toByteArray());
        assertThat(other.received()).as("other tag").isEmpty();
        assertThat(other.streamCalls()).as("every codec is offered the data").isEqualTo(codec.streamCalls());
        assertThat(bench.hda.failures()).isEmpty();
    }

    private static long ceilDiv(final long a, final long b)
    {
        return (a + b - 1) / b;
    }

    @Test
    void shouldAdvanceLpibWithTheFormatsByteRate()
    {
        final StreamFormat format = StreamFormat.of(44_100, 16, 2);
        prepareAndStart(format, 1764);
        bench.link.step(1_000_000L);
        assertThat(bench.hda.lpib(SD)).as("44.1 frames in 1 ms -> 44 frames").isEqualTo(44 * 4);
        bench.link.step(9_000_000L);
        assertThat(bench.hda.lpib(SD)).isEqualTo(441 * 4);
        assertThat(bench.readb(sdRegister(SD, SD_STS)) & SD_STS_BCIS).as("exactly one period").isEqualTo(SD_STS_BCIS);
        bench.link.step(30_000_000L);
        assertThat(bench.hda.lpib(SD)).as("wrapped at CBL").isZero();
        assertThat(bench.hda.bytesFetched(SD)).isEqualTo(4 * 1764);
        bench.link.step(1_000_000L);
        assertThat(bench.hda.lpib(SD)).isEqualTo(44 * 4);
    }

    @Test
    void shouldCatchUpLargeStepsInChunksWithoutLosingBytes()
    {
        final StreamFormat format = StreamFormat.of(48_000, 16, 2);
        final long buffer = prepareAndStart(format, 48_000);
        final byte[] pattern = bufferBytes(buffer, 4 * 48_000);
        bench.clock.advance(1_000_000_000L);
        bench.hda.advance();
        assertThat(bench.hda.bytesFetched(SD)).isEqualTo(192_000);
        assertThat(bench.hda.lpib(SD)).isZero();
        assertThat(codec.received()).isEqualTo(pattern);
    }

    @Test
    void shouldShiftTheTimeBaseWithAdjustPacingGradually()
    {
        prepareAndStart(StreamFormat.of(48_000, 16, 2), 19200);
        bench.link.step(1_000_000L);
        assertThat(bench.hda.bytesFetched(SD)).isEqualTo(192);
        bench.hda.adjustPacing(SD, 1_000_000L);
        bench.hda.advance();
        assertThat(bench.hda.bytesFetched(SD)).as("no leap: nothing without time passing").isEqualTo(192);
        bench.link.step(1_000_000L);
        assertThat(bench.hda.bytesFetched(SD)).as("at most a third faster: just under 2.33 ms fetched after 2 ms")
            .isEqualTo(111 * 4);
        bench.link.step(4_000_000L);
        assertThat(bench.hda.bytesFetched(SD)).as("the whole 1 ms applied within 6 ms").isEqualTo(7 * 192);
        bench.hda.adjustPacing(SD, -1_000_000L);
        bench.link.step(4_000_000L);
        assertThat(bench.hda.bytesFetched(SD)).as("and taken back as gradually").isEqualTo(10 * 192);
    }

    @Test
    void shouldReadBackSrstUntilClearedAndResetTheDescriptor()
    {
        final int ctl = sdRegister(SD, SD_CTL);
        bench.writel(sdRegister(SD, SD_CBL), 4096);
        bench.writeb(ctl, SD_CTL_SRST);
        assertThat(bench.readb(ctl) & SD_CTL_SRST).isEqualTo(SD_CTL_SRST);
        assertThat(bench.readb(ctl) & SD_CTL_SRST).as("still 1 on the next read").isEqualTo(SD_CTL_SRST);
        assertThat(bench.readl(sdRegister(SD, SD_CBL))).isZero();
        assertThat(bench.readb(sdRegister(SD, SD_STS))).isEqualTo(SD_STS_FIFORDY);
        bench.writeb(ctl, 0);
        assertThat(bench.readb(ctl)).isZero();
    }

    @Test
    void shouldStopOnRunClearAndResumeFromLpib()
    {
        final StreamFormat format = StreamFormat.of(48_000, 16, 2);
        final long buffer = prepareAndStart(format, 1920);
        final byte[] pattern = bufferBytes(buffer, 4 * 1920);
        bench.link.step(3_000_000L);
        bench.streamStop(SD);
        assertThat(bench.hda.running(SD)).isFalse();
        bench.link.step(5_000_000L);
        assertThat(bench.hda.lpib(SD)).isEqualTo(576);
        bench.streamStart(SD);
        bench.link.step(2_000_000L);
        assertThat(bench.hda.lpib(SD)).isEqualTo(960);
        final byte[] expected = new byte[960];
        System.arraycopy(pattern, 0, expected, 0, 960);
        assertThat(codec.received()).isEqualTo(expected);
    }

    @Test
    void shouldSetDeseForAZeroLengthEntryAndRaiseTheLineWithDeie()
    {
        final long buffer = fillBuffer(4096);
        final long bdl = bench.buildBdl(buffer, 2, 2048);
        bench.memory.writeInt(bdl + BDL_ENTRY_BYTES + 8, 0);
        bench.streamReset(SD);
        bench.streamSetup(SD, TAG, StreamFormat.CD, 4096, 1, bdl);
        bench.streamStart(SD);

        assertThat(bench.readb(sdRegister(SD, SD_STS)) & SD_STS_DESE).isEqualTo(SD_STS_DESE);
        assertThat(bench.readb(sdRegister(SD, SD_CTL)) & SD_CTL_RUN).isZero();
        assertThat(bench.hda.running(SD)).isFalse();
        assertThat(bench.readl(INTSTS)).isEqualTo(INTSTS_GIS | 1 << SD);
        assertThat(bench.pin.level()).isTrue();
        assertThat(bench.link.stepToNextEvent()).isFalse();
        bench.link.step(10_000_000L);
        assertThat(bench.hda.lpib(SD)).isZero();
        assertThat(codec.streamCalls()).isZero();
        bench.writeb(sdRegister(SD, SD_STS), SD_STS_DESE);
        assertThat(bench.pin.level()).isFalse();
    }

    @Test
    void shouldSetDeseWithoutInterruptWhenDeieIsOffAndCblIsZero()
    {
        final long buffer = fillBuffer(4096);
        final long bdl = bench.buildBdl(buffer, 2, 2048);
        bench.streamReset(SD);
        bench.streamSetup(SD, TAG, StreamFormat.CD, 0, 1, bdl);
        bench.writel(INTCTL, bench.readl(INTCTL) | 1 << SD);
        bench.writeb(sdRegister(SD, SD_CTL), SD_CTL_RUN | SD_CTL_IOCE);

        assertThat(bench.readb(sdRegister(SD, SD_STS)) & SD_STS_DESE).isEqualTo(SD_STS_DESE);
        assertThat(bench.hda.running(SD)).isFalse();
        assertThat(bench.readl(INTSTS)).isZero();
        assertThat(bench.pin.level()).isFalse();
    }

    @Test
    void shouldSetDeseForABdlOutsideHostMemory()
    {
        bench.streamReset(SD);
        bench.streamSetup(SD, TAG, StreamFormat.CD, 4096, 1, 0x8000_0000L);
        bench.streamStart(SD);
        assertThat(bench.readb(sdRegister(SD, SD_STS)) & SD_STS_DESE).isEqualTo(SD_STS_DESE);
        assertThat(bench.hda.running(SD)).isFalse();
        assertThat(bench.hda.failures()).isEmpty();
    }

    @Test
    void shouldWriteSilenceForAnInputStream()
    {
        final int sd = 0;
        final long buffer = bench.memory.allocate(4 * 960, 128);
        for (int i = 0; i < 4 * 960; i++)
        {
            bench.memory.write(buffer + i, new byte[] {0x55}, 0, 1);
        }
        final long bdl = bench.buildBdl(buffer, 4, 960);
        bench.streamReset(sd);
        bench.streamSetup(sd, 1, StreamFormat.of(48_000, 16, 2), 4 * 960, 3, bdl);
        bench.streamStart(sd);
        assertThat(bench.link.stepToNextEvent()).isTrue();
        assertThat(bench.hda.lpib(sd)).isEqualTo(960);
        assertThat(bench.posbufSlot(sd)).isEqualTo(960);
        assertThat(bench.readl(INTSTS)).isEqualTo(INTSTS_GIS | 1);
        assertThat(bufferBytes(buffer, 960)).containsOnly(0);
        assertThat(bufferBytes(buffer + 960, 960)).containsOnly(0x55);
        assertThat(codec.streamCalls()).isZero();
    }

    @Test
    void shouldHoldAStreamWhileItsSsyncBitIsSet()
    {
        bench.writel(SSYNC, 1 << SD);
        prepareAndStart(StreamFormat.of(48_000, 16, 2), 1920);
        bench.link.step(5_000_000L);
        assertThat(bench.hda.lpib(SD)).isZero();
        assertThat(bench.hda.nextEventNanos()).isEqualTo(Long.MAX_VALUE);
        bench.writel(SSYNC, 0);
        bench.link.step(1_000_000L);
        assertThat(bench.hda.lpib(SD)).isEqualTo(192);
    }

    @Test
    void shouldLetAnInlineInterruptHandlerDoMmio()
    {
        final int[] handled = new int[1];
        bench.pin.onAssert(() ->
        {
            final int sts = bench.readl(INTSTS);
            if ((sts & 1 << SD) != 0)
            {
                bench.writeb(sdRegister(SD, SD_STS), SD_STS_BCIS);
                handled[0]++;
            }
        });
        prepareAndStart(StreamFormat.of(48_000, 16, 2), 1920);
        bench.link.step(100_000_000L);
        assertThat(handled[0]).as("100 ms of 10 ms periods").isEqualTo(10);
        assertThat(bench.pin.level()).isFalse();
        assertThat(bench.pin.levels()).hasSize(20);
        assertThat(bench.hda.failures()).isEmpty();
    }
}
