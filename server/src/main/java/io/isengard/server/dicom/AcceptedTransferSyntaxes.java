package io.isengard.server.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The transfer syntaxes accepted for storage contexts (dicom-server.md §4):
 * the 42 that Orthanc knows, selected by {@code AcceptedTransferSyntaxes}
 * patterns ({@code *} and {@code ?}), then groups added or removed by the
 * {@code *TransferSyntaxAccepted} flags.
 */
public final class AcceptedTransferSyntaxes {
    private AcceptedTransferSyntaxes() {}

    /** Orthanc's known transfer syntaxes, in the order GET /tools/accepted-transfer-syntaxes lists them. */
    public static final List<String> ALL = List.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1",
            "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51",
            "1.2.840.10008.1.2.4.52", "1.2.840.10008.1.2.4.53", "1.2.840.10008.1.2.4.54", "1.2.840.10008.1.2.4.55",
            "1.2.840.10008.1.2.4.56", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.58", "1.2.840.10008.1.2.4.59",
            "1.2.840.10008.1.2.4.60", "1.2.840.10008.1.2.4.61", "1.2.840.10008.1.2.4.62", "1.2.840.10008.1.2.4.63",
            "1.2.840.10008.1.2.4.64", "1.2.840.10008.1.2.4.65", "1.2.840.10008.1.2.4.66", "1.2.840.10008.1.2.4.70",
            "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91",
            "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93", "1.2.840.10008.1.2.4.94", "1.2.840.10008.1.2.4.95",
            "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.101", "1.2.840.10008.1.2.4.102",
            "1.2.840.10008.1.2.4.103", "1.2.840.10008.1.2.4.104", "1.2.840.10008.1.2.4.105",
            "1.2.840.10008.1.2.4.106", "1.2.840.10008.1.2.4.107", "1.2.840.10008.1.2.4.108", "1.2.840.10008.1.2.5",
            "1.2.840.10008.1.2.6.1", "1.2.840.10008.1.2.6.2");

    /** The groups of the {@code <Group>TransferSyntaxAccepted} options (§4.2), in Orthanc's order of application. */
    static final Map<String, List<String>> GROUPS = groups();

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> g = new java.util.LinkedHashMap<>();
        g.put("Deflated", List.of("1.2.840.10008.1.2.1.99"));
        List<String> jpeg = new ArrayList<>();
        for (int i = 50; i <= 66; i++) {
            jpeg.add("1.2.840.10008.1.2.4." + i);
        }
        jpeg.add("1.2.840.10008.1.2.4.70");
        g.put("Jpeg", List.copyOf(jpeg));
        g.put("Jpeg2000", List.of("1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.92",
                "1.2.840.10008.1.2.4.93"));
        g.put("JpegLossless", List.of("1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81"));
        g.put("Jpip", List.of("1.2.840.10008.1.2.4.94", "1.2.840.10008.1.2.4.95"));
        g.put("Mpeg2", List.of("1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.101"));
        g.put("Mpeg4", List.of("1.2.840.10008.1.2.4.102", "1.2.840.10008.1.2.4.103", "1.2.840.10008.1.2.4.104",
                "1.2.840.10008.1.2.4.105", "1.2.840.10008.1.2.4.106"));
        g.put("Rle", List.of("1.2.840.10008.1.2.5"));
        g.put("H265", List.of("1.2.840.10008.1.2.4.107", "1.2.840.10008.1.2.4.108"));
        return java.util.Collections.unmodifiableMap(g);
    }

    /** The configured set: {@code AcceptedTransferSyntaxes} (all when absent), then the group flags. */
    public static Set<String> of(OrthancConfiguration c) {
        Set<String> accepted = c.has("AcceptedTransferSyntaxes")
                ? matching(patterns(c.get("AcceptedTransferSyntaxes"), "AcceptedTransferSyntaxes"))
                : new LinkedHashSet<>(ALL);
        GROUPS.forEach((group, uids) -> {
            String option = group + "TransferSyntaxAccepted";
            if (c.has(option)) {
                if (c.getBoolean(option, true)) {
                    accepted.addAll(uids);
                } else {
                    uids.forEach(accepted::remove);
                }
            }
        });
        return ordered(accepted);
    }

    /**
     * The patterns of a configuration value or a REST body: one string, or an
     * array of strings; anything else is an error naming {@code what}.
     */
    public static List<String> patterns(JsonNode value, String what) {
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        if (value.isArray()) {
            List<String> l = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw new OrthancException(ErrorCode.BadFileFormat,
                            what + " must be a string or a list of strings (transfer syntax UIDs, * and ? allowed)");
                }
                l.add(item.asText());
            }
            return l;
        }
        throw new OrthancException(ErrorCode.BadFileFormat,
                what + " must be a string or a list of strings (transfer syntax UIDs, * and ? allowed)");
    }

    /** The known transfer syntaxes matching any of the patterns, in the order of {@link #ALL}. */
    public static Set<String> matching(List<String> patterns) {
        List<Pattern> compiled = patterns.stream().map(AcceptedTransferSyntaxes::wildcard).toList();
        Set<String> out = new LinkedHashSet<>();
        for (String uid : ALL) {
            if (compiled.stream().anyMatch(p -> p.matcher(uid).matches())) {
                out.add(uid);
            }
        }
        return out;
    }

    /** In the order of {@link #ALL}. */
    static Set<String> ordered(Set<String> uids) {
        Set<String> out = new LinkedHashSet<>();
        for (String uid : ALL) {
            if (uids.contains(uid)) {
                out.add(uid);
            }
        }
        return out;
    }

    private static Pattern wildcard(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /**
     * The order the acceptor prefers among the accepted syntaxes (§3.2):
     * Explicit VR Little Endian first, then Orthanc's enumeration order.
     */
    public static List<String> preferenceOrder(Set<String> accepted) {
        List<String> l = new ArrayList<>();
        if (accepted.contains("1.2.840.10008.1.2.1")) {
            l.add("1.2.840.10008.1.2.1");
        }
        for (String uid : ALL) {
            if (accepted.contains(uid) && !l.contains(uid)) {
                l.add(uid);
            }
        }
        return l;
    }
}
