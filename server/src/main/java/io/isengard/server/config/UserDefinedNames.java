package io.isengard.server.config;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.regex.Pattern;

/** The rule Orthanc applies to names of user metadata and attachments: not a number, not a built-in name. */
final class UserDefinedNames {
    private static final Pattern INTEGER = Pattern.compile("\\s*-?[0-9]+\\s*");

    private UserDefinedNames() {}

    static boolean isInteger(String s) {
        return INTEGER.matcher(s).matches();
    }

    static void checkFree(String name, String what, boolean builtIn) {
        if (isInteger(name)) {
            // A numeric name would be ambiguous in URIs, where numbers are accepted too.
            throw new OrthancException(ErrorCode.BadRequest,
                    "The name of a user-defined " + what + " cannot be a number: " + name);
        }
        if (builtIn) {
            throw new OrthancException(ErrorCode.BadRequest,
                    "The name of a user-defined " + what + " is already used by Orthanc: " + name);
        }
    }
}
