package dev.azalia.hda;

/**
 * Register offsets and bits of the emulated HD-Audio controller's BAR0, named as Linux names them
 * ({@code AZX_REG_*}, {@code SD_*}) without the prefix. Offsets are bytes from the start of BAR0; stream descriptor
 * registers are relative to {@link #sdOffset(int)}. Status bits of SDnSTS are given as they appear in the STS byte
 * (at {@link #SD_STS}); in the 32-bit word read at {@link #SD_CTL} they sit 24 bits higher.
 *
 * <p>Constants only; no state, thread-safe.
 */
public final class HdaRegisters
{
    /** Size of BAR0 in bytes: registers at 0x0000-0x1FFF, aliased at 0x2000-0x3FFF. */
    public static final int BAR_SIZE = 0x4000;
    /** Size of one copy of the register window; the second copy (the alias) starts here. */
    public static final int ALIAS_OFFSET = 0x2000;

    /** Input stream descriptors (SDI0-3), stream indices 0..3. */
    public static final int NUM_INPUT_STREAMS = 4;
    /** Output stream descriptors (SDO0-3), stream indices 4..7. */
    public static final int NUM_OUTPUT_STREAMS = 4;
    /** All stream descriptors. */
    public static final int NUM_STREAMS = NUM_INPUT_STREAMS + NUM_OUTPUT_STREAMS;
    /** Index of the first output stream descriptor (Linux: the playback index offset, ISS). */
    public static final int FIRST_OUTPUT_STREAM = NUM_INPUT_STREAMS;
    /** Codec addresses on the link: 0..14 (STATESTS has 15 bits). */
    public static final int MAX_CODECS = 15;

    /** Global capabilities (16 bit, RO). */
    public static final int GCAP = 0x00;
    /** GCAP value: 4 output, 4 input, 0 bidirectional streams, 1 SDO, 64-bit addressing. */
    public static final int GCAP_VALUE = 0x4401;
    /** GCAP bit 0: 64-bit addresses supported. */
    public static final int GCAP_64OK = 0x0001;
    /** Minor version (8 bit, RO, 0). */
    public static final int VMIN = 0x02;
    /** Major version (8 bit, RO, 1). */
    public static final int VMAJ = 0x03;
    /** Output payload capability (16 bit, RO). */
    public static final int OUTPAY = 0x04;
    /** Input payload capability (16 bit, RO). */
    public static final int INPAY = 0x06;
    /** Global control (32 bit). */
    public static final int GCTL = 0x08;
    /** GCTL bit 0: controller reset; 0 = in reset. */
    public static final int GCTL_CRST = 0x0001;
    /** GCTL bit 1: flush control. */
    public static final int GCTL_FCNTRL = 0x0002;
    /** GCTL bit 8: accept unsolicited responses. */
    public static final int GCTL_UNSOL = 0x0100;
    /** Wake enable per SDIN (16 bit). */
    public static final int WAKEEN = 0x0C;
    /** State change status per SDIN (16 bit, W1C): bit n = codec n signalled after reset. */
    public static final int STATESTS = 0x0E;
    /** The 15 STATESTS bits. */
    public static final int STATESTS_INT_MASK = 0x7fff;
    /** Global status (not implemented, reads 0). */
    public static final int GSTS = 0x10;
    /** Interrupt control (32 bit). */
    public static final int INTCTL = 0x20;
    /** INTCTL bits 7..0: stream interrupt enable, bit n for stream index n. */
    public static final int INTCTL_SIE_MASK = 0xff;
    /** INTCTL bit 30: controller interrupt enable (CORB/RIRB, STATESTS wake). */
    public static final int INTCTL_CIE = 0x4000_0000;
    /** INTCTL bit 31: global interrupt enable. */
    public static final int INTCTL_GIE = 0x8000_0000;
    /** Interrupt status (32 bit, derived). */
    public static final int INTSTS = 0x24;
    /** INTSTS bits 7..0: stream interrupt status. */
    public static final int INTSTS_SIS_MASK = 0xff;
    /** INTSTS bit 30: controller interrupt status. */
    public static final int INTSTS_CIS = 0x4000_0000;
    /** INTSTS bit 31: global interrupt status. */
    public static final int INTSTS_GIS = 0x8000_0000;
    /** Wall clock counter (32 bit, RO, 24 MHz). */
    public static final int WALCLK = 0x30;
    /** Wall clock frequency in Hz. */
    public static final long WALCLK_HZ = 24_000_000L;
    /** Stream synchronisation at its pre-ICH location (same register as {@link #SSYNC}). */
    public static final int OLD_SSYNC = 0x34;
    /** Stream synchronisation (32 bit): bit n holds stream n's DMA while set. */
    public static final int SSYNC = 0x38;
    /** CORB lower base address (32 bit, 128-byte aligned). */
    public static final int CORBLBASE = 0x40;
    /** CORB upper base address (32 bit). */
    public static final int CORBUBASE = 0x44;
    /** CORB write pointer (16 bit, bits 7..0). */
    public static final int CORBWP = 0x48;
    /** CORB read pointer (16 bit): bits 7..0 RP, bit 15 RP reset. */
    public static final int CORBRP = 0x4A;
    /** CORBRP bit 15: read pointer reset. */
    public static final int CORBRP_RST = 0x8000;
    /** CORB control (8 bit). */
    public static final int CORBCTL = 0x4C;
    /** CORBCTL bit 0: memory error interrupt enable. */
    public static final int CORBCTL_CMEIE = 0x01;
    /** CORBCTL bit 1: CORB DMA run. */
    public static final int CORBCTL_RUN = 0x02;
    /** CORB status (8 bit, W1C). */
    public static final int CORBSTS = 0x4D;
    /** CORBSTS bit 0: memory error (never set by this model). */
    public static final int CORBSTS_CMEI = 0x01;
    /** CORB size (8 bit, RO here: 256 entries). */
    public static final int CORBSIZE = 0x4E;
    /** CORBSIZE/RIRBSIZE value: capable of 256 entries, size 256 entries. */
    public static final int RING_SIZE_VALUE = 0x42;
    /** RIRB lower base address (32 bit, 128-byte aligned). */
    public static final int RIRBLBASE = 0x50;
    /** RIRB upper base address (32 bit). */
    public static final int RIRBUBASE = 0x54;
    /** RIRB write pointer (16 bit): bits 7..0 WP (RO), bit 15 write 1 to reset WP. */
    public static final int RIRBWP = 0x58;
    /** RIRBWP bit 15: write pointer reset. */
    public static final int RIRBWP_RST = 0x8000;
    /** Responses per RIRB interrupt (16 bit, bits 7..0; 0 means 256). */
    public static final int RINTCNT = 0x5A;
    /** RIRB control (8 bit). */
    public static final int RIRBCTL = 0x5C;
    /** RIRBCTL bit 0: response interrupt control (raise RINTFL). */
    public static final int RIRBCTL_RINTCTL = 0x01;
    /** RIRBCTL bit 1: RIRB DMA enable. */
    public static final int RIRBCTL_DMAEN = 0x02;
    /** RIRBCTL bit 2: response overrun interrupt control. */
    public static final int RIRBCTL_ROIC = 0x04;
    /** RIRB status (8 bit, W1C). */
    public static final int RIRBSTS = 0x5D;
    /** RIRBSTS bit 0: response interrupt flag. */
    public static final int RIRBSTS_RINTFL = 0x01;
    /** RIRBSTS bit 2: response overrun interrupt status. */
    public static final int RIRBSTS_RIRBOIS = 0x04;
    /** RIRB size (8 bit, RO here: 256 entries). */
    public static final int RIRBSIZE = 0x5E;
    /** Immediate command output (32 bit). */
    public static final int IC = 0x60;
    /** Immediate response input (32 bit, RO). */
    public static final int IR = 0x64;
    /** Immediate command status (16 bit). */
    public static final int IRS = 0x68;
    /** IRS bit 0: immediate command busy; write 1 to send IC. */
    public static final int IRS_ICB = 0x01;
    /** IRS bit 1: immediate result valid (W1C). */
    public static final int IRS_IRV = 0x02;
    /** DMA position buffer lower base (32 bit): bit 0 enable, bits 31..7 address. */
    public static final int DPLBASE = 0x70;
    /** DPLBASE bit 0: position buffer enable. */
    public static final int DPLBASE_ENABLE = 0x01;
    /** DMA position buffer upper base (32 bit). */
    public static final int DPUBASE = 0x74;
    /** Bytes per stream slot in the DMA position buffer (the LPIB is the first 4). */
    public static final int DPBASE_STRIDE = 8;

    /** Offset of stream descriptor 0. */
    public static final int SD_BASE = 0x80;
    /** Bytes between stream descriptors. */
    public static final int SD_STRIDE = 0x20;
    /** Stream descriptor control (24 bit; a 32-bit access includes SDnSTS in bits 31..24). */
    public static final int SD_CTL = 0x00;
    /** The third byte of SDnCTL (stripe, TP, DIR, stream tag) as an 8-bit register. */
    public static final int SD_CTL_3B = 0x02;
    /** Stream descriptor status (8 bit). */
    public static final int SD_STS = 0x03;
    /** Link position in buffer (32 bit, RO, bytes). */
    public static final int SD_LPIB = 0x04;
    /** Cyclic buffer length (32 bit, bytes). */
    public static final int SD_CBL = 0x08;
    /** Last valid index of the BDL (16 bit, bits 7..0). */
    public static final int SD_LVI = 0x0C;
    /** FIFO size (16 bit, RO). */
    public static final int SD_FIFOS = 0x10;
    /** SDnFIFOS value. */
    public static final int SD_FIFOS_VALUE = 256;
    /** Stream format (16 bit), see {@link StreamFormat}. */
    public static final int SD_FMT = 0x12;
    /** BDL lower base address (32 bit, 128-byte aligned). */
    public static final int SD_BDPL = 0x18;
    /** BDL upper base address (32 bit). */
    public static final int SD_BDPU = 0x1C;

    /** SDnCTL bit 0: stream reset; reads back 1 while the stream is in reset. */
    public static final int SD_CTL_SRST = 0x01;
    /** SDnCTL bit 1: stream run (Linux SD_CTL_DMA_START). */
    public static final int SD_CTL_RUN = 0x02;
    /** SDnCTL bit 2: interrupt on completion enable. */
    public static final int SD_CTL_IOCE = 0x04;
    /** SDnCTL bit 3: FIFO error interrupt enable. */
    public static final int SD_CTL_FEIE = 0x08;
    /** SDnCTL bit 4: descriptor error interrupt enable. */
    public static final int SD_CTL_DEIE = 0x10;
    /** The three interrupt enable bits of SDnCTL, and the three W1C status bits of SDnSTS (Linux SD_INT_MASK). */
    public static final int SD_INT_MASK = 0x1c;
    /** SDnCTL bits 17..16: stripe control. */
    public static final int SD_CTL_STRIPE_MASK = 0x3_0000;
    /** SDnCTL bit 18: traffic priority. */
    public static final int SD_CTL_TP = 0x4_0000;
    /** SDnCTL bit 19: direction (bidirectional streams only). */
    public static final int SD_CTL_DIR = 0x8_0000;
    /** SDnCTL bits 23..20: stream tag; shift. */
    public static final int SD_CTL_STRM_SHIFT = 20;
    /** SDnCTL stream tag mask. */
    public static final int SD_CTL_STRM_MASK = 0xf << SD_CTL_STRM_SHIFT;
    /** SDnSTS bit 2: buffer completion interrupt status (W1C). */
    public static final int SD_STS_BCIS = 0x04;
    /** SDnSTS bit 3: FIFO error (W1C; never set by this model). */
    public static final int SD_STS_FIFOE = 0x08;
    /** SDnSTS bit 4: descriptor error (W1C). */
    public static final int SD_STS_DESE = 0x10;
    /** SDnSTS bit 5: FIFO ready (RO). */
    public static final int SD_STS_FIFORDY = 0x20;
    /** Position of SDnSTS inside the 32-bit word at SD_CTL. */
    public static final int SD_STS_SHIFT = 24;

    /** Bytes per BDL entry: u64 address, u32 length, u32 flags. */
    public static final int BDL_ENTRY_BYTES = 16;
    /** Maximum BDL entries (LVI is 8 bits). */
    public static final int BDL_MAX_ENTRIES = 256;
    /** BDL entry flags bit 0: interrupt on completion. */
    public static final int BDL_IOC = 0x01;
    /** Entries in the CORB and in the RIRB. */
    public static final int RING_ENTRIES = 256;
    /** Bytes per CORB entry. */
    public static final int CORB_ENTRY_BYTES = 4;
    /** Bytes per RIRB entry: response, extended word. */
    public static final int RIRB_ENTRY_BYTES = 8;
    /** RIRB extended word bits 3..0: the responding codec's address. */
    public static final int RIRB_EX_CODEC_MASK = 0x0f;
    /** RIRB extended word bit 4: unsolicited response. */
    public static final int RIRB_EX_UNSOL = 0x10;

    private HdaRegisters()
    {
    }

    /**
     * Offset of a stream descriptor's register block.
     *
     * @param index stream index 0..7 (0..3 input, 4..7 output).
     * @return {@code SD_BASE + SD_STRIDE * index}.
     */
    public static int sdOffset(final int index)
    {
        return SD_BASE + SD_STRIDE * index;
    }

    /**
     * Offset of one register of a stream descriptor.
     *
     * @param index    stream index 0..7.
     * @param register the register's offset inside the descriptor, e.g. {@link #SD_LPIB}.
     * @return the BAR offset.
     */
    public static int sdRegister(final int index, final int register)
    {
        return sdOffset(index) + register;
    }

    /**
     * Whether a stream index is an output (playback) stream.
     *
     * @param index stream index 0..7.
     * @return true for 4..7.
     */
    public static boolean isOutput(final int index)
    {
        return index >= FIRST_OUTPUT_STREAM;
    }
}
