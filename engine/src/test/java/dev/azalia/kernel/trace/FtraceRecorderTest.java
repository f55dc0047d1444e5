package dev.azalia.kernel.trace;

import dev.azalia.pci.MmioTrace;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class FtraceRecorderTest
{
    private final VirtualNanoClock clock = new VirtualNanoClock(7_000_000_000L);
    private final StringBuilder out = new StringBuilder();
    private Task task = Task.WORKQUEUE;
    private final FtraceRecorder recorder = FtraceRecorder.to(out, clock, 3_000_000_000L, () -> task);

    private List<String> lines()
    {
        return List.of(out.toString().split("\n"));
    }

    @Test
    void shouldPrintEachEventAsLinuxFtracePrintsIt()
    {
        clock.advance(283_656_000L);
        recorder.hdaSendCmd("0000:00:1b.0", 0x000f0000);
        clock.advance(959_000L);
        recorder.hdaGetResponse("0000:00:1b.0", 0, 0x1af40022);
        task = Task.APPLICATION;
        clock.advance(8_352_694_000L);
        recorder.azxPcmOpen(5);
        recorder.azxPcmHwParams(5);
        recorder.azxPcmPrepare(5);
        recorder.azxPcmTrigger(0, 4, 1);
        recorder.streamStart(5);
        recorder.azxGetPosition(0, 4, 812, 0);
        task = Task.HARDIRQ;
        recorder.azxGetPosition(0, 4, 24352, 0);
        recorder.azxPcmTrigger(0, 4, 0);
        recorder.streamStop(5);
        task = Task.APPLICATION;
        recorder.azxPcmClose(5);
        recorder.azxPcmOpen(5);
        task = Task.UNBOUND;
        recorder.azxSuspend(0);
        recorder.azxResume(0);
        recorder.azxRuntimeSuspend(0);
        recorder.azxRuntimeResume(0);
        recorder.mark("MARK_END");

        assertThat(lines()).containsExactly(
            "     kworker/0:2-48      [000] .....     4.283656: hda_send_cmd: [0000:00:1b.0:0] val=0x000f0000",
            "     kworker/0:2-48      [000] .N...     4.284615: hda_get_response: [0000:00:1b.0:0] val=0x1af40022",
            "           aplay-126     [000] .....    12.637309: azx_pcm_open: stream_tag: 5",
            "           aplay-126     [000] .....    12.637309: azx_pcm_hw_params: stream_tag: 5",
            "           aplay-126     [000] .....    12.637309: azx_pcm_prepare: stream_tag: 5",
            "           aplay-126     [000] d..1.    12.637309: azx_pcm_trigger: [0:4] cmd=1",
            "           aplay-126     [000] d..2.    12.637309: snd_hdac_stream_start: stream_tag: 5",
            "           aplay-126     [000] d..1.    12.637309: azx_get_position: [0:4] pos=812, delay=0",
            "          <idle>-0       [000] d.h2.    12.637309: azx_get_position: [0:4] pos=24352, delay=0",
            "          <idle>-0       [000] d.h2.    12.637309: azx_pcm_trigger: [0:4] cmd=0",
            "          <idle>-0       [000] d.h3.    12.637309: snd_hdac_stream_stop: stream_tag: 5",
            "           aplay-126     [000] .....    12.637309: azx_pcm_close: stream_tag: 5",
            "           aplay-127     [000] .....    12.637309: azx_pcm_open: stream_tag: 5",
            "    kworker/u2:1-24      [000] .....    12.637309: azx_suspend: card index: 0",
            "    kworker/u2:1-24      [000] .....    12.637309: azx_resume: card index: 0",
            "    kworker/u2:1-24      [000] .....    12.637309: azx_runtime_suspend: card index: 0",
            "    kworker/u2:1-24      [000] .....    12.637309: azx_runtime_resume: card index: 0",
            "    kworker/u2:1-24      [000] .....    12.637309: tracing_mark_write: MARK_END");
    }

    @Test
    void shouldStampTheSameTimeAsTheMmiotraceWithTheSameOrigin()
    {
        final StringBuilder mmio = new StringBuilder();
        final MmioTrace trace = MmioTrace.to(mmio, clock, 3_000_000_000L);
        clock.advance(1_234_567_890L);
        trace.mark("x");
        recorder.mark("x");
        assertThat(mmio.toString()).isEqualTo("MARK 5.234567 x\n");
        assertThat(out.toString()).contains(" 5.234567: tracing_mark_write: x");
    }

    @Test
    void shouldCountAFailingOutputInsteadOfThrowing()
    {
        final Appendable failing = new Appendable()
        {
            @Override
            public Appendable append(final CharSequence csq) throws IOException
            {
                throw new IOException("disk full");
            }

            @Override
            public Appendable append(final CharSequence csq, final int start, final int end) throws IOException
            {
                throw new IOException("disk full");
            }

            @Override
            public Appendable append(final char c) throws IOException
            {
                throw new IOException("disk full");
            }
        };
        final FtraceRecorder broken = FtraceRecorder.to(failing, clock, 0, () -> Task.HARDIRQ);
        broken.azxGetPosition(0, 4, 0, 0);
        broken.hdaSendCmd("0000:00:1b.0", 0x00170500);
        assertThat(broken.appendFailures()).isEqualTo(2);
    }

    @Test
    void shouldRecordNothingWhenOff()
    {
        final Tracepoints off = Tracepoints.off();
        off.hdaSendCmd("0000:00:1b.0", 1);
        off.azxGetPosition(0, 4, 0, 0);
        off.mark("x");
        assertThat(off.enabled()).isFalse();
        assertThat(off.appendFailures()).isZero();
    }

    @Test
    void shouldMapKernelContextsOntoTheCapturesTasks()
    {
        assertThat(Task.forContext(null)).isEqualTo(Task.APPLICATION);
        assertThat(Task.forContext("main")).isEqualTo(Task.APPLICATION);
        assertThat(Task.forContext("kworker")).isEqualTo(Task.WORKQUEUE);
        assertThat(Task.forContext("kworker/0:1")).isEqualTo(Task.WORKQUEUE);
        assertThat(Task.forContext("events_unbound")).isEqualTo(Task.UNBOUND);
        assertThat(Task.forContext("kworker/u2:1")).isEqualTo(Task.UNBOUND);
        assertThat(Task.forContext("link")).isEqualTo(Task.HARDIRQ);
        assertThat(Task.forContext("irq/16-snd_hda_intel")).isEqualTo(Task.HARDIRQ);
    }
}
