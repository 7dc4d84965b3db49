package io.isengard.server.archive;

import java.util.HashSet;
import java.util.Set;

/**
 * The names of folders and files in a ZIP archive, as Orthanc 1.12.11
 * writes them without UTF-8 ("ZipUseUtf8": false): non-ASCII characters
 * dropped, path separators turned into spaces, the rest kept, trimmed; an
 * empty name becomes "Unknown Patient" and so on; a name already used in the
 * same folder gets "-2", "-3", ... (modify-anonymize-archive.md §8.4).
 */
final class ArchiveNames {
    private ArchiveNames() {}

    /** {@code first + " " + second}, cleaned; {@code unknown} if nothing is left. */
    static String folder(String first, String second, String unknown) {
        String name = clean(nullToEmpty(first) + " " + nullToEmpty(second));
        return name.isEmpty() || name.chars().allMatch(c -> c == '^') ? unknown : name;
    }

    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '\\') {
                b.append(' ');
            } else if (c >= 32 && c < 127) {
                b.append(c);
            } // other characters (control, non-ASCII) are dropped
        }
        return b.toString().strip();
    }

    /**
     * A file name: up to two letters of the modality, upper-cased, then the
     * number padded with zeros to eight characters, then ".dcm"
     * ({@code MR000001.dcm}, {@code C0000001.dcm}, {@code 00000001.dcm}).
     */
    static String file(String modality, long number) {
        String letters = clean(nullToEmpty(modality)).replaceAll("[^A-Za-z]", "");
        String prefix = letters.substring(0, Math.min(2, letters.length())).toUpperCase(java.util.Locale.ROOT);
        String digits = Long.toString(number);
        int width = 8 - prefix.length();
        return prefix + "0".repeat(Math.max(0, width - digits.length())) + digits + ".dcm";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Names given within one folder: a repeated name gets "-2", "-3", ... */
    static final class Folder {
        private final Set<String> used = new HashSet<>();

        String unique(String name) {
            String candidate = name;
            for (int n = 2; !used.add(candidate); n++) {
                candidate = name + "-" + n;
            }
            return candidate;
        }

        /** A file name unique in this folder, whose number is taken from {@code preferred} when free. */
        String uniqueFile(String modality, long preferred, long fallback) {
            String candidate = file(modality, preferred >= 0 ? preferred : fallback);
            for (long n = fallback; !used.add(candidate); n++) {
                candidate = file(modality, n);
            }
            return candidate;
        }
    }
}
