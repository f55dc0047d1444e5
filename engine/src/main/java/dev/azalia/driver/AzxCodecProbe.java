package dev.azalia.driver;

import dev.azalia.kernel.Kernel;
import dev.azalia.log.KernelLog;
import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code azx_probe_codecs}: first every slot in the codec mask is probed with one VENDOR_ID verb
 * ({@link CommandTransport#probeCodec}); a slot that does not answer is dropped from the mask with Linux's warning,
 * and the controller is stopped and initialised again, because an access to an absent codec can leave the chip in a
 * bad state. Then a codec driver is created and probed for each slot left ({@code snd_hda_codec_new}); one that
 * fails there is skipped. Finally the codecs are initialised.
 *
 * <p>Runs once, on the workqueue, in the second probe phase; not thread-safe.
 */
final class AzxCodecProbe
{
    private final AzxChip chip;
    private final AzxLink link;
    private final CommandTransport transport;
    private final Kernel kernel;
    private final KernelLog log;
    private final String source;

    AzxCodecProbe(final AzxChip chip, final AzxLink link, final CommandTransport transport, final Kernel kernel,
        final String source)
    {
        this.chip = chip;
        this.link = link;
        this.transport = transport;
        this.kernel = kernel;
        this.log = kernel.log();
        this.source = source;
    }

    /**
     * Probes the slots and creates the codec drivers.
     *
     * @param cardNumber the card the codecs belong to.
     * @return the probed and initialised codecs, in address order.
     * @throws IllegalStateException when no codec is left ("no codecs initialized").
     */
    List<CodecDriver> probe(final int cardNumber)
    {
        for (int addr = 0; addr < CommandTransport.MAX_CODECS; addr++)
        {
            if ((link.codecMask() & (1 << addr)) != 0 && !answers(addr))
            {
                log.warn(source, "Codec #" + addr + " probe error; disabling it...");
                link.clearCodecs(1 << addr);
                chip.stopChip();
                chip.initChip(true);
            }
        }
        final List<CodecDriver> codecs = new ArrayList<>();
        for (int addr = 0; addr < CommandTransport.MAX_CODECS; addr++)
        {
            if ((link.codecMask() & (1 << addr)) == 0)
            {
                continue;
            }
            final CodecDriver codec = new CodecDriver(transport, kernel, addr, cardNumber);
            try
            {
                codec.probe();
                codecs.add(codec);
            }
            catch (final RuntimeException e)
            {
                if (e instanceof SoundException se && se.errno() == Errno.ENODEV)
                {
                    // snd_hdac_device_init's dev_err, on the codec device before a codec driver binds it
                    log.err("hdaudio hdaudioC" + cardNumber + "D" + addr, e.getMessage());
                }
                else
                {
                    log.err(source, "codec #" + addr + ": cannot create the codec: " + e.getMessage());
                }
            }
        }
        if (codecs.isEmpty())
        {
            throw new IllegalStateException("no codecs initialized");
        }
        for (final CodecDriver codec : codecs)
        {
            codec.init();
        }
        return codecs;
    }

    /** {@code probe_codec}: the slot answered its VENDOR_ID with something other than all ones. */
    private boolean answers(final int addr)
    {
        try
        {
            final int vendorId = transport.probeCodec(addr);
            if (vendorId != -1)
            {
                log.debug(source, "codec #" + addr + " probed OK");
                return true;
            }
            return false;
        }
        catch (final SoundException e)
        {
            return false;
        }
    }
}
