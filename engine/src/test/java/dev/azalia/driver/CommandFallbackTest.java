package dev.azalia.driver;

import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;
import dev.azalia.sound.SoundException;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command path's details as Linux 6.1 has them ({@code azx_probe_codecs}, {@code probe_codec},
 * {@code codec_exec_verb}, {@code snd_hdac_bus_exec_verb_unlocked}): a codec slot that never answers is dropped after
 * one VENDOR_ID verb and the chip re-initialised; {@code chip->probing} covers only that verb; no bus reset inside a
 * codec's suspend or resume; a full CORB is waited out, not failed.
 */
final class CommandFallbackTest
{
    private static final String SRC = "snd_hda_intel 0000:00:1b.0: ";
    private final CapturingDacOutput out = new CapturingDacOutput();
    private FaultyBar faulty;

    private Machine boot(final Consumer<FaultyBar> faults) throws InterruptedException
    {
        return Machine.boot(MachineConfig.of(true, out).withBarFilter(region ->
        {
            faulty = new FaultyBar(region);
            faults.accept(faulty);
            return faulty;
        }));
    }

    @Test
    void shouldDropACodecSlotThatNeverAnswersAndReinitialiseTheChip() throws Exception
    {
        final int resetsWithoutPhantom;
        try (Machine m = boot(f -> { }))
        {
            resetsWithoutPhantom = faulty.linkResets();
        }
        try (Machine m = boot(f -> f.phantomCodecs(1 << 2)))
        {
            assertThat(m.chip().probeFailure()).isNull();
            assertThat(m.log().lines()).contains(SRC + "Codec #2 probe error; disabling it...");
            assertThat(m.chip().codecs()).extracting(CodecDriver::address).containsExactly(0);
            // azx_stop_chip + azx_init_chip(full) after the failed slot: one more trip through link reset
            assertThat(faulty.linkResets()).isEqualTo(resetsWithoutPhantom + 1);
            // the absent slot cost what it costs Linux: polling mode, then MSI off, then the probe error
            assertThat(m.chip().transport().pollingMode()).isTrue();
            assertThat(m.chip().transport().singleCmdMode()).isFalse();
            assertThat(m.chip().card().controlWrite("Master Playback Volume", new long[] {0x30, 0x31})).isTrue();
            assertThat(m.failures()).isEmpty();
        }
    }

    @Test
    void shouldFallBackRatherThanFailWhenAProbedCodecStopsAnsweringAfterItsVendorId() throws Exception
    {
        try (Machine m = boot(f -> { }))
        {
            faulty.killRirbDma();
            // outside probe_codec's one verb, chip->probing is clear: a timeout falls back to single_cmd
            assertThatThrownBy(() -> m.chip().card().controlWrite("Master Playback Volume", new long[] {1, 2}))
                .isInstanceOf(SoundException.class).hasMessage("no response from codec 0");
            assertThat(m.chip().transport().singleCmdMode()).isTrue();
        }
    }

    @Test
    void shouldNotResetTheBusWhileACodecSuspends() throws Exception
    {
        try (Machine m = boot(f -> { }))
        {
            m.chip().transport().setAllowBusReset(true);
            faulty.killRirbDma();
            final CodecDriver codec = m.chip().codecs().get(0);

            assertThatThrownBy(codec::suspend).isInstanceOf(SoundException.class);

            // azx_rirb_get_response still says so, but codec_exec_verb does not reset inside codec PM
            assertThat(m.log().lines()).anyMatch(l -> l.startsWith(SRC + "No response from codec, resetting bus"));
            assertThat(m.chip().transport().busResets()).isZero();
            assertThat(m.chip().transport().singleCmdMode()).isFalse();
        }
    }

    @Test
    void shouldResetTheBusForTheSameTimeoutOutsideCodecPm() throws Exception
    {
        try (Machine m = boot(f -> { }))
        {
            m.chip().transport().setAllowBusReset(true);
            faulty.killRirbDma();

            m.chip().card().controlWrite("Master Playback Volume", new long[] {0x30, 0x31});

            assertThat(m.chip().transport().busResets()).isEqualTo(1);
        }
    }

    @Test
    void shouldCollectAPendingResponseAndRetryWhenTheCorbIsFull() throws Exception
    {
        try (Machine m = boot(f -> { }))
        {
            final long errors = m.chip().transport().commandErrors();
            faulty.corbFullFor(3);

            assertThat(m.chip().card().controlWrite("Master Playback Volume", new long[] {0x30, 0x31})).isTrue();

            assertThat(m.codec().ampGain(2, true)).isEqualTo(0x30);
            assertThat(m.codec().ampGain(2, false)).isEqualTo(0x31);
            assertThat(m.chip().transport().commandErrors()).isEqualTo(errors);
            assertThat(m.chip().transport().singleCmdMode()).isFalse();
            assertThat(m.failures()).isEmpty();
        }
    }
}
