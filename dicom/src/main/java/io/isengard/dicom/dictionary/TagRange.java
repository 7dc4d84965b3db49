package io.isengard.dicom.dictionary;

/**
 * The tags a repeating dictionary entry stands for, in DCMTK's notation: each
 * of the group and element parts is one value or a range whose members may be
 * restricted to even or odd numbers, e.g. {@code 6000-e-60FF,3000} for the
 * overlay groups or {@code 0009-o-FFFF,0010-u-00FF} for private creators.
 */
record TagRange(Span group, Span element) {

    enum Parity {
        ANY, EVEN, ODD;

        boolean admits(int n) {
            return this == ANY || ((n & 1) == 0) == (this == EVEN);
        }
    }

    /** One part of a tag: {@code hhhh}, or {@code LOW-r-HIGH} with r = e (even), o (odd) or u (any). */
    record Span(int low, int high, Parity parity) {
        static Span parse(String part) {
            if (part.length() == 4) {
                int v = Integer.parseInt(part, 16);
                return new Span(v, v, Parity.ANY);
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
            return new Span(Integer.parseInt(part, 0, 4, 16), Integer.parseInt(part, 7, 11, 16), parity);
        }

        boolean isSingle() {
            return low == high;
        }

        boolean contains(int n) {
            return n >= low && n <= high && parity.admits(n);
        }

        /** How many numbers the span holds. */
        int count() {
            if (parity == Parity.ANY) {
                return high - low + 1;
            }
            int first = parity.admits(low) ? low : low + 1;
            return first > high ? 0 : (high - first) / 2 + 1;
        }
    }

    /** Parses the generated resources' {@code gggg,eeee} form, either part possibly a range. */
    static TagRange parse(String tag) {
        int comma = tag.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("not a tag: " + tag);
        }
        return new TagRange(Span.parse(tag.substring(0, comma)), Span.parse(tag.substring(comma + 1)));
    }

    /** The lowest tag of the range, which is what a {@link DictionaryEntry} carries. */
    int firstTag() {
        return (group.low() << 16) | element.low();
    }

    boolean matches(int group, int element) {
        return this.group.contains(group) && this.element.contains(element);
    }

    /** How many tags the range holds: the fewer, the more specific the entry. */
    long size() {
        return (long) group.count() * element.count();
    }
}
