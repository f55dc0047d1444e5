package dev.azalia.log;

import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The kernel log keeps lines in order, counts errors and, like the kernel's ring buffer, drops the oldest lines. */
final class KernelLogTest
{
    @Test
    void shouldKeepLinesInOrderWithTheirSourceAndCountErrors()
    {
        final KernelLog log = new KernelLog(new VirtualNanoClock());
        log.info("pci 0000:00:1b.0", "BAR 0 updated: 0xfe000000 -> 0xfebfc000");
        log.err("snd_hda_intel 0000:00:1b.0", "CORB reset timeout#2, CORBRP = 65535");
        log.debug("snd_hda_intel 0000:00:1b.0", "codec_mask = 0x1");

        assertThat(log.lines()).containsExactly("pci 0000:00:1b.0: BAR 0 updated: 0xfe000000 -> 0xfebfc000",
            "snd_hda_intel 0000:00:1b.0: CORB reset timeout#2, CORBRP = 65535",
            "snd_hda_intel 0000:00:1b.0: codec_mask = 0x1");
        assertThat(log.errorCount()).isEqualTo(1);
        assertThat(log.contains("CORBRP = 65535")).isTrue();
        assertThat(log.contains("Unable to sync")).isFalse();
        assertThat(log.droppedLines()).isZero();
    }

    @Test
    void shouldDropTheOldestLinesOnceFullAndKeepTheNewestInOrder()
    {
        final KernelLog log = new KernelLog(new VirtualNanoClock());
        final int total = KernelLog.CAPACITY_LINES + 3 * KernelLog.CHUNK_LINES + 17;
        for (int i = 0; i < total; i++)
        {
            log.info("t", Integer.toString(i));
        }

        final List<String> lines = log.lines();
        assertThat(lines.size()).isLessThanOrEqualTo(KernelLog.CAPACITY_LINES)
            .isGreaterThan(KernelLog.CAPACITY_LINES - KernelLog.CHUNK_LINES);
        assertThat(log.droppedLines()).isEqualTo(total - lines.size());
        assertThat(lines.get(lines.size() - 1)).isEqualTo("t: " + (total - 1));
        for (int i = 0; i < lines.size(); i++)
        {
            assertThat(lines.get(i)).isEqualTo("t: " + (log.droppedLines() + i));
        }
        assertThat(log.contains("t: 0")).isFalse();
        assertThat(log.entries()).hasSameSizeAs(lines);
    }
}
