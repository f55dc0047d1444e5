package dev.azalia.machine;

import org.junit.jupiter.api.Test;

import dev.azalia.driver.AzxConfig;
import dev.azalia.driver.AzxIdentity;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.pci.PowerState;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BAR moves during playback, per quiesce policy, on the virtual clock.
 */
final class BarMoveTest
{
    private static final long MS = 1_000_000L;

    @ParameterizedTest(name = "{0} at {2} x {1} frames")
    @CsvSource({"live, 256, 4", "live, 64, 2"})
    void shouldSurviveAThousandMovesGaplessAndBitExact(final String policy, final int periodFrames,
        final int periods) throws Exception
    {
        final int rate = 48_000;
        // 14 s of audio: room for 1,000 moves 10 ms apart plus what each move's stall adds
        final MovePlayback run = new MovePlayback(policy, rate, 2, periodFrames, periods, 14 * rate)
            .plan(new BarMoveExperiment.Plan(10 * MS, 1_000, 2 * MS, 25 * MS, 7)).run();

        assertThat(run.moves).as(run.toString()).isEqualTo(1_000);
        assertThat(run.writeError).as(run.toString()).isNull();
        assertThat(run.bitExact()).as(run.toString()).isTrue();
        assertThat(run.xruns).as(run.toString()).isZero();
        assertThat(run.underruns).as(run.toString()).isZero();
        assertThat(run.stale).as(run.toString()).isZero();
        assertThat(run.faults).as(run.toString()).isZero();
        assertThat(run.failedMoves).as(run.toString()).isZero();
        assertThat(run.mixerOps).as(run.toString()).isGreaterThan(1_000);
        assertThat(run.jackEvents).as(run.toString()).isGreaterThan(100);
        assertThat(run.machine.failures()).as(run.toString()).isEmpty();
        assertThat(run.machine.bus().barMoves().stream().allMatch(m -> m.oldAddress() != m.newAddress())).isTrue();

        final MovePlayback still = new MovePlayback(policy, rate, 2, periodFrames, periods, run.frames).run();
        final int n = run.source.length;
        assertThat(still.bitExact()).as(still.toString()).isTrue();
        assertThat(Arrays.equals(run.played, 0, n, still.played, 0, n)).as("identical to a run without moves")
            .isTrue();
    }

    @Test
    void shouldMoveBitExactWithTheSuspendPolicyButStallTheDeviceForTheCodecsDepopDelay() throws Exception
    {
        final int rate = 48_000;
        // each move suspends the codec as hda_set_power_state does: 100 ms of depop sleep before D3 alone outlast
        // the device's 2048-frame (43 ms) buffer, so every move underruns it; the 170 ms ALSA buffer covers it
        final MovePlayback run = new MovePlayback("suspend", rate, 2, 2048, 4, 14 * rate)
            .plan(new BarMoveExperiment.Plan(250 * MS, 40, 2 * MS, 25 * MS, 7)).run();

        assertThat(run.moves).as(run.toString()).isEqualTo(40);
        assertThat(run.writeError).as(run.toString()).isNull();
        assertThat(run.bitExact()).as(run.toString()).isTrue();
        assertThat(run.xruns).as(run.toString()).isZero();
        assertThat(run.underruns).as(run.toString()).isEqualTo(40);
        assertThat(run.stale).as(run.toString()).isZero();
        assertThat(run.failedMoves).as(run.toString()).isZero();
        assertThat(run.mixerOps).as(run.toString()).isGreaterThan(1_000);
        assertThat(run.machine.failures()).as(run.toString()).isEmpty();
    }

    @Test
    void shouldReproduceTheSeedMessagesWhenTheNaivePolicyMovesAnAutosuspendedController() throws Exception
    {
        // the seed's kind of device: an AMD GPU's HDMI audio function, runtime PM, a codec that stops the link clock
        final MachineConfig config = MachineConfig.of(true, (a, n, f, pcm, o, l, t) -> { })
            .withDriverConfig(new AzxConfig(1_000_000_000L, "naive")).withController(AzxIdentity.AMD_HDMI)
            .withCodec(MachineCodec.DEFAULT.withClockStop());
        try (Machine m = Machine.boot(config))
        {
            ((VirtualKernel)m.kernel()).runUntil(m.clock().nanoTime() + 2_000_000_000L);
            assertThat(m.hdaDevice().powerState()).isEqualTo(PowerState.D3HOT);

            m.bus().rescan();

            // nothing woke the controller: its BAR reads all-ones at the new address too
            assertThat(m.log().lines()).contains(
                "snd_hda_intel 0000:00:1b.0: CORB reset timeout#2, CORBRP = 65535",
                "snd_hda_codec_generic hdaudioC0D0: Unable to sync register 0x2b8000. -5");
            assertThat(m.bus().staleAccesses()).isPositive();
            assertThat(m.chip().moveStats().failed()).isEqualTo(1);
        }
    }

    @Test
    void shouldLeaveTheStreamStuckWhenTheNaivePolicyMovesDuringPlayback() throws Exception
    {
        final MovePlayback run = new MovePlayback("naive", 48_000, 2, 256, 4, 2 * 48_000)
            .plan(new BarMoveExperiment.Plan(200 * MS, 3, MS / 4, 0, 3)).coreWork(2 * MS).run();

        // the link reset killed the stream's DMA and nothing restarted it: the writer times out
        assertThat(run.writeError).as(run.toString()).isNotNull();
        assertThat(run.writeError.getMessage()).contains("playback write error (DMA or IRQ trouble?)");
        assertThat(run.machine.log().lines()).anyMatch(l -> l.contains("playback write error (DMA or IRQ trouble?)"));
        assertThat(run.bitExact()).isFalse();
        // and nothing held the mixer back while the BAR was unmapped
        assertThat(run.faults).as(run.toString()).isPositive();
        assertThat(run.failedMoves).as(run.toString()).isPositive();
    }

    @Test
    void shouldLeaveControlAndUnsolicitedPathsOpenWithTheRwsemPolicy() throws Exception
    {
        final MovePlayback run = new MovePlayback("rwsem", 48_000, 2, 256, 4, 48_000)
            .plan(new BarMoveExperiment.Plan(20 * MS, 10, MS / 4, 5 * MS, 5)).coreWork(2 * MS).run();

        assertThat(run.faults).as("MMIO through the unmapped BAR: " + run).isPositive();
        assertThat(run.machine.bus().faultRecords()).isNotEmpty();
        assertThat(run.machine.log().lines()).as("a mixer control operation (no PCM ioctl) hit the unmapped BAR")
            .anyMatch(l -> l.contains("mixer traffic: unexpected dev.azalia.pci.MmioFaultException"));
        assertThat(run.xruns).as("the PCM path itself is protected: " + run).isZero();
    }

    @Test
    void shouldRefuseTheHotPlugThatNeedsTheSpaceWithTheFixedPolicy() throws Exception
    {
        final MovePlayback run = new MovePlayback("fixed", 48_000, 2, 256, 4, 48_000);
        run.plan(new BarMoveExperiment.Plan(0, 0, 0, 0, 1));
        run.hotPlugDuringPlayback = true;
        run.run();

        assertThat(run.hotPlugAccepted).as(run.toString()).isFalse();
        assertThat(run.machine.log().lines()).contains("pci 0000:00:1c.0: BAR 0: no space for [mem size 0x00800000]",
            "pci 0000:00:1c.0: BAR 0: failed to assign [mem size 0x00800000]");
        assertThat(run.moves).as("the card's BAR stayed put").isZero();
        assertThat(run.bitExact()).as(run.toString()).isTrue();
    }

    @Test
    void shouldMakeRoomForTheHotPlugWithTheLivePolicy() throws Exception
    {
        final MovePlayback run = new MovePlayback("live", 48_000, 2, 256, 4, 48_000);
        run.hotPlugDuringPlayback = true;
        run.run();

        assertThat(run.hotPlugAccepted).as(run.toString()).isTrue();
        assertThat(run.moves).as(run.toString()).isEqualTo(1);
        assertThat(run.bitExact()).as(run.toString()).isTrue();
        assertThat(run.faults + run.stale).isZero();
    }
}
