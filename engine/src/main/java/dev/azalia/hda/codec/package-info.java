/**
 * Codecs on the HD-Audio link: verbs, the widget tree, amps, power states, pin sense and unsolicited responses.
 */
package dev.azalia.hda.codec;
