package io.isengard.server.config;

import io.isengard.server.model.OrthancId;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;

/**
 * The default of "DatabaseServerIdentifier": like Orthanc, a SHA-1 over the
 * DICOM AET, the ports and the MAC addresses, so that two servers sharing
 * one database get different identities without any configuration.
 */
final class DatabaseServerIdentifier {
    private DatabaseServerIdentifier() {}

    static String compute(String aet, int dicomPort, int httpPort) {
        return compute(aet, dicomPort, httpPort, MacAddresses.LIST);
    }

    /** Listing interfaces takes a while on some hosts; once per process is enough. */
    private static final class MacAddresses {
        static final List<String> LIST = List.copyOf(macAddresses());
    }

    static String compute(String aet, int dicomPort, int httpPort, Collection<String> macAddresses) {
        TreeSet<String> items = new TreeSet<>();
        items.add("aet=" + aet);
        items.add("dicom-port=" + dicomPort);
        items.add("http-port=" + httpPort);
        for (String mac : macAddresses) {
            items.add("mac=" + mac);
        }
        return OrthancId.hash(String.join("|", items));
    }

    /** The hardware addresses of this host's non-loopback interfaces, as {@code 01:23:45:67:89:ab}. */
    static List<String> macAddresses() {
        List<String> macs = new ArrayList<>();
        try {
            Enumeration<NetworkInterface> it = NetworkInterface.getNetworkInterfaces();
            while (it != null && it.hasMoreElements()) {
                NetworkInterface ni = it.nextElement();
                if (ni.isLoopback()) {
                    continue;
                }
                byte[] a = ni.getHardwareAddress();
                if (a == null || a.length == 0) {
                    continue;
                }
                StringBuilder sb = new StringBuilder();
                for (byte b : a) {
                    if (!sb.isEmpty()) {
                        sb.append(':');
                    }
                    sb.append(String.format("%02x", b & 0xFF));
                }
                macs.add(sb.toString());
            }
        } catch (SocketException e) {
            // No interface list (sandboxed host): the identity still depends on the AET and ports.
        }
        return macs;
    }
}
