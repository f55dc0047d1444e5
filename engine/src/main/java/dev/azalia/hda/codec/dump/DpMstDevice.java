package dev.azalia.hda.codec.dump;

import java.util.List;

/**
 * One DP-MST device entry under {@code Devices:} (GET_DEVICE_LIST entry and its connection list).
 *
 * @param selected   whether the entry is marked {@code *} (GET_DEVICE_SEL).
 * @param flags      bit 0 presence detect (PD), bit 1 ELD valid (ELDV), bit 2 inactive (IA).
 * @param nids       the connections of this device.
 * @param connection the index marked {@code *} among them, or -1.
 */
public record DpMstDevice(boolean selected, int flags, List<Integer> nids, int connection)
{
    /** Copies the list. */
    public DpMstDevice
    {
        nids = List.copyOf(nids);
    }
}
