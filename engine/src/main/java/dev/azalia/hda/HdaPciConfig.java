package dev.azalia.hda;

import dev.azalia.pci.ConfigSpace;

/** The HD-Audio function's vendor-specific PCI config registers. Stateless. */
public final class HdaPciConfig
{
    private HdaPciConfig()
    {
    }

    /**
     * Defines the config registers the driver touches: TCSEL (0x44, bits 2:0 writable, reset 0) and DEVC (0x78, the
     * no-snoop bit 11 writable, reset 0).
     *
     * @param config the function's config space, before the function is enumerated.
     */
    public static void defineConfigRegisters(final ConfigSpace config)
    {
        config.defineRegister(0x44, 1, 0, 0x07);
        config.defineRegister(0x78, 2, 0, 0x0800);
    }
}
