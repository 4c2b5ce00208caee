package org.depconsole.service;

import org.depconsole.domain.Server;
import org.depconsole.persistence.JdbcServerRepository;

/** Test access to a server's decrypted private key (PKCS#8), to prove it is not stored in clear. */
final class ServerKeysAccess {

    private ServerKeysAccess() {
    }

    static byte[] privateKeyOf(CoreServices core, Server s) {
        var record = new JdbcServerRepository(core.database()).findById(s.id()).orElseThrow();
        return core.secrets().open(ServerService.purpose(record.uid(), "private-key"), record.sealedPrivateKey());
    }
}
