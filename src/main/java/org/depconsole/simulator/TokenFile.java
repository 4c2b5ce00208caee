package org.depconsole.simulator;

import java.util.Objects;

/**
 * A token download from the simulated portal.
 *
 * @param fileName the name a browser would save it under: {@code <ServerName>_Token_<UTC yyyy-MM-ddTHH-mm-ssZ>_smime.p7m}
 * @param content  the {@code *_smime.p7m} file: S/MIME text around base64 of BER CMS EnvelopedData
 */
public record TokenFile(String fileName, byte[] content) {

    public TokenFile {
        Objects.requireNonNull(fileName, "fileName");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
