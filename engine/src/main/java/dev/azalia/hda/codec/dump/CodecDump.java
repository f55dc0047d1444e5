package dev.azalia.hda.codec.dump;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One codec of a dump: its header lines and, unless it is a modem-only codec, its audio function group.
 *
 * @param name                the text after {@code Codec: } (display only; {@code Not Set} when no driver bound).
 * @param address             the codec address on the link, 0 ... 14.
 * @param afgFunctionId       {@code AFG Function Id:} (or the older {@code Function Id:} of an audio group).
 * @param mfgFunctionId       {@code MFG Function Id:} (or the older {@code Function Id:} of a modem group).
 * @param vendorId            the vendor id parameter: bits 31:16 vendor, 15:0 device.
 * @param subsystemId         the codec's subsystem id (GET_SUBSYSTEM_ID; not the PCI SSID).
 * @param revisionId          the revision id parameter.
 * @param modemFunctionGroup  the node id of {@code Modem Function Group: 0x..}; empty for
 *                            {@code No Modem Function Group found} or when the line is missing.
 * @param afg                 the audio function group, empty for a codec without one (a modem).
 */
public record CodecDump(
        String name,
        int address,
        Optional<FunctionGroupId> afgFunctionId,
        Optional<FunctionGroupId> mfgFunctionId,
        int vendorId,
        int subsystemId,
        int revisionId,
        OptionalInt modemFunctionGroup,
        Optional<AfgDump> afg)
{
    /** @return the nodes of the audio function group, empty without one. */
    public List<WidgetDump> widgets()
    {
        return afg.map(AfgDump::widgets).orElse(List.of());
    }

    /**
     * @param nid a node id.
     * @return that node of the audio function group, if any.
     */
    public Optional<WidgetDump> widget(final int nid)
    {
        return afg.flatMap(a -> a.widget(nid));
    }
}
