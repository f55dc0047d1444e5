package dev.azalia.driver;

import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class CodecRegmapTest
{
    private final List<Integer> sent = new ArrayList<>();
    private boolean failing;
    private final CodecRegmap regmap = new CodecRegmap(verb ->
    {
        if (failing)
        {
            throw new SoundException(Errno.EIO, "unreachable");
        }
        sent.add(verb);
        return 0;
    });

    @Test
    void shouldWriteThroughAndReplayInKeyOrder()
    {
        regmap.write(0x3f0700, 0x00370740, 0x40);
        regmap.write(0x2f0d00, 0x00270d00, 0x00);
        assertThat(sent).containsExactly(0x00370740, 0x00270d00);
        sent.clear();

        regmap.sync();

        assertThat(sent).containsExactly(0x00270d00, 0x00370740);
    }

    @Test
    void shouldOnlyCacheWhileCacheOnlyAndReplayOnSync()
    {
        regmap.setCacheOnly(true);
        regmap.write(0x3f0700, 0x00370740, 0x40);
        assertThat(sent).isEmpty();
        assertThat(regmap.cached(0x3f0700)).isEqualTo(0x40);
        regmap.setCacheOnly(false);
        regmap.sync();
        assertThat(sent).containsExactly(0x00370740);
    }

    @Test
    void shouldReportTheFirstRegisterThatCannotBeSyncedAsLinuxDoes()
    {
        regmap.write(0x3f0700, 0x00370740, 0x40);
        regmap.write(0x2f0d00, 0x00270d00, 0x00);
        failing = true;

        assertThatThrownBy(regmap::sync)
            .isInstanceOf(CodecRegmap.RegisterSyncException.class)
            .hasMessage("Unable to sync register 0x2f0d00. -5");
    }
}
