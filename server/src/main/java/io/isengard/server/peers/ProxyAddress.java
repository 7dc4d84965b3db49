package io.isengard.server.peers;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;

/** "HttpProxy": {@code host:port} or {@code user:password@host:port} (an "http://" prefix is accepted). */
record ProxyAddress(String host, int port, String username, String password) {

    /** The proxy of the option, or null when the option is empty. */
    static ProxyAddress parse(String option) {
        if (option == null || option.isEmpty()) {
            return null;
        }
        String s = option.startsWith("http://") ? option.substring(7) : option;
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        String user = "";
        String password = "";
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            String credentials = s.substring(0, at);
            s = s.substring(at + 1);
            int colon = credentials.indexOf(':');
            user = colon < 0 ? credentials : credentials.substring(0, colon);
            password = colon < 0 ? "" : credentials.substring(colon + 1);
        }
        int colon = s.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port <= 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new ProxyAddress(s.substring(0, colon), port, user, password);
        } catch (NumberFormatException e) {
            throw new OrthancException(ErrorCode.BadFileFormat, "\"HttpProxy\" must be host:port or"
                    + " user:password@host:port, found: " + option);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port; // never the password
    }
}
