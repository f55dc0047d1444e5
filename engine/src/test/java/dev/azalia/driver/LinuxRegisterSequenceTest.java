package dev.azalia.driver;

import dev.azalia.kernel.VirtualKernel;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;
import dev.azalia.pci.MmioTrace;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver's register traffic on the ICH9 identity, access for access (R/W, width, register, value) as the Linux
 * 6.1 capture on QEMU's ich9-intel-hda shows it for the same stream (48 kHz, 16-bit stereo, 4 periods of 6000
 * frames, aplay's parameters): controller init, the first verb, stream set-up, start, the period interrupts, stop
 * and hw_free. {@code *} stands for DMA addresses and wall-clock values. The one value Linux's capture cannot show
 * is OLD_SSYNC's read-back: QEMU does not implement the register (reads 0), the emulated ICH9 keeps the bits.
 */
final class LinuxRegisterSequenceTest
{
    private static final int PERIOD_FRAMES = 6000;
    private static final int PERIODS = 4;

    private final VirtualNanoClock clock = new VirtualNanoClock();
    private final StringBuilder trace = new StringBuilder();

    private Machine boot() throws InterruptedException
    {
        return Machine.boot(MachineConfig.of(true, new CapturingDacOutput()).withClock(clock)
            .withTrace(MmioTrace.to(trace, clock)));
    }

    private static List<String> seq(final String... lines)
    {
        return List.of(lines);
    }

    private static void assertSequence(final List<String> actual, final List<String> expected)
    {
        assertThat(MmioSequence.masked(actual, expected)).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldResetTheLinkAndInitTheChipAsLinuxDoes() throws Exception
    {
        try (Machine m = boot())
        {
            final List<String> all = MmioSequence.accesses(trace, 0, trace.length(), false);
            final List<String> expected = new ArrayList<>(seq(
                "R 2 0x0000 0x4401",
                // snd_hdac_bus_reset_link: GCTL read first (CRST 0: no STATESTS clear), enter by dword, exit by byte
                "R 1 0x0008 0x0", "R 4 0x0008 0x0", "W 4 0x0008 0x0", "R 1 0x0008 0x0",
                "R 1 0x0008 0x0", "W 1 0x0008 0x1", "R 1 0x0008 0x1",
                "R 1 0x0008 0x1", "R 2 0x000e 0x1"));
            for (int sd = 0; sd < 8; sd++)
            {
                expected.add(String.format("W 1 0x%04x 0x1c", 0x83 + 0x20 * sd));
            }
            expected.addAll(seq(
                "W 2 0x000e 0xff", "W 1 0x005d 0x5", "W 4 0x0024 0x400000ff",
                "W 4 0x0040 *", "W 4 0x0044 0x0", "W 1 0x004e 0x2", "W 2 0x0048 0x0",
                "W 2 0x004a 0x8000", "R 2 0x004a 0x8000", "W 2 0x004a 0x0", "R 2 0x004a 0x0", "W 1 0x004c 0x2",
                "W 4 0x0050 *", "W 4 0x0054 0x0", "W 1 0x005e 0x2", "W 2 0x0058 0x8000", "W 2 0x005a 0x1",
                "W 1 0x005c 0x3", "R 4 0x0008 0x1", "W 4 0x0008 0x101",
                "R 4 0x0020 0x0", "W 4 0x0020 0xc0000000", "W 4 0x0070 *", "W 4 0x0074 0x0"));
            assertSequence(all.subList(0, expected.size()), expected);
        }
    }

    @Test
    void shouldAcknowledgeRirbstsBeforeReadingRirbwp() throws Exception
    {
        try (Machine m = boot())
        {
            final List<String> all = MmioSequence.accesses(trace, 0, trace.length(), false);
            final int firstVerb = all.indexOf("W 2 0x0048 0x1");

            assertThat(all.subList(firstVerb - 2, firstVerb + 6)).containsExactly(
                "R 2 0x0048 0x0", "R 2 0x004a 0x0", "W 2 0x0048 0x1",
                "R 4 0x0024 0xc0000000", "R 1 0x005d 0x1", "W 1 0x005d 0x5", "R 2 0x0058 0x1", "R 4 0x0024 0x0");
        }
    }

    @Test
    void shouldSetUpStartServiceAndStopTheStreamAsLinuxDoes() throws Exception
    {
        try (Machine m = boot())
        {
            final VirtualKernel kernel = (VirtualKernel)m.kernel();
            final PcmSubstream s = m.chip().card().pcms().get(0).playback();
            s.open();
            s.hwParams(new HwParams(48_000, 2, 16, PERIOD_FRAMES, PERIODS));
            s.setStartThresholdFrames(s.boundary());

            int mark = trace.length();
            s.prepare();
            assertSequence(MmioSequence.accesses(trace, mark, trace.length(), true), seq(
                // snd_hdac_stream_reset
                "R 1 0x0100 0x0", "W 1 0x0100 0x0", "W 1 0x0103 0x1c", "R 1 0x0100 0x0",
                "R 1 0x0100 0x0", "W 1 0x0100 0x1", "R 1 0x0100 0x1", "R 1 0x0100 0x1", "W 1 0x0100 0x0",
                "R 1 0x0100 0x0",
                // snd_hdac_stream_setup_periods
                "W 4 0x0118 0x0", "W 4 0x011c 0x0",
                // snd_hdac_stream_setup
                "R 1 0x0100 0x0", "W 1 0x0100 0x0", "W 1 0x0103 0x1c",
                "R 4 0x0100 0x20000000", "W 4 0x0100 0x20500000", "W 4 0x0108 0x17700", "W 2 0x0112 0x11",
                "W 2 0x010c 0x4", "W 4 0x0118 *", "W 4 0x011c 0x0", "R 4 0x0070 *", "W 4 0x0070 *",
                "R 4 0x0100 0x20500000", "W 4 0x0100 0x2050001c", "R 2 0x0110 0x100"));

            final byte[] pcm = new byte[PERIOD_FRAMES * PERIODS * 4];
            s.writei(pcm, 0, PERIOD_FRAMES * PERIODS);
            mark = trace.length();
            s.start();
            assertSequence(MmioSequence.accesses(trace, mark, trace.length(), false), seq(
                "R 4 0x0034 0x0", "W 4 0x0034 0x10", "R 4 0x0030 *", "R 4 0x0020 0xc0000000",
                "W 4 0x0020 0xc0000010", "R 1 0x0100 0x1c", "W 1 0x0100 0x1e", "R 1 0x0103 0x20",
                "R 4 0x0034 0x10", "W 4 0x0034 0x0", "R 4 0x0030 *"));

            mark = trace.length();
            kernel.runUntil(clock.nanoTime() + 130_000_000L);
            final List<String> irq = seq("R 4 0x0024 0x80000010", "R 1 0x0103 0x24", "W 1 0x0103 0x1c",
                "R 4 0x0030 *", "R 1 0x005d 0x0", "R 4 0x0024 0x0");
            final List<String> twoInterrupts = new ArrayList<>(irq);
            twoInterrupts.addAll(irq);
            // the BDL's 1-frame lead entry interrupts first (too early, ignored), then the first period
            assertSequence(MmioSequence.accesses(trace, mark, trace.length(), false), twoInterrupts);
            assertThat(m.chip().bogusInterrupts()).isEqualTo(1);
            assertThat(m.chip().periodInterrupts()).isEqualTo(1);

            mark = trace.length();
            s.drop();
            assertSequence(MmioSequence.accesses(trace, mark, trace.length(), true), seq(
                "R 4 0x0034 0x0", "W 4 0x0034 0x10", "R 1 0x0100 0x1e", "W 1 0x0100 0x0", "W 1 0x0103 0x1c",
                "R 4 0x0020 0xc0000010", "W 4 0x0020 0xc0000000", "R 1 0x0100 0x0",
                "R 4 0x0034 0x10", "W 4 0x0034 0x0"));

            mark = trace.length();
            s.hwFree();
            assertSequence(MmioSequence.accesses(trace, mark, trace.length(), true), seq(
                "W 4 0x0118 0x0", "W 4 0x011c 0x0", "W 4 0x0100 0x0"));
            s.close();
        }
    }
}
