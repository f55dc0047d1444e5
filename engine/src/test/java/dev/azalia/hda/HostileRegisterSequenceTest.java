package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random register traffic from a booted state (H23, H28 without a fuzzer): seeded sequences of reads and writes of
 * every width at every offset, guest RAM full of random descriptors and verbs, and clock steps. Nothing a guest
 * writes may throw out of the device or leave a codec failure; read-only registers keep their values. Also the
 * command ring limits (H18-H20) and resets while running (H16, H17).
 */
final class HostileRegisterSequenceTest
{
    private final HdaBench bench = new HdaBench();
    private final TestCodec codec = new TestCodec(0, 1);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void shouldNeverThrowWhateverTheGuestWrites(final long seed)
    {
        bench.hda.attachCodec(codec);
        bench.initChip();
        final SplittableRandom random = new SplittableRandom(seed);
        final long ram = bench.memory.allocate(64 * 1024, 4096);
        for (int i = 0; i < 64 * 1024; i += 4)
        {
            // Mostly small values, so that some land on RAM addresses, lengths and verbs that make sense.
            bench.memory.writeInt(ram + i, random.nextInt(4) == 0 ? (int)ram + random.nextInt(64 * 1024)
                : random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(4096));
        }
        final int[] widths = {1, 2, 4, 3, 8};
        for (int op = 0; op < 5_000; op++)
        {
            final int kind = random.nextInt(10);
            final int offset = random.nextInt(4) == 0 ? random.nextInt(BAR_SIZE + 0x40)
                : random.nextInt(0x180) & ~(random.nextInt(3) == 0 ? 0 : 3);
            final int width = widths[random.nextInt(widths.length)];
            if (kind < 5)
            {
                final int value = random.nextInt(3) == 0 ? (int)ram + random.nextInt(64 * 1024) : random.nextInt();
                bench.hda.write(offset, width, value);
            }
            else if (kind < 8)
            {
                bench.hda.read(offset, width);
            }
            else if (kind < 9)
            {
                bench.link.step(random.nextInt(2_000_000));
            }
            else
            {
                // A jump of up to 18 minutes in one DMA step (H24).
                bench.clock.advance(random.nextLong(1L << 40));
                bench.hda.advance();
            }
            assertThat(bench.readw(GCAP)).isEqualTo(0x4401);
            assertThat(bench.readb(VMAJ)).isEqualTo(1);
        }
        assertThat(bench.hda.failures()).isEmpty();
    }

    @Test
    void shouldKeepCorbsizeAt256EntriesAndMaskCorbwp()
    {
        // H18: CORBSIZE is read-only (256 entries); H19: CORBWP masked to the ring.
        bench.hda.attachCodec(codec);
        bench.initChip();
        bench.writeb(CORBSIZE, 0x03);
        assertThat(bench.readb(CORBSIZE)).isEqualTo(0x42);
        bench.writew(CORBWP, 0xffff);
        assertThat(bench.readw(CORBWP)).isEqualTo(0xff);
    }

    @Test
    void shouldCountRintcntZeroAs256Responses()
    {
        // H20: with RINTCNT 0, RINTFL waits for 256 responses (or the CORB running empty), not for 0.
        bench.hda.attachCodec(codec);
        bench.initChip();
        bench.writew(RINTCNT, 0);
        bench.queueVerbsNoWait(0x000f0000, 0x000f0004, 0x000f0005);
        bench.link.step(50_000L);
        assertThat(bench.readw(RIRBWP)).as("one response in").isEqualTo(1);
        assertThat(bench.readb(RIRBSTS) & RIRBSTS_RINTFL).isZero();
        bench.awaitLink();
        assertThat(bench.readb(RIRBSTS) & RIRBSTS_RINTFL).as("the CORB ran empty").isEqualTo(RIRBSTS_RINTFL);
    }

    @Test
    void shouldStopAStreamOnSrstOrCrstWhileRunningAndMoveNothingAfter()
    {
        // H16: SRST while RUN = 1 stops then resets, SRST reads back 1; H17: CRST = 0 mid-stream stops everything.
        bench.hda.attachCodec(codec);
        bench.initChip();
        final int sd = 4;
        final long bdl = bench.buildBdl(bench.memory.allocate(2 * 1920, 128), 2, 1920);
        bench.streamReset(sd);
        bench.streamSetup(sd, 1, StreamFormat.of(48_000, 16, 2), 2 * 1920, 1, bdl);
        bench.streamStart(sd);
        bench.link.step(5_000_000L);
        bench.writeb(sdRegister(sd, SD_CTL), SD_CTL_SRST | SD_CTL_RUN);
        assertThat(bench.readb(sdRegister(sd, SD_CTL)) & SD_CTL_SRST).isEqualTo(SD_CTL_SRST);
        assertThat(bench.hda.running(sd)).isFalse();
        assertThat(bench.readl(sdRegister(sd, SD_LPIB))).isZero();
        final int calls = codec.streamCalls();
        bench.link.step(5_000_000L);
        assertThat(codec.streamCalls()).isEqualTo(calls);

        bench.writeb(sdRegister(sd, SD_CTL), 0);
        bench.streamSetup(sd, 1, StreamFormat.of(48_000, 16, 2), 2 * 1920, 1, bdl);
        bench.streamStart(sd);
        bench.link.step(5_000_000L);
        assertThat(bench.hda.running(sd)).isTrue();
        bench.writel(GCTL, 0);
        assertThat(bench.hda.running(sd)).isFalse();
        assertThat(bench.readl(sdRegister(sd, SD_CTL)) & SD_CTL_RUN).isZero();
        final int after = codec.streamCalls();
        bench.link.step(5_000_000L);
        assertThat(codec.streamCalls()).isEqualTo(after);
        assertThat(bench.hda.failures()).isEmpty();
    }
}
