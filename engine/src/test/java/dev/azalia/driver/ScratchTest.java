package dev.azalia.driver;

import org.junit.jupiter.api.Test;

final class ScratchTest
{
    @Test
    void print()
    {
        for (final String f : new String[] {"qemu-hda-duplex.txt", "laptop-analog.txt", "desktop-analog.txt", "hdmi.txt"})
        {
            final CodecOnDump c = new CodecOnDump(f).boot();
            System.out.println("== " + f);
            c.log.entries().forEach(e -> System.out.println("[" + e.text() + "]"));
            System.out.println("controls " + c.driver.mixerControls().stream().map(x -> x.name()).toList());
            System.out.println("pinctl " + c.codec.sent(0x707) + " sel " + c.codec.sent(0x701) + " eapd " + c.codec.sent(0x70c) + " unsol " + c.codec.sent(0x708));
            System.out.println("amps " + c.codec.sent(0x3));
        }
    }
}
