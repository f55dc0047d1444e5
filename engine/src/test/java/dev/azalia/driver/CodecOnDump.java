package dev.azalia.driver;

import dev.azalia.kernel.VirtualKernel;
import dev.azalia.log.KernelLog;
import dev.azalia.time.VirtualNanoClock;

import java.util.List;

/** A {@link CodecDriver} probed on a {@link DumpVerbResponder}, with its kernel log. */
final class CodecOnDump
{
    final VirtualNanoClock clock = new VirtualNanoClock();
    final KernelLog log = new KernelLog(clock);
    final VirtualKernel kernel = new VirtualKernel(clock, log);
    final DumpVerbResponder codec;
    final CodecDriver driver;

    CodecOnDump(final String fixture)
    {
        codec = new DumpVerbResponder(DumpVerbResponder.fixture(fixture));
        driver = new CodecDriver(codec, null, kernel, 0, 0);
    }

    /** Probes and initialises, as the controller's probe does. */
    CodecOnDump boot()
    {
        driver.probe();
        driver.init();
        return this;
    }

    /** The log messages of the codec's source, without the prefix. */
    List<String> messages()
    {
        return log.entries().stream().map(KernelLog.Entry::text)
            .filter(t -> t.startsWith("snd_hda_codec_generic hdaudioC0D0: ")
                || t.startsWith("snd_hda_codec_hdmi hdaudioC0D0: "))
            .map(t -> t.substring(t.indexOf(": ") + 2)).toList();
    }
}
