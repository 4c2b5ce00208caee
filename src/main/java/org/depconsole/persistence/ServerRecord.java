package org.depconsole.persistence;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.depconsole.domain.CertificateSummary;
import org.depconsole.domain.Server;
import org.depconsole.domain.TokenSummary;

/**
 * A server row as stored: the public facts plus the sealed (encrypted) secrets, which only the
 * service can open through the SecretStore.
 *
 * @param uid stable random id; bound into the secrets' associated data so they cannot be swapped between servers
 */
public record ServerRecord(long id, String uid, String name, URI endpoint, boolean simulated, Instant createdAt,
                           String certificatePem, CertificateSummary certificate, byte[] sealedPrivateKey,
                           byte[] sealedToken, TokenSummary token) {

    public Server toServer() {
        return new Server(id, name, endpoint, createdAt, Optional.ofNullable(certificate), Optional.ofNullable(token), simulated);
    }

    public ServerRecord withToken(byte[] sealed, TokenSummary summary) {
        return new ServerRecord(id, uid, name, endpoint, simulated, createdAt, certificatePem, certificate, sealedPrivateKey, sealed, summary);
    }

    public ServerRecord withKeys(String pem, CertificateSummary summary, byte[] sealedKey) {
        return new ServerRecord(id, uid, name, endpoint, simulated, createdAt, pem, summary, sealedKey, sealedToken, token);
    }

    @Override
    public String toString() {
        return "ServerRecord[id=" + id + ", name=" + name + ", endpoint=" + endpoint + ", secrets=sealed]";
    }
}
