package dev.azalia.pci;

/**
 * PCI power-management states of a function. Only {@link #D0} decodes memory BARs: a function in any other state
 * reads all-ones and drops writes, as if nothing were there.
 */
public enum PowerState
{
    /** Fully on: the only state in which the function decodes its BARs. */
    D0,
    /** Light sleep (optional in the PM spec). */
    D1,
    /** Deeper sleep (optional in the PM spec). */
    D2,
    /** Software-visible off: config space still answers; leaving it to D0 resets the function's internal state. */
    D3HOT,
    /** Power removed: left only through a power-on, which resets the function's internal state. */
    D3COLD;

    /**
     * The value of the PMCSR PowerState field (bits 1:0) for this state; D3cold is written as D3hot.
     *
     * @return 0..3.
     */
    public int pmcsrBits()
    {
        return this == D3COLD ? 3 : ordinal();
    }
}
