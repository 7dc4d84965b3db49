package io.isengard.dicom.dictionary;

/**
 * The tags a repeating dictionary entry stands for, in DCMTK's notation: each
 * of the group and element parts is one value or a range whose members may be
 * restricted to even or odd numbers, e.g. {@code 6000-e-60FF,3000} for the
 * overlay groups or {@code 0009-o-FFFF,0010-u-00FF} for private creators.
 */
record TagRange(int groupLow, int groupHigh, Parity groupParity,
        int elementLow, int elementHigh, Parity elementParity) {

    enum Parity {
        ANY, EVEN, ODD;

        boolean admits(int n) {
            return this == ANY || ((n & 1) == 0) == (this == EVEN);
        }

        /** How many numbers in [low, high] this parity admits. */
        int count(int low, int high) {
            int all = high - low + 1;
            if (this == ANY) {
                return all;
            }
            int firstAdmitted = admits(low) ? low : low + 1;
            return firstAdmitted > high ? 0 : (high - firstAdmitted) / 2 + 1;
        }
    }

    /** Parses the generated resources' {@code gggg,eeee} form, with {@code LOW-r-HIGH} ranges. */
    static TagRange parse(String tag) {
        int comma = tag.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("not a tag: " + tag);
        }
        return parse(tag.substring(0, comma), tag.substring(comma + 1));
    }

    /** Parses a group part and an element part, each {@code hhhh} or {@code LOW-r-HIGH}. */
    static TagRange parse(String group, String element) {
        int[] g = parsePart(group);
        int[] e = parsePart(element);
        return new TagRange(g[0], g[1], Parity.values()[g[2]], e[0], e[1], Parity.values()[e[2]]);
    }

    /** {low, high, parity ordinal} of {@code gggg} or {@code LLLL-r-HHHH}. */
    static int[] parsePart(String part) {
        if (part.length() == 4) {
            int v = Integer.parseInt(part, 16);
            return new int[] {v, v, Parity.ANY.ordinal()};
        }
        if (part.length() != 11 || part.charAt(4) != '-' || part.charAt(6) != '-') {
            throw new IllegalArgumentException("not a tag part: " + part);
        }
        Parity parity = switch (part.charAt(5)) {
            case 'e' -> Parity.EVEN;
            case 'o' -> Parity.ODD;
            case 'u' -> Parity.ANY;
            default -> throw new IllegalArgumentException("unknown range restriction in " + part);
        };
        return new int[] {Integer.parseInt(part, 0, 4, 16), Integer.parseInt(part, 7, 11, 16), parity.ordinal()};
    }

    /** The lowest tag of the range, which is what a {@link DictionaryEntry} carries. */
    int firstTag() {
        return (groupLow << 16) | elementLow;
    }

    boolean matches(int group, int element) {
        return matchesGroup(group) && element >= elementLow && element <= elementHigh && elementParity.admits(element);
    }

    boolean matchesGroup(int group) {
        return group >= groupLow && group <= groupHigh && groupParity.admits(group);
    }

    /** How many tags the range holds: the fewer, the more specific the entry. */
    long size() {
        return (long) groupParity.count(groupLow, groupHigh) * elementParity.count(elementLow, elementHigh);
    }
}
