package dev.azalia.hda.codec.dump;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The audio function group's lines and its nodes.
 *
 * @param defaultPcm        {@code Default PCM:} (what converters without format override inherit).
 * @param defaultAmpInCaps  {@code Default Amp-In caps:} raw ({@code N/A} = 0).
 * @param defaultAmpOutCaps {@code Default Amp-Out caps:} raw ({@code N/A} = 0).
 * @param nid               the node id of {@code State of AFG node 0x..:}, empty in older dumps.
 * @param powerStates       the group's supported power states (0x0F), see {@link WidgetDump#powerStates()}.
 * @param powerState        the group's GET_POWER_STATE, see {@link WidgetDump#powerState()}.
 * @param invalidSubtree    whether the dump printed {@code Invalid AFG subtree}.
 * @param gpio              the {@code GPIO:} block.
 * @param hookLines         column-0 vendor hook lines ({@code Power-Map: 0x..}, {@code Analog Loopback: 0x..}).
 * @param widgets           the nodes in printed order.
 */
public record AfgDump(
        Optional<PcmCaps> defaultPcm,
        int defaultAmpInCaps,
        int defaultAmpOutCaps,
        OptionalInt nid,
        OptionalInt powerStates,
        OptionalInt powerState,
        boolean invalidSubtree,
        Optional<GpioDump> gpio,
        List<String> hookLines,
        List<WidgetDump> widgets)
{
    /** Copies the lists. */
    public AfgDump
    {
        hookLines = List.copyOf(hookLines);
        widgets = List.copyOf(widgets);
    }

    /**
     * @param nid a node id.
     * @return that node, if the group has it.
     */
    public Optional<WidgetDump> widget(final int nid)
    {
        for (final WidgetDump w : widgets)
        {
            if (w.nid() == nid)
            {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
