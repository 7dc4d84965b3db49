package io.isengard.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The blocks of a PEM file ("-----BEGIN LABEL-----", base64, "-----END
 * LABEL-----"); text outside the blocks is ignored, as OpenSSL does.
 */
public final class Pem {
    /** Refuse to read more than this: certificate files are a few kilobytes. */
    private static final long MAX_FILE_SIZE = 16L * 1024 * 1024;

    /** A block: its label, whether it had RFC 1421 headers (encryption), and its bytes. */
    public record Block(String label, boolean hasHeaders, byte[] der) {
    }

    private Pem() {}

    public static List<Block> read(Path file) throws PemException {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new PemException("the file is larger than " + MAX_FILE_SIZE / 1024 / 1024
                        + " MB; expected a PEM file of certificates and keys");
            }
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new PemException("the file does not exist", e);
        } catch (IOException e) {
            throw new PemException("the file can't be read (" + e + ")", e);
        }
        return parse(text);
    }

    static List<Block> parse(String text) throws PemException {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r");
        String label = null;
        boolean headers = false;
        StringBuilder body = new StringBuilder();
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (label == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----")) {
                    label = line.substring(11, line.length() - 5);
                    headers = false;
                    body.setLength(0);
                }
            } else if (line.startsWith("-----END ")) {
                String end = line.endsWith("-----") ? line.substring(9, line.length() - 5) : "";
                if (!end.equals(label)) {
                    throw new PemException("line " + (n + 1) + ": \"" + line + "\" closes a block opened with \"BEGIN "
                            + label + "\"");
                }
                byte[] der;
                try {
                    der = Base64.getDecoder().decode(body.toString());
                } catch (IllegalArgumentException e) {
                    throw new PemException("the block \"" + label + "\" ending at line " + (n + 1)
                            + " is not valid base64", e);
                }
                blocks.add(new Block(label, headers, der));
                label = null;
            } else if (line.contains(":")) {
                headers = true; // e.g. "Proc-Type: 4,ENCRYPTED" of an encrypted traditional key
            } else {
                body.append(line);
            }
        }
        if (label != null) {
            throw new PemException("the block \"BEGIN " + label + "\" has no END line");
        }
        return blocks;
    }

    /** The certificates ("CERTIFICATE" blocks, or the older "X509 CERTIFICATE"), in file order. */
    public static List<X509Certificate> certificates(List<Block> blocks) throws PemException {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        int index = 0;
        for (Block b : blocks) {
            if (b.label().equals("CERTIFICATE") || b.label().equals("X509 CERTIFICATE")) {
                index++;
                try {
                    out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
                } catch (CertificateException e) {
                    throw new PemException("certificate #" + index + " is not a valid X.509 certificate ("
                            + e.getMessage() + ")", e);
                }
            }
        }
        return out;
    }
}
