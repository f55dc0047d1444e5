package dev.azalia.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azalia.hda.HdaRegisters;
import dev.azalia.log.KernelLog;
import dev.azalia.pci.BarSpec;
import dev.azalia.pci.DmaMemory;
import dev.azalia.pci.InterruptLine;
import dev.azalia.pci.MmioRegion;
import dev.azalia.pci.PciAddress;
import dev.azalia.pci.PciBus;
import dev.azalia.pci.PciDevice;
import dev.azalia.time.VirtualNanoClock;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

/**
 * The driver's RIRB reading against responses Linux calls spurious (reliability table C03) and a controller that
 * reads all ones (C04), as {@code snd_hdac_bus_update_rirb} handles them.
 */
final class RirbResponsesTest
{
    private static final String SOURCE = "snd_hda_intel 0000:00:1b.0";

    private final VirtualNanoClock clock = new VirtualNanoClock(1_000_000_000L);
    private final KernelLog log = new KernelLog(clock);
    private final DmaMemory memory = new DmaMemory(1 << 16);
    private final long rirb = memory.allocate(2048, 128);
    private int rirbWp;
    private final RirbResponses responses;

    RirbResponsesTest()
    {
        final PciBus bus = new PciBus(log, clock, 0xfe00_0000L, 0x0010_0000L, InterruptLine.Delivery.INLINE);
        final MmioRegion controller = new MmioRegion()
        {
            @Override
            public int read(final int offset, final int widthBytes)
            {
                return HdaRegisters.RIRBWP == offset ? rirbWp : 0;
            }

            @Override
            public void write(final int offset, final int widthBytes, final int value)
            {
            }
        };
        final PciDevice device = new PciDevice(new PciAddress(0, 0, 0x1b, 0), 0x8086, 0x293e, 3, 0x040300, 1,
            List.of(new BarSpec(0, HdaRegisters.BAR_SIZE, controller)));
        bus.addDevice(device);
        final ChipRegisters regs = new ChipRegisters(bus.ioremap(device, 0));
        responses = new RirbResponses(regs, memory, rirb, new UnsolicitedQueue(new ReentrantLock()), log, SOURCE,
            clock);
    }

    /** The controller writes a response at the next RIRB entry and moves RIRBWP. */
    private void respond(final int res, final int ex)
    {
        rirbWp = (rirbWp + 1) % CommandTransport.RING_ENTRIES;
        memory.writeInt(rirb + 8L * rirbWp, res);
        memory.writeInt(rirb + 8L * rirbWp + 4, ex);
    }

    private List<String> lines(final String fragment)
    {
        return log.lines().stream().filter(l -> l.contains(fragment)).toList();
    }

    @Test
    void shouldLogAResponseFromACodecAddressBeyondTheBusWithItsPointers()
    {
        // C03: address 8 and up is past HDA_MAX_CODECS; dev_err with rp and wp, the response goes nowhere
        responses.sent(0, 0x000f0000);
        respond(0x1234, 0xf);
        respond(0x10ec0269, 0x9);

        assertThat(responses.update()).isEqualTo(RirbResponses.SOLICITED);

        assertThat(lines("spurious response")).containsExactly(
            SOURCE + ": spurious response 0x1234:0xf, rp = 1, wp = 2",
            SOURCE + ": spurious response 0x10ec0269:0x9, rp = 2, wp = 2");
        assertThat(responses.pending(0)).as("the command still waits").isEqualTo(1);
    }

    @Test
    void shouldRateLimitResponsesNoCommandWaitsForAsLinuxDoes()
    {
        // C03: a RIRB of zeros: "spurious response 0x0:0x0", dev_err_ratelimited (10 per 5 s, then the count)
        responses.sent(0, 0x000f0000);
        respond(0x10ec0269, 0);
        responses.update();
        assertThat(responses.response(0)).isEqualTo(0x10ec0269);
        for (int i = 0; i < 25; i++)
        {
            respond(0, 0);
        }
        responses.update();

        assertThat(lines("spurious response")).hasSize(LogRateLimit.BURST)
            .allMatch(l -> l.equals(SOURCE + ": spurious response 0x0:0x0, last cmd=0x0f0000"));
        assertThat(lines("suppressed")).isEmpty();

        clock.advance(LogRateLimit.INTERVAL_NANOS + 1);
        respond(0, 0);
        responses.update();
        assertThat(lines("snd_hdac_bus_update_rirb: ")).containsExactly(
            "snd_hdac_bus_update_rirb: 15 callbacks suppressed");
        assertThat(lines("spurious response")).hasSize(LogRateLimit.BURST + 1);
    }

    @Test
    void shouldReturnQuietlyWhenRirbwpReadsAllOnes()
    {
        // C04: the controller is gone (or in D3): nothing read, nothing logged, the read pointer kept
        responses.sent(0, 0x000f0000);
        respond(0x10ec0269, 0);
        rirbWp = 0xffff;
        final int logged = log.lines().size();

        assertThat(responses.update()).isEqualTo(RirbResponses.UNREADABLE);
        assertThat(log.lines()).hasSize(logged);
        assertThat(responses.pending(0)).isEqualTo(1);

        rirbWp = 1;
        assertThat(responses.update()).isEqualTo(RirbResponses.SOLICITED);
        assertThat(responses.response(0)).isEqualTo(0x10ec0269);
        assertThat(responses.pending(0)).isZero();
    }
}
