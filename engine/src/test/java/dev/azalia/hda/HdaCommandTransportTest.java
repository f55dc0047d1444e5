package dev.azalia.hda;

import static dev.azalia.hda.HdaRegisters.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.azalia.hda.codec.Codec;
import dev.azalia.hda.codec.CodecBus;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class HdaCommandTransportTest
{
    private static final int VENDOR_ID_VERB_C0 = 0x000f0000;
    private static final int VENDOR_ID_VERB_C2 = 0x200f0000;
    /** One 48 kHz link frame, rounded down. */
    private static final long FRAME_NANOS = 20_833L;
    /** The response field at the start of a frame: 36 bits at 24 MHz. */
    private static final long RESPONSE_FIELD_NANOS = 1_500L;
    /** How finely the timing tests step the link. */
    private static final long STEP_NANOS = 100L;

    private final HdaBench bench = new HdaBench();
    private final TestCodec c0 = new TestCodec(0);
    private final TestCodec c2 = new TestCodec(2);

    @BeforeEach
    void initChip()
    {
        bench.hda.attachCodec(c0);
        bench.hda.attachCodec(c2);
        bench.initChip();
    }

    @Test
    void shouldPassTheCorbrpResetHandshakeAsLinuxDrivesIt()
    {
        assertThat(bench.errors).isEmpty();
        assertThat(bench.readw(CORBRP)).isZero();
        bench.writew(CORBRP, CORBRP_RST);
        assertThat(bench.readw(CORBRP)).isEqualTo(0x8000);
        bench.writew(CORBRP, 0);
        assertThat(bench.readw(CORBRP)).isZero();
        assertThat(bench.readb(CORBCTL)).isEqualTo(CORBCTL_RUN);
        assertThat(bench.readb(RIRBCTL)).isEqualTo(RIRBCTL_DMAEN | RIRBCTL_RINTCTL);
    }

    @Test
    void shouldResetCorbReadPointerAndHoldItWhileResetIsSet()
    {
        assertThat(bench.sendCmd(VENDOR_ID_VERB_C0)).isZero();
        bench.ackRirb();
        assertThat(bench.readw(CORBRP)).isEqualTo(1);
        bench.writew(CORBRP, CORBRP_RST);
        assertThat(bench.readw(CORBRP)).isEqualTo(CORBRP_RST);
        bench.writew(CORBRP, 0);
        assertThat(bench.readw(CORBRP)).isZero();
    }

    @Test
    void shouldAnswerEachVerbInOrderWithOneRirbEntryAndOneInterrupt()
    {
        final int[] verbs = {VENDOR_ID_VERB_C0, VENDOR_ID_VERB_C2, 0x00270500, 0x2017_0500};
        for (int i = 0; i < verbs.length; i++)
        {
            assertThat(bench.sendCmd(verbs[i])).isZero();
            assertThat(bench.readb(RIRBSTS) & RIRBSTS_RINTFL).isEqualTo(RIRBSTS_RINTFL);
            assertThat(bench.readl(INTSTS)).isEqualTo(INTSTS_CIS | INTSTS_GIS);
            assertThat(bench.pin.level()).isTrue();
            assertThat(bench.readw(RIRBWP)).isEqualTo(i + 1);

            final List<int[]> responses = bench.updateRirb();
            assertThat(responses).hasSize(1);
            assertThat(responses.get(0)[0]).isEqualTo(TestCodec.responseTo(verbs[i]));
            assertThat(responses.get(0)[1]).as("ex: codec address, solicited").isEqualTo(verbs[i] >>> 28);
            bench.ackRirb();
            assertThat(bench.pin.level()).isFalse();
        }
        assertThat(c0.verbs()).containsExactly(verbs[0], verbs[2]);
        assertThat(c2.verbs()).containsExactly(verbs[1], verbs[3]);
        assertThat(bench.pin.assertions()).isEqualTo(4);
    }

    @Test
    void shouldStopProcessingAtRintcntUntilRintflIsClearedWithQemuFlowControl()
    {
        bench.hda.setRintcntFlowControl(true);
        bench.queueVerbs(0x000f0001, 0x000f0002, 0x000f0003);

        assertThat(bench.readw(CORBRP)).as("RINTCNT=1: one verb, then wait").isEqualTo(1);
        assertThat(bench.updateRirb()).hasSize(1);
        assertThat(bench.readl(INTSTS) & INTSTS_CIS).isNotZero();

        bench.ackRirb();
        bench.awaitLink();
        assertThat(bench.readw(CORBRP)).isEqualTo(2);
        assertThat(bench.updateRirb()).hasSize(1);
        bench.ackRirb();
        bench.awaitLink();
        assertThat(bench.readw(CORBRP)).isEqualTo(3);
        assertThat(bench.updateRirb()).hasSize(1);
        assertThat(bench.readb(RIRBSTS)).as("last one flagged: CORB empty").isEqualTo(RIRBSTS_RINTFL);
        bench.ackRirb();
        assertThat(c0.verbs()).containsExactly(0x000f0001, 0x000f0002, 0x000f0003);
    }

    @Test
    void shouldRaiseRintflPerRintcntResponsesOrWhenTheCorbEmptiesWithQemuFlowControl()
    {
        bench.hda.setRintcntFlowControl(true);
        bench.writew(RINTCNT, 2);
        bench.queueVerbs(0x000f0001, 0x000f0002, 0x000f0003, 0x000f0004, 0x000f0005);

        assertThat(bench.updateRirb()).hasSize(2);
        assertThat(bench.readb(RIRBSTS)).isEqualTo(RIRBSTS_RINTFL);
        bench.ackRirb();
        bench.awaitLink();
        assertThat(bench.updateRirb()).hasSize(2);
        bench.ackRirb();
        bench.awaitLink();
        final List<int[]> last = bench.updateRirb();
        assertThat(last).hasSize(1);
        assertThat(last.get(0)[0]).isEqualTo(TestCodec.responseTo(0x000f0005));
        assertThat(bench.readb(RIRBSTS)).as("one response but CORB empty").isEqualTo(RIRBSTS_RINTFL);
    }

    @Test
    void shouldFetchTheWholeCorbWhateverRintcntAsTheSpecificationSays()
    {
        bench.queueVerbs(0x000f0001, 0x000f0002, 0x000f0003);

        assertThat(bench.readw(CORBRP)).as("RINTCNT paces the interrupt, not the CORB").isEqualTo(3);
        assertThat(bench.updateRirb()).hasSize(3);
        assertThat(bench.readb(RIRBSTS)).isEqualTo(RIRBSTS_RINTFL);
        assertThat(c0.verbs()).containsExactly(0x000f0001, 0x000f0002, 0x000f0003);
    }

    @Test
    void shouldNotRaiseRintflWhenRintctlIsOff()
    {
        bench.writeb(RIRBCTL, RIRBCTL_DMAEN);
        bench.sendCmd(VENDOR_ID_VERB_C0);
        assertThat(bench.updateRirb()).hasSize(1);
        assertThat(bench.readb(RIRBSTS)).isZero();
        assertThat(bench.pin.level()).isFalse();
    }

    @Test
    void shouldDropResponsesWhileRirbDmaIsDisabled()
    {
        bench.writeb(RIRBCTL, RIRBCTL_RINTCTL);
        bench.sendCmd(VENDOR_ID_VERB_C0);
        assertThat(c0.verbs()).hasSize(1);
        assertThat(bench.readw(RIRBWP)).isZero();
        assertThat(bench.readb(RIRBSTS)).isZero();
    }

    @Test
    void shouldGiveNoResponseForAnAbsentCodecAndGoOn()
    {
        bench.writew(RINTCNT, 4);
        bench.queueVerbs(0x500f0000, 0x000f0000, 0x080f0000);

        assertThat(bench.readw(CORBRP)).as("every verb consumed").isEqualTo(3);
        final List<int[]> responses = bench.updateRirb();
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0)[0]).isEqualTo(TestCodec.responseTo(0x000f0000));
        assertThat(c0.verbs()).containsExactly(0x000f0000);
        assertThat(bench.hda.failures()).isEmpty();
    }

    @Test
    void shouldNotProcessTheCorbWithoutRun()
    {
        bench.writeb(CORBCTL, 0);
        bench.sendCmd(VENDOR_ID_VERB_C0);
        assertThat(bench.readw(CORBRP)).isZero();
        bench.writeb(CORBCTL, CORBCTL_RUN);
        bench.awaitLink();
        assertThat(bench.readw(CORBRP)).isEqualTo(1);
        assertThat(bench.updateRirb()).hasSize(1);
    }

    @Test
    void shouldResetTheRirbWritePointer()
    {
        bench.sendCmd(VENDOR_ID_VERB_C0);
        bench.ackRirb();
        assertThat(bench.readw(RIRBWP)).isEqualTo(1);
        bench.writew(RIRBWP, RIRBWP_RST);
        assertThat(bench.readw(RIRBWP)).isZero();
    }

    @Test
    void shouldFlagUnsolicitedResponsesOnlyWhenUnsolIsSet()
    {
        c2.sendUnsolicited(0x0400_0001);
        final List<int[]> responses = bench.updateRirb();
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0)[0]).isEqualTo(0x0400_0001);
        assertThat(responses.get(0)[1]).isEqualTo(RIRB_EX_UNSOL | 2);
        assertThat(bench.readb(RIRBSTS)).isEqualTo(RIRBSTS_RINTFL);
        assertThat(bench.pin.level()).isTrue();
        bench.ackRirb();

        bench.writel(GCTL, bench.readl(GCTL) & ~GCTL_UNSOL);
        c2.sendUnsolicited(0x0400_0002);
        assertThat(bench.updateRirb()).isEmpty();
        assertThat(bench.readb(RIRBSTS)).isZero();
    }

    @Test
    void shouldTakeUnsolicitedResponsesFromOtherThreadsWhileTheLockIsBusy() throws Exception
    {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread sender = new Thread(() -> c2.sendUnsolicited(0x0800_0000), "jack-event");
        // CORB processing runs the codec under the device lock; an unsolicited response arrives meanwhile.
        bench.hda.attachCodec(new BlockingCodec(4, inside, release));
        final Thread verbThread = new Thread(() -> bench.sendCmd(0x400f0000), "verb");
        verbThread.start();
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        sender.start();
        sender.join(10_000);
        assertThat(sender.isAlive()).as("unsolicited() never blocks on the device lock").isFalse();
        release.countDown();
        verbThread.join(10_000);

        final List<int[]> responses = bench.updateRirb();
        assertThat(responses).extracting(r -> r[1]).containsExactlyInAnyOrder(RIRB_EX_UNSOL | 2, 4);
        assertThat(responses).extracting(r -> r[0]).contains(0x0800_0000, 0x4242);
    }

    @Test
    void shouldRunTheImmediateCommandInterface()
    {
        // azx_single_send_cmd / azx_single_get_response
        assertThat(bench.readw(IRS) & IRS_ICB).isZero();
        bench.writew(IRS, bench.readw(IRS) | IRS_IRV);
        bench.writel(IC, VENDOR_ID_VERB_C2);
        bench.writew(IRS, bench.readw(IRS) | IRS_ICB);
        assertThat(bench.readw(IRS)).as("busy until the response is in").isEqualTo(IRS_ICB);
        bench.awaitLink();
        assertThat(bench.readw(IRS)).isEqualTo(IRS_IRV);
        assertThat(bench.readl(IR)).isEqualTo(TestCodec.responseTo(VENDOR_ID_VERB_C2));
        assertThat(bench.readw(RIRBWP)).as("not through the RIRB").isZero();

        bench.writew(IRS, IRS_IRV);
        assertThat(bench.readw(IRS)).as("IRV is W1C").isZero();
    }

    @Test
    void shouldAnswerACorbVerbInTheFrameAfterTheOneItWentOutIn()
    {
        for (int i = 0; i < 8; i++)
        {
            // published at different points of a frame
            bench.link.step(7_000L);
            final long sent = bench.clock.nanoTime();
            final int wp = (bench.readw(CORBWP) + 1) % RING_ENTRIES;
            bench.memory.writeInt(bench.rb + 4L * wp, VENDOR_ID_VERB_C0);
            bench.writew(CORBWP, wp);
            assertThat(bench.readw(RIRBWP)).as("nothing before the link has carried it").isEqualTo(i);
            final long answered = stepUntil(() -> bench.readw(RIRBWP) == wp);

            assertThat(answered - sent).isGreaterThan(FRAME_NANOS + RESPONSE_FIELD_NANOS)
                .isLessThanOrEqualTo(2 * FRAME_NANOS + 1 + RESPONSE_FIELD_NANOS + STEP_NANOS);
            assertThat(bench.readb(RIRBSTS) & RIRBSTS_RINTFL).isEqualTo(RIRBSTS_RINTFL);
            assertThat(bench.pin.level()).isTrue();
            bench.updateRirb();
            bench.ackRirb();
        }
    }

    @Test
    void shouldSendOneVerbPerCodecPerFrame()
    {
        final long sent = bench.clock.nanoTime();
        bench.queueVerbsNoWait(0x000f0001, 0x200f0001, 0x000f0002, 0x000f0003);
        final long first = stepUntil(() -> bench.readw(RIRBWP) == 2);
        final long second = stepUntil(() -> bench.readw(RIRBWP) == 3);
        final long third = stepUntil(() -> bench.readw(RIRBWP) == 4);

        assertThat(first - sent).isLessThanOrEqualTo(2 * FRAME_NANOS + 1 + RESPONSE_FIELD_NANOS + STEP_NANOS);
        assertThat(second - first).as("codec 0's second verb waits for the next frame")
            .isBetween(FRAME_NANOS - STEP_NANOS, FRAME_NANOS + 1 + STEP_NANOS);
        assertThat(third - second).isBetween(FRAME_NANOS - STEP_NANOS, FRAME_NANOS + 1 + STEP_NANOS);
        assertThat(c2.verbs()).containsExactly(0x200f0001);
    }

    @Test
    void shouldKeepTheImmediateInterfaceBusyUntilTheResponseIsInWithinLinuxsPollBudget()
    {
        for (int i = 0; i < 8; i++)
        {
            bench.link.step(7_000L);
            bench.writew(IRS, IRS_IRV);
            bench.writel(IC, VENDOR_ID_VERB_C2);
            final long sent = bench.clock.nanoTime();
            bench.writew(IRS, IRS_ICB);
            final long answered = stepUntil(() -> (bench.readw(IRS) & IRS_ICB) == 0);

            assertThat(answered - sent).isGreaterThan(FRAME_NANOS + RESPONSE_FIELD_NANOS)
                .as("azx_single_wait_for_response polls 50 x 1 us").isLessThan(50_000L);
            assertThat(bench.readw(IRS)).isEqualTo(IRS_IRV);
            assertThat(bench.readl(IR)).isEqualTo(TestCodec.responseTo(VENDOR_ID_VERB_C2));
        }
    }

    /** Steps the link {@link #STEP_NANOS} at a time until the condition holds; returns the clock then. */
    private long stepUntil(final java.util.function.BooleanSupplier condition)
    {
        for (int i = 0; i < 10_000 && !condition.getAsBoolean(); i++)
        {
            bench.link.step(STEP_NANOS);
        }
        assertThat(condition.getAsBoolean()).isTrue();
        return bench.clock.nanoTime();
    }

    @Test
    void shouldLeaveIrvClearForAnAbsentCodecOnTheImmediateInterface()
    {
        bench.writew(IRS, IRS_IRV);
        bench.writel(IC, 0x700f0000);
        bench.writew(IRS, IRS_ICB);
        bench.awaitLink();
        assertThat(bench.readw(IRS)).isZero();
        assertThat(bench.readl(IR)).isZero();
    }

    /** A codec whose execute blocks until released, to hold the device lock from another thread. */
    private static final class BlockingCodec implements Codec
    {
        private final int address;
        private final CountDownLatch inside;
        private final CountDownLatch release;

        BlockingCodec(final int address, final CountDownLatch inside, final CountDownLatch release)
        {
            this.address = address;
            this.inside = inside;
            this.release = release;
        }

        @Override
        public int address()
        {
            return address;
        }

        @Override
        public void attach(final CodecBus bus)
        {
        }

        @Override
        public int execute(final int verb)
        {
            inside.countDown();
            try
            {
                release.await(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
            return 0x4242;
        }

        @Override
        public void reset()
        {
        }

        @Override
        public void streamData(final int streamTag, final StreamFormat format, final byte[] data, final int offset,
            final int length, final long nanos)
        {
        }
    }
}
