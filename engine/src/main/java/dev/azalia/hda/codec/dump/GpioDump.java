package dev.azalia.hda.codec.dump;

import java.util.List;

/**
 * The {@code GPIO:} line of the audio function group, its {@code IO[i]} lines and the controls bound to the group.
 *
 * @param caps     the GPIO parameter (0x11): bits 7:0 GPIO count, 15:8 GPO, 23:16 GPI, bit 30 unsolicited,
 *                 bit 31 wake.
 * @param lines    the {@code IO[i]} lines in printed order.
 * @param controls {@code Control:} lines printed after them (controls on the function group node).
 */
public record GpioDump(int caps, List<Line> lines, List<ControlDump> controls)
{
    /** Copies the lists. */
    public GpioDump
    {
        lines = List.copyOf(lines);
        controls = List.copyOf(controls);
    }

    /** @return the number of GPIOs. */
    public int ioCount()
    {
        return caps & 0xff;
    }

    /**
     * One {@code IO[i]} line: bit i of GET_GPIO_MASK, _DIRECTION, _WAKE_MASK, _STICKY_MASK, _DATA, _UNSOLICITED.
     *
     * @param index  the GPIO number.
     * @param enable the enable-mask bit.
     * @param output the direction bit (1 = output).
     * @param wake   the wake-mask bit.
     * @param sticky the sticky-mask bit.
     * @param data   the data bit.
     * @param unsol  the unsolicited-mask bit (0 when an older dump did not print it).
     */
    public record Line(int index, boolean enable, boolean output, boolean wake, boolean sticky, boolean data,
            boolean unsol)
    {
    }

    /**
     * @param select which bit of each line: 0 enable, 1 direction, 2 wake, 3 sticky, 4 data, 5 unsolicited.
     * @return that bit of every line gathered into a mask, bit i from {@code IO[i]} (indices above 31 ignored).
     */
    public int mask(final int select)
    {
        int mask = 0;
        for (final Line line : lines)
        {
            final boolean bit = switch (select)
            {
                case 0 -> line.enable();
                case 1 -> line.output();
                case 2 -> line.wake();
                case 3 -> line.sticky();
                case 4 -> line.data();
                default -> line.unsol();
            };
            if (bit && line.index() >= 0 && line.index() < 32)
            {
                mask |= 1 << line.index();
            }
        }
        return mask;
    }
}
