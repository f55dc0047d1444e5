package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;

/**
 * The emulated controller's register map: which register starts at each offset of the 8 KiB window (decoded by exact
 * start offset, as QEMU decodes), its storage slot, writable and write-1-to-clear bits, reset value and the hook a
 * write runs. Shared, immutable after class initialisation.
 */
final class HdaRegisterMap
{
    static final int HOOK_NONE = 0;
    static final int HOOK_IRQ = 1;
    static final int HOOK_GCTL = 2;
    static final int HOOK_CORB_RUN = 3;
    static final int HOOK_CORBRP = 4;
    static final int HOOK_RIRBWP = 5;
    static final int HOOK_RIRBSTS = 6;
    static final int HOOK_IRS = 7;
    static final int HOOK_SSYNC = 8;
    static final int HOOK_SD_CTL = 9;

    static final int S_GCAP = 0;
    static final int S_VMIN = 1;
    static final int S_VMAJ = 2;
    static final int S_OUTPAY = 3;
    static final int S_INPAY = 4;
    static final int S_GCTL = 5;
    static final int S_WAKEEN = 6;
    static final int S_STATESTS = 7;
    static final int S_INTCTL = 8;
    static final int S_INTSTS = 9;
    static final int S_WALCLK = 10;
    static final int S_SSYNC = 11;
    static final int S_CORBLBASE = 12;
    static final int S_CORBUBASE = 13;
    static final int S_CORBWP = 14;
    static final int S_CORBRP = 15;
    static final int S_CORBCTL = 16;
    static final int S_CORBSTS = 17;
    static final int S_CORBSIZE = 18;
    static final int S_RIRBLBASE = 19;
    static final int S_RIRBUBASE = 20;
    static final int S_RIRBWP = 21;
    static final int S_RINTCNT = 22;
    static final int S_RIRBCTL = 23;
    static final int S_RIRBSTS = 24;
    static final int S_RIRBSIZE = 25;
    static final int S_IC = 26;
    static final int S_IR = 27;
    static final int S_IRS = 28;
    static final int S_DPLBASE = 29;
    static final int S_DPUBASE = 30;
    static final int S_STREAM0 = 31;

    static final int SS_CTL = 0;
    static final int SS_LPIB = 1;
    static final int SS_CBL = 2;
    static final int SS_LVI = 3;
    static final int SS_FIFOS = 4;
    static final int SS_FMT = 5;
    static final int SS_BDPL = 6;
    static final int SS_BDPU = 7;
    static final int STREAM_SLOTS = 8;
    static final int SLOTS = S_STREAM0 + NUM_STREAMS * STREAM_SLOTS;

    /** Decoded register at one start offset of the 8 KiB window; shared, immutable. */
    static final Reg[] DECODE = new Reg[ALIAS_OFFSET];
    static final int[] RESET_VALUES = new int[SLOTS];

    static
    {
        global(GCAP, S_GCAP, 0, 0, HOOK_NONE, GCAP_VALUE);
        global(VMIN, S_VMIN, 0, 0, HOOK_NONE, 0x00);
        global(VMAJ, S_VMAJ, 0, 0, HOOK_NONE, 0x01);
        global(OUTPAY, S_OUTPAY, 0, 0, HOOK_NONE, 0x3c);
        global(INPAY, S_INPAY, 0, 0, HOOK_NONE, 0x1d);
        global(GCTL, S_GCTL, GCTL_CRST | GCTL_FCNTRL | GCTL_UNSOL, 0, HOOK_GCTL, 0);
        global(WAKEEN, S_WAKEEN, STATESTS_INT_MASK, 0, HOOK_IRQ, 0);
        global(STATESTS, S_STATESTS, 0, STATESTS_INT_MASK, HOOK_IRQ, 0);
        global(INTCTL, S_INTCTL, INTCTL_GIE | INTCTL_CIE | INTCTL_SIE_MASK, 0, HOOK_IRQ, 0);
        global(INTSTS, S_INTSTS, 0, 0, HOOK_NONE, 0);
        global(WALCLK, S_WALCLK, 0, 0, HOOK_NONE, 0);
        global(OLD_SSYNC, S_SSYNC, 0xff, 0, HOOK_SSYNC, 0);
        global(SSYNC, S_SSYNC, 0xff, 0, HOOK_SSYNC, 0);
        global(CORBLBASE, S_CORBLBASE, 0xffffff80, 0, HOOK_NONE, 0);
        global(CORBUBASE, S_CORBUBASE, 0xffffffff, 0, HOOK_NONE, 0);
        global(CORBWP, S_CORBWP, 0xff, 0, HOOK_CORB_RUN, 0);
        global(CORBRP, S_CORBRP, CORBRP_RST, 0, HOOK_CORBRP, 0);
        global(CORBCTL, S_CORBCTL, CORBCTL_RUN | CORBCTL_CMEIE, 0, HOOK_CORB_RUN, 0);
        global(CORBSTS, S_CORBSTS, 0, CORBSTS_CMEI, HOOK_IRQ, 0);
        global(CORBSIZE, S_CORBSIZE, 0, 0, HOOK_NONE, RING_SIZE_VALUE);
        global(RIRBLBASE, S_RIRBLBASE, 0xffffff80, 0, HOOK_NONE, 0);
        global(RIRBUBASE, S_RIRBUBASE, 0xffffffff, 0, HOOK_NONE, 0);
        global(RIRBWP, S_RIRBWP, RIRBWP_RST, 0, HOOK_RIRBWP, 0);
        global(RINTCNT, S_RINTCNT, 0xff, 0, HOOK_NONE, 0);
        global(RIRBCTL, S_RIRBCTL, RIRBCTL_RINTCTL | RIRBCTL_DMAEN | RIRBCTL_ROIC, 0, HOOK_IRQ, 0);
        global(RIRBSTS, S_RIRBSTS, 0, RIRBSTS_RINTFL | RIRBSTS_RIRBOIS, HOOK_RIRBSTS, 0);
        global(RIRBSIZE, S_RIRBSIZE, 0, 0, HOOK_NONE, RING_SIZE_VALUE);
        global(IC, S_IC, 0xffffffff, 0, HOOK_NONE, 0);
        global(IR, S_IR, 0, 0, HOOK_NONE, 0);
        global(IRS, S_IRS, IRS_ICB, IRS_IRV, HOOK_IRS, 0);
        global(DPLBASE, S_DPLBASE, 0xffffff81, 0, HOOK_NONE, 0);
        global(DPUBASE, S_DPUBASE, 0xffffffff, 0, HOOK_NONE, 0);
        for (int i = 0; i < NUM_STREAMS; i++)
        {
            final int base = sdOffset(i);
            final int slot = S_STREAM0 + i * STREAM_SLOTS;
            final int ctlWmask = 0x00ff0000 | SD_CTL_SRST | SD_CTL_RUN | SD_INT_MASK;
            final int stsW1c = SD_INT_MASK << SD_STS_SHIFT;
            DECODE[base + SD_CTL] = new Reg(i, slot + SS_CTL, 0, ctlWmask, stsW1c, HOOK_SD_CTL);
            DECODE[base + SD_CTL_3B] = new Reg(i, slot + SS_CTL, 16, 0x00ff0000, 0, HOOK_SD_CTL);
            DECODE[base + SD_STS] = new Reg(i, slot + SS_CTL, SD_STS_SHIFT, 0, stsW1c, HOOK_IRQ);
            DECODE[base + SD_LPIB] = new Reg(i, slot + SS_LPIB, 0, 0, 0, HOOK_NONE);
            DECODE[base + SD_CBL] = new Reg(i, slot + SS_CBL, 0, 0xffffffff, 0, HOOK_NONE);
            DECODE[base + SD_LVI] = new Reg(i, slot + SS_LVI, 0, 0xff, 0, HOOK_NONE);
            DECODE[base + SD_FIFOS] = new Reg(i, slot + SS_FIFOS, 0, 0, 0, HOOK_NONE);
            DECODE[base + SD_FMT] = new Reg(i, slot + SS_FMT, 0, 0x7f7f, 0, HOOK_NONE);
            DECODE[base + SD_BDPL] = new Reg(i, slot + SS_BDPL, 0, 0xffffff80, 0, HOOK_NONE);
            DECODE[base + SD_BDPU] = new Reg(i, slot + SS_BDPU, 0, 0xffffffff, 0, HOOK_NONE);
            RESET_VALUES[slot + SS_CTL] = SD_STS_FIFORDY << SD_STS_SHIFT;
            RESET_VALUES[slot + SS_FIFOS] = SD_FIFOS_VALUE;
        }
    }


    private static void global(final int offset, final int slot, final int wmask, final int w1c, final int hook,
        final int reset)
    {
        DECODE[offset] = new Reg(-1, slot, 0, wmask, w1c, hook);
        RESET_VALUES[slot] = reset;
    }

    static int widthMask(final int widthBytes)
    {
        return widthBytes == 4 ? 0xffffffff : (1 << (widthBytes * 8)) - 1;
    }

    static Reg decode(final int offset, final int widthBytes)
    {
        if (widthBytes != 1 && widthBytes != 2 && widthBytes != 4)
        {
            return null;
        }
        if (offset < 0 || offset > BAR_SIZE - widthBytes || (offset & (widthBytes - 1)) != 0)
        {
            return null;
        }
        return DECODE[offset & (ALIAS_OFFSET - 1)];
    }

    /** One decoded register start offset. */
    static final class Reg
    {
        final int stream;
        final int slot;
        final int shift;
        final int wmask;
        final int w1c;
        final int hook;

        Reg(final int stream, final int slot, final int shift, final int wmask, final int w1c, final int hook)
        {
            this.stream = stream;
            this.slot = slot;
            this.shift = shift;
            this.wmask = wmask;
            this.w1c = w1c;
            this.hook = hook;
        }
    }

    private HdaRegisterMap()
    {
    }
}
