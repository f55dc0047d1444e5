package dev.azalia.pci;

/**
 * A PCI function's address, printed the way Linux names devices: {@code 0000:00:1b.0}.
 *
 * @param domain   the PCI domain (segment).
 * @param bus      the bus number, 0..255.
 * @param device   the device number, 0..31.
 * @param function the function number, 0..7.
 */
public record PciAddress(int domain, int bus, int device, int function)
{
    /**
     * Validates the ranges.
     *
     * @throws IllegalArgumentException if a number is out of its range.
     */
    public PciAddress
    {
        if (domain < 0 || domain > 0xffff || bus < 0 || bus > 0xff || device < 0 || device > 0x1f
            || function < 0 || function > 7)
        {
            throw new IllegalArgumentException("bad PCI address " + domain + ":" + bus + ":" + device + "." + function);
        }
    }

    /**
     * The address as {@code dddd:bb:dd.f}.
     *
     * @return the Linux device name.
     */
    @Override
    public String toString()
    {
        return new StringBuilder(12).append(hex(domain, 4)).append(':').append(hex(bus, 2)).append(':')
            .append(hex(device, 2)).append('.').append(function).toString();
    }

    /**
     * Lower-case hexadecimal, zero-padded to at least {@code digits} (without {@link String#format}: the PCI core
     * logs while a BAR moves, inside the measured stall).
     *
     * @param value  a non-negative value.
     * @param digits the minimum number of digits.
     * @return the digits, no prefix.
     */
    static String hex(final long value, final int digits)
    {
        final String bare = Long.toHexString(value);
        return bare.length() >= digits ? bare : "0".repeat(digits - bare.length()) + bare;
    }
}
