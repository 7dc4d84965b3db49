package io.isengard.dicom.net;

import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.net.pdu.PresentationContextRq;
import io.isengard.dicom.net.pdu.RoleSelection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the presentation contexts an SCU proposes (odd ids from 1), and
 * its role selections.
 */
public final class PresentationContexts {
    public static final String VERIFICATION = "1.2.840.10008.1.1";
    public static final String PATIENT_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.1.1";
    public static final String PATIENT_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.1.2";
    public static final String PATIENT_ROOT_GET = "1.2.840.10008.5.1.4.1.2.1.3";
    public static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    public static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
    public static final String STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";

    /** The uncompressed transfer syntaxes, in the order we prefer them. */
    public static final List<String> UNCOMPRESSED = List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);

    private final List<PresentationContextRq> contexts = new ArrayList<>();
    private final List<RoleSelection> roles = new ArrayList<>();

    public PresentationContexts add(String abstractSyntax, List<String> transferSyntaxes) {
        int id = 2 * contexts.size() + 1;
        if (id > 255) {
            throw new IllegalArgumentException("more than 128 presentation contexts");
        }
        contexts.add(new PresentationContextRq(id, abstractSyntax, transferSyntaxes));
        return this;
    }

    /** A context with the uncompressed transfer syntaxes. */
    public PresentationContexts add(String abstractSyntax) {
        return add(abstractSyntax, UNCOMPRESSED);
    }

    /**
     * For storing instances of a SOP class in a transfer syntax: a context
     * with that syntax alone (if it is not uncompressed), then one with the
     * uncompressed ones, to convert to when the peer refuses the first.
     */
    public PresentationContexts storage(String sopClassUid, String transferSyntaxUid) {
        if (!UNCOMPRESSED.contains(transferSyntaxUid)) {
            add(sopClassUid, List.of(transferSyntaxUid));
        }
        Set<String> uncompressed = new LinkedHashSet<>();
        if (UNCOMPRESSED.contains(transferSyntaxUid)) {
            uncompressed.add(transferSyntaxUid);
        }
        uncompressed.addAll(UNCOMPRESSED);
        return add(sopClassUid, List.copyOf(uncompressed));
    }

    /** Proposes a role selection (e.g. SCP for storage SOP classes received in a C-GET). */
    public PresentationContexts role(String sopClassUid, boolean scu, boolean scp) {
        roles.add(new RoleSelection(sopClassUid, scu, scp));
        return this;
    }

    public List<PresentationContextRq> contexts() {
        return List.copyOf(contexts);
    }

    public List<RoleSelection> roles() {
        return List.copyOf(roles);
    }
}
