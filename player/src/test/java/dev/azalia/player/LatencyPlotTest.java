package dev.azalia.player;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --plot} on a virtual-clock playback with BAR moves.
 */
final class LatencyPlotTest
{
    private static final byte[] PNG_SIGNATURE = {(byte)0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @Test
    void shouldWriteAPngOfTheExpectedSize() throws Exception
    {
        final Path png = dir.resolve("latency.png");
        final CliRun run = CliRun.of("-q", "--clock", "virtual", "--policy", "suspend", "--bar-move-every", "20ms",
            "--bar-moves", "10", "--period", "256", "--periods", "4", "--out", "null", "--plot", png.toString(),
            Samples.dir().resolve("tone-44k1-mono-cbr.mp3").toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);

        final byte[] bytes = Files.readAllBytes(png);
        assertThat(Arrays.copyOf(bytes, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
        final BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(LatencyPlot.WIDTH);
        assertThat(image.getHeight()).isEqualTo(2 * LatencyPlot.CHART_HEIGHT);
    }

    @Test
    void shouldLabelThePercentileAxisAsPercentiles()
    {
        assertThat(LatencyPlot.percentileLabel(1.0)).isEqualTo("0%");
        assertThat(LatencyPlot.percentileLabel(10.0)).isEqualTo("90%");
        assertThat(LatencyPlot.percentileLabel(1000.0)).isEqualTo("99.9%");
    }
}
