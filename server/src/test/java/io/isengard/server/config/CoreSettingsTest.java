package io.isengard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.OrthancId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreSettingsTest {
    private static void fails(String json, ErrorCode code, String messagePart) {
        assertThatThrownBy(() -> Configs.core(json)).isInstanceOfSatisfying(OrthancException.class, e -> {
            assertThat(e.error()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void orthancDefaults() {
        CoreSettings s = Configs.core("{}");
        assertThat(s.name()).isEmpty();
        assertThat(s.storageDirectory()).isEqualTo(Path.of("/srv/isengard/OrthancStorage"));
        assertThat(s.indexDirectory()).isEqualTo(s.storageDirectory());
        assertThat(s.storageCompression()).isFalse();
        assertThat(s.maximumStorageSize()).isZero();
        assertThat(s.maximumPatientCount()).isZero();
        assertThat(s.maximumStorageMode()).isEqualTo(MaximumStorageMode.Recycle);
        assertThat(s.storeDicom()).isTrue();
        assertThat(s.storeMD5ForAttachments()).isTrue();
        assertThat(s.syncStorageArea()).isTrue();
        assertThat(s.overwriteInstances()).isFalse();
        assertThat(s.stableAge()).isEqualTo(60);
        assertThat(s.checkRevisions()).isFalse();
        assertThat(s.readOnly()).isFalse();
        assertThat(s.dicomAet()).isEqualTo("ORTHANC");
        assertThat(s.dicomPort()).isEqualTo(4242);
        assertThat(s.httpPort()).isEqualTo(8042);
        assertThat(s.dicomDefaultRetrieveMethod()).isEqualTo("C-MOVE");
        assertThat(s.storageAccessOnFind()).isEqualTo(StorageAccessOnFind.Always);
        assertThat(s.limitFindResults()).isZero();
        assertThat(s.limitFindInstances()).isZero();
        assertThat(s.logExportedResources()).isFalse();
        assertThat(s.defaultEncoding()).isEqualTo(DefaultEncoding.Latin1);
        assertThat(s.userMetadata().byName()).isEmpty();
        assertThat(s.userContentTypes().byName()).isEmpty();
        assertThat(s.extraMainDicomTags()).isEmpty();
        assertThat(s.dictionary().entries()).isEmpty();
        assertThat(s.warnings()).isEqualTo(Warnings.ALL_ENABLED);
    }

    @Test
    void indexDirectoryFollowsStorageDirectory() {
        CoreSettings s = Configs.core("{ \"StorageDirectory\" : \"files\" }");
        assertThat(s.indexDirectory()).isEqualTo(Path.of("/srv/isengard/files"));
        s = Configs.core("{ \"StorageDirectory\" : \"files\", \"IndexDirectory\" : \"index\" }");
        assertThat(s.indexDirectory()).isEqualTo(Path.of("/srv/isengard/index"));
    }

    @Test
    void stableAgeNotPositiveMeansSixty() {
        assertThat(Configs.core("{ \"StableAge\" : 0 }").stableAge()).isEqualTo(60);
        assertThat(Configs.core("{ \"StableAge\" : -5 }").stableAge()).isEqualTo(60);
        assertThat(Configs.core("{ \"StableAge\" : 2 }").stableAge()).isEqualTo(2);
    }

    @Test
    void maximumStorageMode() {
        assertThat(Configs.core("{ \"MaximumStorageMode\" : \"Reject\" }").maximumStorageMode())
                .isEqualTo(MaximumStorageMode.Reject);
        // Case matters, as in Orthanc.
        fails("{ \"MaximumStorageMode\" : \"reject\" }", ErrorCode.ParameterOutOfRange,
                "\"MaximumStorageMode\" should be \"Recycle\" or \"Reject\"");
    }

    @Test
    void storageAccessOnFind() {
        assertThat(Configs.core("{ \"StorageAccessOnFind\" : \"Never\" }").storageAccessOnFind())
                .isEqualTo(StorageAccessOnFind.Never);
        assertThat(Configs.core("{ \"StorageAccessOnFind\" : \"Answers\" }").storageAccessOnFind())
                .isEqualTo(StorageAccessOnFind.Answers);
        fails("{ \"StorageAccessOnFind\" : \"Sometimes\" }", ErrorCode.ParameterOutOfRange,
                "should be \"Always\", \"Answers\" or \"Never\"");
    }

    @Test
    void defaultEncodingNamesAreCaseInsensitive() {
        assertThat(Configs.core("{ \"DefaultEncoding\" : \"utf8\" }").defaultEncoding())
                .isEqualTo(DefaultEncoding.Utf8);
        assertThat(Configs.core("{ \"DefaultEncoding\" : \"JAPANESEKANJI\" }").defaultEncoding())
                .isEqualTo(DefaultEncoding.JapaneseKanji);
        assertThat(DefaultEncoding.Latin1.definedTerm()).isEqualTo("ISO_IR 100");
        fails("{ \"DefaultEncoding\" : \"Latin9\" }", ErrorCode.ParameterOutOfRange, "Unknown encoding \"Latin9\"");
    }

    @Test
    void retrieveMethod() {
        assertThat(Configs.core("{ \"DicomDefaultRetrieveMethod\" : \"C-GET\" }").dicomDefaultRetrieveMethod())
                .isEqualTo("C-GET");
        fails("{ \"DicomDefaultRetrieveMethod\" : \"C-STORE\" }", ErrorCode.ParameterOutOfRange,
                "should be \"C-MOVE\" or \"C-GET\"");
    }

    @Test
    void databaseServerIdentifierDefaultFollowsOrthanc() {
        CoreSettings s = Configs.core("{ \"DicomAet\" : \"AET1\", \"DicomPort\" : 104, \"HttpPort\" : 8080 }");
        List<String> macs = DatabaseServerIdentifier.macAddresses();
        StringBuilder items = new StringBuilder("aet=AET1|dicom-port=104|http-port=8080");
        macs.stream().sorted().forEach(m -> items.append("|mac=").append(m));
        assertThat(s.databaseServerIdentifier()).isEqualTo(OrthancId.hash(items.toString()));
        // Another port, another identity.
        assertThat(Configs.core("{ \"DicomAet\" : \"AET1\", \"DicomPort\" : 104, \"HttpPort\" : 8081 }")
                .databaseServerIdentifier()).isNotEqualTo(s.databaseServerIdentifier());
    }

    @Test
    void databaseServerIdentifierItemsAreSorted() {
        assertThat(DatabaseServerIdentifier.compute("ORTHANC", 4242, 8042, List.of("02:00:00:00:00:01")))
                .isEqualTo(OrthancId.hash("aet=ORTHANC|dicom-port=4242|http-port=8042|mac=02:00:00:00:00:01"));
        // "aet" < "dicom-port" < "http-port" < "mac": the order is the sort order, not the insertion order.
        assertThat(DatabaseServerIdentifier.compute("Z", 1, 2, List.of("00:00:00:00:00:00", "aa:00:00:00:00:00")))
                .isEqualTo(OrthancId.hash("aet=Z|dicom-port=1|http-port=2|mac=00:00:00:00:00:00"
                        + "|mac=aa:00:00:00:00:00"));
    }

    @Test
    void databaseServerIdentifierFromConfiguration() {
        assertThat(Configs.core("{ \"DatabaseServerIdentifier\" : \"node-1\" }").databaseServerIdentifier())
                .isEqualTo("node-1");
        fails("{ \"DatabaseServerIdentifier\" : \"\" }", ErrorCode.ParameterOutOfRange,
                "\"DatabaseServerIdentifier\" cannot be an empty string");
    }

    @Test
    void warnings() {
        Warnings w = Configs.core("{ \"Warnings\" : { \"W001_TagsBeingReadFromStorage\" : false,"
                + " \"W002_InconsistentDicomTagsInDb\" : true, \"W999_Unknown\" : false } }").warnings();
        assertThat(w.enabled(Warnings.Warning.W001_TagsBeingReadFromStorage)).isFalse();
        assertThat(w.enabled(Warnings.Warning.W002_InconsistentDicomTagsInDb)).isTrue();
        assertThat(w.enabled(Warnings.Warning.W007_MissingRequestedTagsNotReadFromDisk)).isTrue();
        fails("{ \"Warnings\" : { \"W003_DecoderFailure\" : \"no\" } }", ErrorCode.BadParameterType,
                "\"W003_DecoderFailure\" in \"Warnings\" must be a Boolean");
    }
}
