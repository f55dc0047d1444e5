package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.log.KernelLog;
import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A codec's suspend and resume as {@code hda_call_codec_suspend} and {@code hda_call_codec_resume} make them: D3
 * then cache-only (even when the D3 verb fails), the clock-stop check on the D3 answer, D0 before the cache is
 * written back, Linux's message when the write-back fails, the write-back even when the init fails.
 */
final class CodecSuspendResumeTest
{
    private static final int ADDRESS = 0;
    private static final int AFG = 1;
    private static final int DAC = 2;
    private static final int EPSS_CLKSTOP = 1 << 31 | 1 << 30;
    private static final int CLK_STOP_OK = 1 << 9;
    private static final int AMP_KEY = CodecRegmap.ampKey(DAC, true, true, 0);

    private final VirtualNanoClock clock = new VirtualNanoClock();
    private final KernelLog log = new KernelLog(clock);
    private final VirtualKernel kernel = new VirtualKernel(clock, log);
    private final List<String> sent = new ArrayList<>();
    private int actualState = Verbs.PS_D0;
    private int stateAnswerBits;
    private boolean failPowerVerbs;
    private boolean failAmpWrites;

    private final CodecRegmap regmap = new CodecRegmap(ADDRESS, this::execute);
    private final CodecIo io = (nid, verb, payload) -> execute(Verbs.make(ADDRESS, nid, verb, payload));
    private final CodecPower power = new CodecPower(io, kernel, AFG, EPSS_CLKSTOP | 0xf, new int[0]);
    private final CodecSuspendResume pm = new CodecSuspendResume(null, ADDRESS, regmap,
        new ConverterSetups(io, kernel), log);

    private int execute(final int word)
    {
        sent.add(String.format(Locale.ROOT, "%08x", word));
        final int verb = word >>> 8 & 0xfff;
        if (verb == Verbs.SET_POWER_STATE || verb == Verbs.GET_POWER_STATE)
        {
            if (failPowerVerbs)
            {
                throw new SoundException(Errno.EIO, "no response");
            }
            if (verb == Verbs.SET_POWER_STATE)
            {
                actualState = word & 0xf;
                return 0;
            }
            return actualState << 4 | actualState | stateAnswerBits;
        }
        if (failAmpWrites && (word >>> 16 & 0xf) == Verbs.SET_AMP_GAIN_MUTE)
        {
            throw new SoundException(Errno.EIO, "no response");
        }
        return 0;
    }

    @Test
    void shouldBeSuspendedAndCacheOnlyAfterSuspendEvenWhenTheD3VerbFails()
    {
        failPowerVerbs = true;

        assertThatThrownBy(() -> pm.suspend(power)).isInstanceOf(SoundException.class);

        assertThat(pm.suspended()).isTrue();
        assertThat(regmap.cacheOnly()).isTrue();
        sent.clear();
        pm.suspend(power);
        assertThat(sent).as("a second suspend sends nothing").isEmpty();
    }

    @Test
    void shouldLetTheLinkStopOnlyWhenTheD3AnswerHadClockStopOk()
    {
        pm.suspend(power);
        assertThat(pm.clockStopOk(power)).as("D3 answer without CLK_STOP_OK").isFalse();

        pm.resume(power, regmap::sync, "codec");
        assertThat(pm.clockStopOk(power)).as("awake").isFalse();

        stateAnswerBits = CLK_STOP_OK;
        pm.suspend(power);
        assertThat(pm.clockStopOk(power)).isTrue();
        assertThat(pm.clockStopOk(new CodecPower(io, kernel, AFG, 0xf, new int[0])))
            .as("a function group without EPSS and CLKSTOP").isFalse();
    }

    @Test
    void shouldPowerUpBeforeWritingTheCacheBackAtResume()
    {
        pm.suspend(power);
        regmap.write(AMP_KEY, 0x4a);
        sent.clear();

        assertThat(pm.resume(power, regmap::sync, "codec")).isTrue();

        final String d0 = String.format(Locale.ROOT, "%08x", Verbs.make(ADDRESS, AFG, Verbs.SET_POWER_STATE, 0));
        final String amp = String.format(Locale.ROOT, "%08x", Verbs.make(ADDRESS, DAC, Verbs.SET_AMP_GAIN_MUTE,
            Verbs.AMP_SET_OUTPUT | Verbs.AMP_SET_LEFT | 0x4a));
        assertThat(sent).contains(d0, amp);
        assertThat(sent.indexOf(d0)).isLessThan(sent.indexOf(amp));
        assertThat(pm.suspended()).isFalse();
        assertThat(regmap.cacheOnly()).isFalse();
    }

    @Test
    void shouldLogLinuxsMessageAndReportFailureWhenTheWriteBackFails()
    {
        pm.suspend(power);
        regmap.write(AMP_KEY, 0x4a);
        failAmpWrites = true;

        assertThat(pm.resume(power, regmap::sync, "codec")).isFalse();

        assertThat(log.lines()).anyMatch(l -> l.contains("codec: Unable to sync register"));
    }

    @Test
    void shouldStillWriteTheCacheBackWhenTheInitFails()
    {
        pm.suspend(power);
        regmap.write(AMP_KEY, 0x4a);
        sent.clear();

        final boolean synced = pm.resume(power, () ->
        {
            throw new SoundException(Errno.EIO, "pin control lost");
        }, "codec");

        assertThat(synced).isTrue();
        assertThat(sent).contains(String.format(Locale.ROOT, "%08x", Verbs.make(ADDRESS, DAC,
            Verbs.SET_AMP_GAIN_MUTE, Verbs.AMP_SET_OUTPUT | Verbs.AMP_SET_LEFT | 0x4a)));
        assertThat(log.contains("init after resume failed: pin control lost")).isTrue();
    }

    @Test
    void shouldDoNothingWhenResumedAwake()
    {
        final boolean[] initRan = {false};

        assertThat(pm.resume(power, () -> initRan[0] = true, "codec")).isTrue();

        assertThat(sent).isEmpty();
        assertThat(initRan[0]).isFalse();
    }
}
