package dev.azalia.hda.codec.dump;

import java.util.List;

/**
 * A {@code Connection:} block: the hardware connection list, already expanded (ranges are not visible in a dump).
 *
 * @param count    the printed count: the list's length, or a negative kernel error code (then the list is empty).
 * @param nids     the connected node ids in index order (duplicates allowed: selection is by index).
 * @param selected the index marked {@code *} (GET_CONNECT_SEL), or -1 when none is marked.
 */
public record ConnectionList(int count, List<Integer> nids, int selected)
{
    /** Copies the list. */
    public ConnectionList
    {
        nids = List.copyOf(nids);
    }
}
