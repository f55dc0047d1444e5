package dev.azalia.hda.codec.dump;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import static dev.azalia.hda.codec.dump.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

class CodecDumpParserHeaderTest
{
    @Test
    void readsTheHeaderLinesOfTheQemuCodec() throws Exception
    {
        final CodecDump c = Fixtures.codec("qemu-hda-duplex.txt");

        assertThat(c.name()).isEqualTo("QEMU Generic");
        assertThat(c.address()).isZero();
        assertThat(c.afgFunctionId()).contains(new FunctionGroupId(1, OptionalInt.of(0)));
        assertThat(c.mfgFunctionId()).isEmpty();
        assertThat(c.vendorId()).isEqualTo(0x1af40022);
        assertThat(c.subsystemId()).isEqualTo(0x1af40022);
        assertThat(c.revisionId()).isEqualTo(0x100101);
        assertThat(c.modemFunctionGroup()).isEmpty();
        assertThat(c.widgets()).extracting(WidgetDump::nid).containsExactly(2, 3, 4, 5);
    }

    @Test
    void readsTheFunctionGroupLines() throws Exception
    {
        final AfgDump afg = Fixtures.codec("laptop-analog.txt").afg().orElseThrow();

        assertThat(afg.defaultPcm()).contains(PcmCaps.of(0x560, 0xe, 0x1));
        assertThat(afg.defaultAmpInCaps()).isZero();
        assertThat(afg.defaultAmpOutCaps()).isZero();
        assertThat(afg.nid()).hasValue(1);
        assertThat(afg.powerStates()).hasValue(0xf | 1 << 30 | 1 << 31);
        assertThat(afg.powerState()).hasValue(0);
        final GpioDump gpio = afg.gpio().orElseThrow();
        assertThat(gpio.ioCount()).isEqualTo(2);
        assertThat(gpio.caps() >>> 30 & 1).isEqualTo(1);
        assertThat(gpio.lines()).hasSize(2);
        assertThat(gpio.mask(0)).isEqualTo(1);
        assertThat(gpio.mask(1)).isEqualTo(1);
        assertThat(gpio.mask(4)).isEqualTo(1);
        assertThat(gpio.mask(5)).isZero();
    }

    @Test
    void readsDefaultAmpCapsAndStateFlags() throws Exception
    {
        final AfgDump afg = Fixtures.codec("damaged/hook-lines.txt").afg().orElseThrow();

        assertThat(afg.defaultAmpInCaps()).isZero();
        assertThat(afg.defaultAmpOutCaps()).isEqualTo(AmpDump.caps(0x7f, 0x7f, 0x02, true));
        assertThat(afg.powerStates()).hasValue(0x1f | 1 << 29 | 1 << 30 | 1 << 31);
        assertThat(afg.gpio().orElseThrow().controls()).extracting(ControlDump::name).containsExactly("Mute-LED Mode");
    }

    @Test
    void readsAClockStopOkPowerState() throws Exception
    {
        final AfgDump afg = Fixtures.codec("hdmi.txt").afg().orElseThrow();

        assertThat(afg.powerState()).hasValue(0x200);
        assertThat(afg.defaultPcm()).contains(PcmCaps.of(0, 0, 0));
    }

    @Test
    void readsAModemOnlyCodecWithoutFunctionGroup() throws Exception
    {
        final CodecDump c = parse("Codec: Azalia AZ-Modem", "Address: 1", "MFG Function Id: 0x2 (unsol 1)",
                "Vendor Id: 0x1aa0c000", "Subsystem Id: 0x1aa00110", "Revision Id: 0x100000",
                "Modem Function Group: 0x1");

        assertThat(c.afg()).isEmpty();
        assertThat(c.widgets()).isEmpty();
        assertThat(c.mfgFunctionId()).contains(new FunctionGroupId(2, OptionalInt.of(1)));
        assertThat(c.modemFunctionGroup()).hasValue(1);
    }

    @Test
    void readsTheOldFunctionIdLineAndUnpaddedSubsystem() throws Exception
    {
        final CodecDump c = Fixtures.codec("damaged/old-format.txt");

        assertThat(c.afgFunctionId()).contains(new FunctionGroupId(1, OptionalInt.empty()));
        assertThat(c.subsystemId()).isZero();
        assertThat(c.address()).isEqualTo(2);
        assertThat(c.afg().orElseThrow().nid()).isEmpty();
    }

    @Test
    void anOldModemFunctionIdIsTheModemGroups() throws Exception
    {
        final CodecDump c = parse("Codec: Conexant ID 2c06", "Address: 1", "Function Id: 0x2",
                "Vendor Id: 0x14f12c06", "Subsystem Id: 0x14f1000f", "Revision Id: 0x100000");

        assertThat(c.mfgFunctionId()).contains(new FunctionGroupId(2, OptionalInt.empty()));
        assertThat(c.afgFunctionId()).isEmpty();
    }

    @Test
    void readsTheOneLineDefaultPcmOfOldKernels() throws Exception
    {
        final PcmCaps pcm = Fixtures.codec("damaged/old-format.txt").afg().orElseThrow().defaultPcm().orElseThrow();

        assertThat(pcm.rates()).isEqualTo(0x7f);
        assertThat(pcm.bits()).isEqualTo(0xe);
        assertThat(pcm.formats()).isEqualTo(1);
    }

    @Test
    void readsADefaultPcmThatPrintedNotAvailable() throws Exception
    {
        final CodecDump c = parse("Codec: X", "Address: 0", "Vendor Id: 0x11112222", "Default PCM:", "N/A",
                "Default Amp-In caps: N/A", "Default Amp-Out caps: N/A");

        assertThat(c.afg().orElseThrow().defaultPcm()).contains(PcmCaps.NOT_AVAILABLE);
        assertThat(PcmCaps.NOT_AVAILABLE.available()).isFalse();
    }

    @Test
    void readsOldGpioLinesWithoutUnsol() throws Exception
    {
        final GpioDump gpio = Fixtures.codec("damaged/old-format.txt").afg().orElseThrow().gpio().orElseThrow();

        assertThat(gpio.lines()).containsExactly(
                new GpioDump.Line(0, false, false, false, false, false, false),
                new GpioDump.Line(1, true, true, false, false, true, false));
    }

    @Test
    void keepsColumnZeroHookLinesAmongTheNodes() throws Exception
    {
        final CodecDump c = Fixtures.codec("damaged/hook-lines.txt");

        assertThat(c.afg().orElseThrow().hookLines()).containsExactly("Power-Map: 0x00", "Analog Loopback: 0x00");
        assertThat(c.widgets()).extracting(WidgetDump::nid).containsExactly(0x0a, 0x0b, 0x0c);
    }

    @Test
    void readsAnInvalidSubtreeLine() throws Exception
    {
        final CodecDump c = parse("Codec: X", "Address: 0", "Vendor Id: 0x11112222", "Default PCM:",
                "    rates [0x0]:", "    bits [0x0]:", "    formats [0x0]:", "Default Amp-In caps: N/A",
                "Default Amp-Out caps: N/A", "State of AFG node 0x01:", "  Power: setting=D0, actual=D0",
                "Invalid AFG subtree");

        assertThat(c.afg().orElseThrow().invalidSubtree()).isTrue();
        assertThat(c.afg().orElseThrow().powerStates()).isEmpty();
    }
}
