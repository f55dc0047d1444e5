package dev.azalia.machine;

import dev.azalia.driver.AzxConfig;
import dev.azalia.hda.codec.dump.BuiltinCodec;
import dev.azalia.probe.GlitchReport;
import dev.azalia.testbed.Disturbances;
import dev.azalia.testbed.RunResult;
import dev.azalia.testbed.SourceSpec;
import dev.azalia.testbed.Testbed;
import dev.azalia.testbed.junit.TestbedAssertions;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The glitch suite, on every built-in codec: every quiesce policy x buffer (2x64, 4x256, 4x1024 frames) x rate (44.1,
 * 48, 22.05 kHz on the QEMU model; 48 kHz on the dumps' codecs, the rate they all take) x BAR move rate (none, every
 * 10 ms, every 100 ms on the QEMU model; none and every 10 ms on the dumps' codecs), one second of noise per case on
 * the virtual clock, with mixer traffic every 2 ms and a jack event every 25 ms. Each row is a {@link Testbed} run;
 * what reached the link is judged by the testbed's reference detector (against what the application wrote) and
 * silence detector, its frame-sequence probe, and the PCM xrun, device underrun and MMIO fault counts, with the
 * testbed's assertions ({@link TestbedAssertions}).
 *
 * <p>Each rescan costs {@value #CORE_WORK_NANOS} ns of PCI core work. Measured and encoded as found (the virtual
 * clock makes every row deterministic), the same on the dumps' codecs (their larger register caches replay more
 * verbs per resume, and their jack events go to a microphone jack, but no row changes its verdict):
 * <ul>
 *     <li>no moves: clean for every policy;</li>
 *     <li>{@code live}: clean everywhere; {@code fixed}: clean everywhere, the BAR never moves;</li>
 *     <li>{@code suspend}: bit-exact with no xrun and no fault everywhere, but every move stalls the device: the codec
 *     suspend sleeps 100 ms for depop before D3 as {@code hda_set_power_state} does, longer than the device's buffer,
 *     so each move underruns it (an earlier model without the depop delay was gapless down to 2x64);</li>
 *     <li>{@code naive}: the first move during playback kills the stream's DMA; the writer times out and the whole
 *     tail is missing;</li>
 *     <li>{@code rwsem}: an MMIO access through the unmapped BAR faults in every row with moves (a changed mixer put
 *     reaching the codec, or jack work); the audio is corrupted, duplicated or cut short in every such row.</li>
 * </ul>
 */
@Tag("glitch")
final class GlitchSuiteTest
{
    private static final long CORE_WORK_NANOS = 250_000L;

    /** What a row must show. */
    enum Expect
    {
        /** Bit-exact audio, no xrun, no underrun, no fault. */
        CLEAN,
        /** The audio detectors report glitches. */
        AUDIO_GLITCH,
        /** Bit-exact audio, no xrun and no fault, but the device underran while the moves stalled the DMA. */
        DEVICE_STALL
    }

    static Stream<Arguments> matrix()
    {
        final List<Arguments> rows = new ArrayList<>();
        for (final BuiltinCodec codec : BuiltinCodec.values())
        {
            // the QEMU model at every rate and move rate; the dumps' codecs at 48 kHz (all of them take it)
            final boolean qemu = BuiltinCodec.QEMU == codec;
            for (final String policy : List.of("naive", "rwsem", "suspend", "fixed", "live"))
            {
                for (final int[] buffer : new int[][] {{2, 64}, {4, 256}, {4, 1024}})
                {
                    for (final int rate : qemu ? new int[] {44_100, 48_000, 22_050} : new int[] {48_000})
                    {
                        for (final int moveEveryMillis : qemu ? new int[] {0, 10, 100} : new int[] {0, 10})
                        {
                            rows.add(Arguments.of(codec, policy, buffer[0], buffer[1], rate, moveEveryMillis,
                                expect(policy, buffer[1], rate, moveEveryMillis)));
                        }
                    }
                }
            }
        }
        return rows.stream();
    }

    private static Expect expect(final String policy, final int periodFrames, final int rate,
        final int moveEveryMillis)
    {
        if (0 == moveEveryMillis)
        {
            return Expect.CLEAN;
        }
        return switch (policy)
        {
            case "naive" -> Expect.AUDIO_GLITCH;
            case "rwsem" -> Expect.AUDIO_GLITCH;
            case "suspend" -> Expect.DEVICE_STALL;
            default -> Expect.CLEAN;
        };
    }

    @ParameterizedTest(name = "{0} codec, {1} {2}x{3} @{4} Hz, move every {5} ms: {6}")
    @MethodSource("matrix")
    void shouldReportGlitchesExactlyWhereThePolicyIsNotGapless(final BuiltinCodec codec, final String policy,
        final int periods, final int periodFrames, final int rate, final int moveEveryMillis, final Expect expect)
        throws Exception
    {
        // one second of noise, so that any lost, repeated or corrupted frame shows
        final byte[] noise = new byte[rate * 4];
        new SplittableRandom(0).nextBytes(noise);
        final Disturbances disturbances = Disturbances.none()
            .withBarMovesEvery(moveEveryMillis > 0 ? Duration.ofMillis(moveEveryMillis) : null)
            .withBarMoveLimit(moveEveryMillis > 0 ? Disturbances.UNLIMITED : 0)
            .withMixerTrafficEvery(Duration.ofMillis(2)).withJackEventsEvery(Duration.ofMillis(25))
            .withSeed(rate + moveEveryMillis);
        final RunResult run = Testbed.builder()
            .source(SourceSpec.pcm("noise", noise, rate, 2))
            .policy(policy).buffer(periods, periodFrames).disturbances(disturbances).detectGlitches()
            .machineOptions(c -> c.withCodec(MachineCodec.builtin(codec, OptionalInt.empty()).forJackEvents(true))
                .withDriverConfig(new AzxConfig(-1, policy)).withLinkTickNanos(MachineConfig.DEFAULT_LINK_TICK_NANOS))
            .afterBoot(m -> m.bus().setCoreWork(m.kernel()::delayNanos, CORE_WORK_NANOS))
            .build().run();
        final GlitchReport reference = detection(run, "reference");
        final GlitchReport silence = detection(run, "silence");
        final String what = codec + " " + policy + " " + periods + "x" + periodFrames + " @" + rate + " Hz, moves "
            + run.barMoves().count() + ", activity " + run.activity() + ", probe " + run.probe() + ", output "
            + run.output() + ", xruns " + run.stream().xruns() + ", failure " + run.failure() + "; reference "
            + reference.countsByKind() + ", silence " + silence.countsByKind();
        final boolean bitExact = 0 == run.probe().framesLost() && 0 == run.probe().framesDuplicated()
            && rate == run.output().framesWritten() && 0 == reference.count();

        assertThat(run.activity().mixerOps()).as("mixer traffic ran: " + what).isPositive();
        assertThat(run.activity().jackEvents()).as("jack events ran: " + what).isPositive();
        assertThat(silence.count()).as("no zero run or hold inside the noise: " + what).isZero();
        if (0 == moveEveryMillis || "fixed".equals(policy))
        {
            assertThat(run.barMoves().count()).as(what).isZero();
        }
        else
        {
            TestbedAssertions.assertThat(run).hasBarMoves();
        }
        switch (expect)
        {
            case CLEAN ->
            {
                TestbedAssertions.assertThat(run).isGapless().hasNoGlitches().hasNoStaleMmioAccesses();
                assertThat(bitExact).as(what).isTrue();
                assertThat(run.barMoves().failed()).as(what).isZero();
            }
            case AUDIO_GLITCH ->
            {
                assertThat(reference.count()).as(what).isPositive();
                assertThat(reference.lostMillis()).as(what).isPositive();
                assertThat(reference.firstGlitches()).as(what).isNotEmpty();
                assertThat(bitExact).as(what).isFalse();
            }
            case DEVICE_STALL ->
            {
                assertThat(reference.count()).as(what).isZero();
                assertThat(bitExact).as(what).isTrue();
                TestbedAssertions.assertThat(run).completed().hasNoXruns().hasNoStaleMmioAccesses();
                assertThat(run.output().underruns()).as(what).isPositive();
                assertThat(run.barMoves().failed()).as(what).isZero();
            }
            default -> throw new AssertionError(expect);
        }
        if ("naive".equals(policy) && moveEveryMillis > 0)
        {
            // the stream is stuck: the writer's timeout fires and the rest of the source never plays
            assertThat(run.failure()).as(what).isNotNull();
            // (the testbed's reference holds what the application wrote, so the tail is counted against the source)
            assertThat(rate - run.output().framesWritten()).as(what).isGreaterThan(rate / 2L);
        }
        if ("rwsem".equals(policy) && moveEveryMillis > 0)
        {
            assertThat(run.barMoves().faults()).as("the unprotected control path hit the unmapped BAR: " + what)
                .isPositive();
        }
    }

    private static GlitchReport detection(final RunResult run, final String detector)
    {
        return run.detections().stream().filter(r -> detector.equals(r.detector())).findFirst()
            .orElseThrow(() -> new AssertionError("no " + detector + " detector in " + run.detections()));
    }
}
