package io.isengard.dicom.net.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.Tag;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.net.DicomServer;
import io.isengard.dicom.net.testing.DataSetDumps;
import io.isengard.dicom.net.testing.Dcmtk;
import io.isengard.dicom.net.testing.Samples;
import io.isengard.dicom.net.testing.TestScp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DCMTK's storescu sends sample files to our server in several transfer
 * syntaxes; the test's store handler writes what arrives as Part 10 files
 * (streamed from the socket, in the transfer syntax they were sent in), and
 * dcmdump must read the same data set as in the file sent (a sample, or
 * DCMTK's own conversion of it to another transfer syntax).
 */
@Timeout(120)
class StorescuInteropTest {
    @TempDir
    Path dir;

    @org.junit.jupiter.api.Test
    void smallestPdusBothWays() throws Exception {
        // Our server announces 4096 bytes (the smallest MaximumPduLength Orthanc allows): storescu must cut
        // the data set into many fragments, which the store handler reads as one stream.
        Path original = Samples.get("Brainix/Epi/IM-0001-0001.dcm");
        String sopInstance = DicomReader.read(original, ReadOptions.HEADER_ONLY).dataSet().string(Tag.SOPInstanceUID);
        Path received = Files.createDirectories(dir.resolve("received"));
        Map<String, AtomicInteger> counts = TestScp.counter();
        try (DicomServer server = DicomServer.start(DicomServer.Config.of(0, TestScp.policy(),
                TestScp.storingTo(received, counts)).withMaxPduLength(4096))) {
            Dcmtk.Result r = Dcmtk.run(60, "storescu", "-v", "-xe", "-aec", TestScp.AE, "127.0.0.1",
                    Integer.toString(server.port()), original.toString());
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("Max Send PDV: 4084");
        }
        DataSetDumps.assertSameDataSet(received.resolve(sopInstance + ".dcm"), original);

        // storescp announces 4096 bytes: our SCU cuts what it sends.
        Path out = Files.createDirectories(dir.resolve("storescp"));
        int port = Dcmtk.freePort();
        try (Dcmtk.Peer storescp = Dcmtk.background("storescp", "-pdu", "4096", "-aet", "STORESCP", "-od",
                out.toString(), Integer.toString(port))) {
            Dcmtk.awaitListening(port, 10);
            try (io.isengard.dicom.net.Scu scu = io.isengard.dicom.net.Scu.open(io.isengard.dicom.net.Scu.Parameters
                    .of("127.0.0.1", port, "ISENGARD", "STORESCP", new io.isengard.dicom.net.PresentationContexts()
                            .storage("1.2.840.10008.5.1.4.1.1.4", "1.2.840.10008.1.2.1")))) {
                assertThat(scu.association().peerMaxPDataLength()).isEqualTo(4096);
                assertThat(scu.store(original).status()).as(storescp.output()).isZero();
            }
        }
        try (java.util.stream.Stream<Path> files = Files.list(out)) {
            Path copy = files.filter(p -> p.getFileName().toString().contains(sopInstance)).findFirst().orElseThrow();
            DataSetDumps.assertSameDataSet(copy, original);
        }
    }

    @ParameterizedTest(name = "{0} in \"{1}\" sent with storescu {2}")
    @CsvSource({
        // sample, dcmconv option to convert it first ("" = as it is), storescu's transfer syntax options
        "Brainix/Epi/IM-0001-0001.dcm, '', -xe",
        "Brainix/Epi/IM-0001-0001.dcm, +ti, -xi",
        "Brainix/Epi/IM-0001-0001.dcm, +tb, -xb",
        "Brainix/Epi/IM-0001-0001.dcm, +td, -xd",
        "ColorTestMalaterre.dcm, '', -xi",
        "Implicit-vr-us-palette.dcm, '', -xi",
        "DicomSeg.dcm, '', -R -xe",
        "DummyCT.dcm, '', -R -xs",
        "Formats/Jpeg.dcm, '', -R -xs",
        "Formats/JpegLossless.dcm, '', -R -xt",
        "Formats/Rle.dcm, '', -R -xr",
        "Formats/jp2k91YBR-ICT.dcm, '', -R -xw",
    })
    void storescuSendsAndTheDataSetArrivesIntact(String sample, String conversion, String storescuOptions)
            throws Exception {
        Path sent = conversion.isEmpty() ? Samples.get(sample)
                : DataSetDumps.converted(Samples.get(sample), conversion, dir);
        String sopInstance = DicomReader.read(sent, ReadOptions.HEADER_ONLY).dataSet().string(Tag.SOPInstanceUID);
        String ts = DicomReader.read(sent, ReadOptions.HEADER_ONLY).transferSyntax().uid();
        Path received = Files.createDirectories(dir.resolve("received"));
        Map<String, AtomicInteger> counts = TestScp.counter();
        try (DicomServer server = TestScp.start(TestScp.storingTo(received, counts))) {
            List<String> args = new ArrayList<>(List.of("-v", "-aec", TestScp.AE));
            args.addAll(List.of(storescuOptions.split(" ")));
            args.addAll(List.of("127.0.0.1", Integer.toString(server.port()), sent.toString()));
            Dcmtk.Result r = Dcmtk.run(60, "storescu", args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.output()).isZero();
            // storescu announces "Converting transfer syntax: A -> A" even when it sends the file as it is.
            assertThat(r.output()).contains("Received Store Response (Success)")
                    .doesNotContainPattern("Converting transfer syntax: (.*) -> (?!\\1$).*$");
        }
        assertThat(counts).containsOnlyKeys(sopInstance);
        assertThat(counts.get(sopInstance).get()).isEqualTo(1);
        Path file = received.resolve(sopInstance + ".dcm");
        assertThat(DicomReader.read(file, ReadOptions.HEADER_ONLY).meta().string(Tag.TransferSyntaxUID))
                .as("transfer syntax of the received file").isEqualTo(ts);
        DataSetDumps.assertSameDataSet(file, sent);
    }
}
