package dev.azalia.driver;

import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The register cache as Linux's hdac_regmap keeps it: write-through while powered, cache-only while suspended,
 * reads from the cache (one priming read per register), unchanged updates send nothing, replay in key order after
 * resume, DIGI_CONVERT_1 as two verbs, and Linux's sync failure message.
 */
final class CodecRegmapTest
{
    private final List<Integer> sent = new ArrayList<>();
    private boolean failing;
    private int answer = 0x4a;
    private final CodecRegmap regmap = new CodecRegmap(0, verb ->
    {
        if (failing)
        {
            throw new SoundException(Errno.EIO, "unreachable");
        }
        sent.add(verb);
        return answer;
    });

    @Test
    void shouldWriteThroughAndReplayInKeyOrderAfterResume()
    {
        regmap.write(0x3f0700, 0x40);
        regmap.write(CodecRegmap.ampKey(2, true, true, 0), 0x80);
        regmap.write(CodecRegmap.ampKey(2, true, false, 0), 0x80);
        assertThat(sent).containsExactly(0x00370740, 0x0023a080, 0x00239080);
        sent.clear();

        regmap.markDirty();
        regmap.sync();

        assertThat(sent).as("right amp (0x2b8000), left amp (0x2ba000), pin control (0x3f0700)")
            .containsExactly(0x00239080, 0x0023a080, 0x00370740);
    }

    @Test
    void shouldNotReplayACleanCache()
    {
        regmap.write(0x3f0700, 0x40);
        sent.clear();

        assertThat(regmap.sync()).isZero();
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldOnlyCacheWhileCacheOnlyAndReplayOnSync()
    {
        regmap.setCacheOnly(true);
        regmap.write(0x3f0700, 0x40);
        assertThat(sent).isEmpty();
        assertThat(regmap.cached(0x3f0700)).isEqualTo(0x40);
        regmap.setCacheOnly(false);
        regmap.markDirty();
        regmap.sync();
        assertThat(sent).containsExactly(0x00370740);
    }

    @Test
    void shouldReadFromTheCodecOnceThenFromTheCache()
    {
        final int key = CodecRegmap.ampKey(2, true, true, 0);

        assertThat(regmap.read(key)).isEqualTo(0x4a);
        assertThat(regmap.read(key)).isEqualTo(0x4a);

        assertThat(sent).containsExactly(0x002ba000);
        assertThat(regmap.hardwareReads()).isEqualTo(1);
    }

    @Test
    void shouldSendNothingForAnUnchangedUpdateAndOneVerbForAChangedOne()
    {
        final int key = CodecRegmap.ampKey(2, true, false, 0);
        regmap.write(key, 0x4a);
        sent.clear();

        assertThat(regmap.update(key, 0x7f, 0x4a)).isFalse();
        assertThat(sent).isEmpty();

        assertThat(regmap.update(key, 0x80, 0x80)).isTrue();
        assertThat(sent).containsExactly(0x002390ca);
    }

    @Test
    void shouldSplitDigiConvertIntoItsTwoVerbs()
    {
        regmap.write(0x2f0d00, 0x0201);

        assertThat(sent).containsExactly(0x00270d01, 0x00270e02);
    }

    @Test
    void shouldReportTheFirstRegisterThatCannotBeSyncedAsLinuxDoes()
    {
        regmap.write(0x3f0700, 0x40);
        regmap.write(CodecRegmap.ampKey(2, true, false, 0), 0x80);
        regmap.markDirty();
        failing = true;

        assertThatThrownBy(regmap::sync)
            .isInstanceOf(CodecRegmap.RegisterSyncException.class)
            .hasMessage("Unable to sync register 0x2b8000. -5");
    }
}
