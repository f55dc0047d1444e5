package dev.azalia.player;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --fault} and {@code --fault-seed}: one end-to-end run per fault family, on the virtual clock. */
final class FaultOptionsTest
{
    private static final String TONE = Samples.dir().resolve("tone-48k-mono-cbr.mp3").toString();

    private static CliRun play(final String... options)
    {
        final List<String> args = new ArrayList<>(List.of("-q", "--out", "null", "--clock", "virtual"));
        args.addAll(Arrays.asList(options));
        args.add(TONE);
        return CliRun.of(args.toArray(new String[0]));
    }

    private static List<String> lines(final CliRun run)
    {
        return run.err().lines().filter(l -> !l.isBlank()).toList();
    }

    private static JsonNode faults(final Path report) throws Exception
    {
        return new ObjectMapper().readTree(Files.readString(report)).get("faults");
    }

    @Test
    void shouldRefuseABadSpecInOneLineWithExitTwo()
    {
        final CliRun run = play("--fault", "lost-irq:9/8");

        assertThat(run.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(lines(run)).containsExactly(
            "play: --fault: bad fault \"lost-irq:9/8\": K of K/N must be 1..8",
            "Try 'play --help' for more information.");
        assertThat(lines(play("--fault", "nonsense")).get(0)).startsWith(
            "play: --fault: bad fault \"nonsense\": unknown fault \"nonsense\" (known: lost-irq, early-irq,");
    }

    @Test
    void shouldPlayThroughLostAndSpuriousInterruptsAndReportThem(@TempDir final Path dir) throws Exception
    {
        final Path report = dir.resolve("r.json");
        final CliRun run = play("--fault", "lost-irq:1/8", "--fault", "spurious-irq:1000", "--fault-seed", "3",
            "--report", report.toString());

        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        final JsonNode f = faults(report);
        assertThat(f.get("seed").asLong()).isEqualTo(3);
        assertThat(f.get("specs").toString()).isEqualTo("[\"lost-irq:1/8\",\"spurious-irq:1000\"]");
        assertThat(f.get("injected").get("lost-irq").asLong()).isPositive();
        assertThat(f.get("injected").get("spurious-irq").asLong()).isEqualTo(1000);
        assertThat(f.get("driver").get("unhandledIrqs").asLong()).isEqualTo(1000);
        assertThat(f.get("driver").get("xruns").asLong()).isZero();
    }

    @Test
    void shouldDisableAStuckSharedLineAsNobodyCaredWithMsiOffAndSayNothingWithMsi(@TempDir final Path dir)
        throws Exception
    {
        final Path intx = dir.resolve("intx.json");
        final Path msi = dir.resolve("msi.json");
        final CliRun off = play("--enable-msi", "0", "--fault", "stuck-irq@300ms", "--report", intx.toString());
        final CliRun on = play("--fault", "stuck-irq@300ms", "--report", msi.toString());

        assertThat(off.status()).as(off.err()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(faults(intx).get("messages").get("nobody cared").asLong()).isOne();
        assertThat(faults(intx).get("messages").get("Disabling IRQ").asLong()).isOne();
        assertThat(faults(intx).get("driver").get("irqDisabled").asBoolean()).isTrue();
        assertThat(on.status()).as(on.err()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(faults(msi).get("messages").get("nobody cared").asLong()).isZero();
        assertThat(faults(msi).get("driver").get("irqDisabled").asBoolean()).isFalse();
    }

    @Test
    void shouldRefuseAnEnableMsiOtherThanMinusOneZeroOrOneInOneLine()
    {
        final CliRun run = play("--enable-msi", "2");

        assertThat(run.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(lines(run)).containsExactly(
            "play: --enable-msi must be -1 (the controller decides), 0 (INTx) or 1 (MSI): 2",
            "Try 'play --help' for more information.");
    }

    @Test
    void shouldWriteTheSameReportForTheSameSeed(@TempDir final Path dir) throws Exception
    {
        final Path a = dir.resolve("a.json");
        final Path b = dir.resolve("b.json");
        play("--fault", "lost-irq:1/3", "--periods", "2", "--fault-seed", "9", "--report", a.toString());
        play("--fault", "lost-irq:1/3", "--periods", "2", "--fault-seed", "9", "--report", b.toString());

        // the device, the driver and the writer run on the virtual clock; the link's consumer thread (probe counts,
        // end-to-end latency) does not, so those are left out
        final ObjectMapper json = new ObjectMapper();
        for (final String section : new String[] {"faults", "stream", "output", "codec"})
        {
            assertThat(json.readTree(Files.readString(b)).get(section)).as(section)
                .isEqualTo(json.readTree(Files.readString(a)).get(section));
        }
        assertThat(faults(a).get("driver").get("xruns").asLong()).isPositive();
    }

    @Test
    void shouldExitOneWithOneLineWhenTheCodecNeverAnswers()
    {
        final CliRun run = play("--fault", "codec-silent");

        assertThat(run.status()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(lines(run)).containsExactly("play: the emulated card did not come up: no codecs initialized");
    }

    @Test
    void shouldEnumerateThroughTheImmediateInterfaceWhenTheCorbDies()
    {
        final CliRun run = play("--log", "--fault", "corb-dead@#2");

        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.err()).contains("azx_get_response timeout, switching to single_cmd mode");
    }

    @Test
    void shouldGiveUpThePositionBufferAndPlayOn(@TempDir final Path dir) throws Exception
    {
        final Path report = dir.resolve("r.json");
        final CliRun run = play("--fault", "posbuf-zero", "--fault", "fifo-error:1/4", "--report", report.toString());

        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        final JsonNode f = faults(report);
        assertThat(f.get("driver").get("positionFromLpib").asBoolean()).isTrue();
        assertThat(f.get("messages").get("Invalid position buffer, using LPIB read method instead.").asLong())
            .isEqualTo(1);
        assertThat(f.get("driver").get("fifoErrors").asLong()).isPositive();
    }

    @Test
    void shouldExitOneWithTheWriteErrorWhenLpibSticks()
    {
        final CliRun run = play("--fault", "stuck-lpib@500ms");

        assertThat(run.status()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(lines(run)).containsExactly("play: the card failed: playback write error (DMA or IRQ trouble?)");
    }

    @Test
    void shouldExitOneDisconnectedWhenUnplugged()
    {
        final CliRun run = play("--fault", "unplug@300ms");

        assertThat(run.status()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(lines(run)).containsExactly("play: device disconnected");
    }
}
