package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class HdaGlobalRegistersTest
{
    private final HdaBench bench = new HdaBench();

    @Test
    void shouldReportFourInputAndFourOutputStreamsAndVersionOne()
    {
        final int gcap = bench.readw(GCAP);
        assertThat(gcap).isEqualTo(0x4401);
        assertThat((gcap >> 12) & 0xf).as("OSS").isEqualTo(4);
        assertThat((gcap >> 8) & 0xf).as("ISS").isEqualTo(4);
        assertThat(gcap & GCAP_64OK).isEqualTo(1);
        assertThat(bench.readb(VMIN)).isZero();
        assertThat(bench.readb(VMAJ)).isEqualTo(1);
        assertThat(bench.readw(sdRegister(4, SD_FIFOS))).isEqualTo(SD_FIFOS_VALUE);
        assertThat(bench.readb(CORBSIZE)).isEqualTo(0x42);
        assertThat(bench.hda.streamCount()).isEqualTo(8);
    }

    @Test
    void shouldDiscoverCodecsThroughStatestsAfterCrstCycle()
    {
        final TestCodec c0 = new TestCodec(0);
        final TestCodec c2 = new TestCodec(2);
        bench.hda.attachCodec(c0);
        bench.hda.attachCodec(c2);
        assertThat(bench.readl(GCTL)).as("power-on: in reset").isZero();
        assertThat(bench.readw(STATESTS)).isZero();

        assertThat(bench.resetLink()).isTrue();

        assertThat(bench.errors).isEmpty();
        assertThat(bench.readw(STATESTS)).isEqualTo(0b101);
        assertThat(c0.resets()).isEqualTo(1);
        assertThat(c2.resets()).isEqualTo(1);
        assertThat(bench.hda.codecs()).containsExactly(c0, c2);

        bench.writew(STATESTS, 0b001);
        assertThat(bench.readw(STATESTS)).as("W1C clears only bit 0").isEqualTo(0b100);
        bench.writew(STATESTS, 0);
        assertThat(bench.readw(STATESTS)).as("writing 0 changes nothing").isEqualTo(0b100);
        bench.writew(STATESTS, STATESTS_INT_MASK);
        assertThat(bench.readw(STATESTS)).isZero();
    }

    @Test
    void shouldClearRegistersWhenEnteringReset()
    {
        bench.hda.attachCodec(new TestCodec(0));
        bench.initChip();
        bench.writel(sdRegister(4, SD_CBL), 4096);
        assertThat(bench.readl(INTCTL)).isEqualTo(INTCTL_CIE | INTCTL_GIE);
        assertThat(bench.readl(CORBLBASE)).isNotZero();

        bench.writel(GCTL, 0);

        assertThat(bench.readl(GCTL)).isZero();
        assertThat(bench.readl(INTCTL)).isZero();
        assertThat(bench.readl(CORBLBASE)).isZero();
        assertThat(bench.readb(CORBCTL)).isZero();
        assertThat(bench.readb(RIRBCTL)).isZero();
        assertThat(bench.readw(STATESTS)).isZero();
        assertThat(bench.readl(DPLBASE)).isZero();
        assertThat(bench.readl(sdRegister(4, SD_CBL))).isZero();
        assertThat(bench.readb(sdRegister(4, SD_STS))).isEqualTo(SD_STS_FIFORDY);
    }

    @Test
    void shouldCountWalclkAt24MegahertzFromResetExit()
    {
        bench.resetLink();
        final int start = bench.readl(WALCLK);
        bench.clock.advance(1_000_000L);
        assertThat(bench.readl(WALCLK) - start).isEqualTo(24_000);
        bench.clock.advance(999_000_000L);
        assertThat(bench.readl(WALCLK) - start).isEqualTo(24_000_000);

        bench.writel(GCTL, 0);
        bench.writel(GCTL, GCTL_CRST);
        assertThat(bench.readl(WALCLK)).as("restarts at reset exit").isZero();
        bench.clock.advance(200_000_000_000L);
        assertThat(bench.readl(WALCLK)).as("32-bit wrap").isEqualTo((int)(200_000_000_000L * 24 / 1000));
    }

    @Test
    void shouldAliasEveryRegisterAt0x2000()
    {
        bench.resetLink();
        bench.hda.write(ALIAS_OFFSET + INTCTL, 4, 0x8000_0012);
        assertThat(bench.readl(INTCTL)).isEqualTo(0x8000_0012);
        bench.writel(sdRegister(5, SD_CBL), 0x1234);
        assertThat(bench.hda.read(ALIAS_OFFSET + sdRegister(5, SD_CBL), 4)).isEqualTo(0x1234);
        assertThat(bench.hda.read(ALIAS_OFFSET + GCAP, 2)).isEqualTo(0x4401);
        assertThat(bench.hda.ignoredAccesses()).isZero();
    }

    @ParameterizedTest(name = "offset {0} width {1}")
    @CsvSource({
        "-4, 4", "16384, 4", "16383, 1", "16382, 4", "32768, 2",
        "32, 3", "32, 8", "32, 0", "32, -1",
        "34, 4", "33, 2", "9, 1", "33, 1",
        "16, 2", "20, 4", "384, 4", "8191, 1", "142, 2"
    })
    void shouldIgnoreUndefinedAccessesAndCountThem(final int offset, final int width)
    {
        bench.hda.attachCodec(new TestCodec(0));
        bench.initChip();
        final int intctl = bench.readl(INTCTL);
        final long before = bench.hda.ignoredAccesses();

        assertThat(bench.hda.read(offset, width)).isZero();
        bench.hda.write(offset, width, 0xffff_ffff);

        assertThat(bench.hda.ignoredAccesses()).isEqualTo(before + 2);
        assertThat(bench.readl(INTCTL)).isEqualTo(intctl);
        assertThat(bench.readl(GCTL)).isEqualTo(GCTL_CRST | GCTL_UNSOL);
        assertThat(bench.pin.level()).isFalse();
    }

    @Test
    void shouldDecodeLinuxByteAccessesAtRegisterStarts()
    {
        bench.resetLink();
        bench.writeb(INTCTL, 0x30);
        assertThat(bench.readl(INTCTL)).isEqualTo(0x30);
        final int sd = sdRegister(6, SD_CTL);
        bench.writeb(sdRegister(6, SD_CTL_3B), 0x70);
        bench.writeb(sd, SD_INT_MASK);
        assertThat(bench.readl(sd)).isEqualTo(SD_STS_FIFORDY << SD_STS_SHIFT | 0x70_0000 | SD_INT_MASK);
        assertThat(bench.readw(sd)).isEqualTo(SD_INT_MASK);
        assertThat(bench.readb(sdRegister(6, SD_STS))).isEqualTo(SD_STS_FIFORDY);
        assertThat(bench.readb(sdRegister(6, SD_CTL_3B))).isEqualTo(0x70);
        assertThat(bench.hda.ignoredAccesses()).isZero();
    }

    @Test
    void shouldKeepTheResumeWellRegistersAcrossALinkResetButNotAPowerOnReset()
    {
        bench.hda.attachCodec(new TestCodec(1));
        bench.resetLink();
        bench.writew(WAKEEN, 0xff);
        assertThat(bench.readw(STATESTS)).isEqualTo(0b10);

        bench.writel(GCTL, 0);
        assertThat(bench.readw(STATESTS)).as("STATESTS survives CRST = 0").isEqualTo(0b10);
        assertThat(bench.readw(WAKEEN)).as("WAKEEN survives CRST = 0").isEqualTo(0xff);

        bench.hda.powerOnReset();
        assertThat(bench.readw(STATESTS)).isZero();
        assertThat(bench.readw(WAKEEN)).isZero();
    }

    @Test
    void shouldGateTheLineWithIntctl()
    {
        bench.hda.attachCodec(new TestCodec(1));
        bench.resetLink();
        bench.writew(WAKEEN, 0b10);
        assertThat(bench.readl(INTSTS)).as("STATESTS & WAKEEN -> CIS").isEqualTo(INTSTS_CIS);
        assertThat(bench.hda.irqLevel()).isZero();

        bench.writel(INTCTL, INTCTL_CIE);
        assertThat(bench.readl(INTSTS)).isEqualTo(INTSTS_CIS | INTSTS_GIS);
        assertThat(bench.pin.level()).as("no GIE, no line").isFalse();

        bench.writel(INTCTL, INTCTL_GIE);
        assertThat(bench.readl(INTSTS)).isEqualTo(INTSTS_CIS);
        assertThat(bench.pin.level()).as("no CIE, no line").isFalse();

        bench.writel(INTCTL, INTCTL_GIE | INTCTL_CIE);
        assertThat(bench.pin.level()).isTrue();
        assertThat(bench.hda.irqLevel()).isEqualTo(1);

        bench.writew(STATESTS, 0b10);
        assertThat(bench.pin.level()).isFalse();
        assertThat(bench.pin.levels()).containsExactly(true, false);
    }

    @Test
    void shouldReturnEverythingToPowerOnStateOnPowerOnReset()
    {
        final TestCodec codec = new TestCodec(0, 5);
        bench.hda.attachCodec(codec);
        bench.initChip();
        final long buffer = bench.memory.allocate(4096, 128);
        final long bdl = bench.buildBdl(buffer, 2, 2048);
        bench.streamReset(4);
        bench.streamSetup(4, 5, StreamFormat.CD, 4096, 1, bdl);
        bench.streamStart(4);
        bench.link.stepToNextEvent();
        assertThat(bench.pin.level()).isTrue();
        assertThat(bench.hda.running(4)).isTrue();

        bench.hda.powerOnReset();

        assertThat(bench.pin.level()).isFalse();
        assertThat(bench.hda.running(4)).isFalse();
        assertThat(codec.resets()).isEqualTo(2);
        for (int off = 0; off < ALIAS_OFFSET; off += 4)
        {
            final int expected = switch (off)
            {
                case GCAP -> 0x0100_4401;
                case OUTPAY -> 0x001d_003c;
                case CORBCTL -> 0x0042_0000;
                case RIRBCTL -> 0x0042_0000;
                default -> off >= SD_BASE && off < SD_BASE + NUM_STREAMS * SD_STRIDE
                    ? (off - SD_BASE) % SD_STRIDE == SD_CTL ? SD_STS_FIFORDY << SD_STS_SHIFT
                    : (off - SD_BASE) % SD_STRIDE == SD_FIFOS ? SD_FIFOS_VALUE : 0
                    : 0;
            };
            final int value = off == GCAP || off == OUTPAY || off == CORBCTL || off == RIRBCTL
                ? bytesOf(off) : bench.readl(off);
            assertThat(value).as("register 0x%x", off).isEqualTo(expected);
        }
    }

    private int bytesOf(final int off)
    {
        // These words hold several registers; QEMU-style decoding gives each its own start offset.
        return switch (off)
        {
            case GCAP -> bench.readw(GCAP) | bench.readb(VMIN) << 16 | bench.readb(VMAJ) << 24;
            case OUTPAY -> bench.readw(OUTPAY) | bench.readw(INPAY) << 16;
            case CORBCTL -> bench.readb(CORBCTL) | bench.readb(CORBSTS) << 8 | bench.readb(CORBSIZE) << 16;
            default -> bench.readb(RIRBCTL) | bench.readb(RIRBSTS) << 8 | bench.readb(RIRBSIZE) << 16;
        };
    }
}
