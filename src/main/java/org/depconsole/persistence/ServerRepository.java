package org.depconsole.persistence;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Stored servers. Names are unique regardless of case. */
public interface ServerRepository {

    List<ServerRecord> findAll();

    Optional<ServerRecord> findByName(String name);

    Optional<ServerRecord> findById(long id);

    /** Inserts a new server; the returned record carries its id. */
    ServerRecord insert(ServerRecord record);

    /** Writes the key material (certificate and sealed private key). */
    void updateKeys(ServerRecord record);

    /** Writes the sealed token and its summary, or clears both when the record has none. */
    void updateToken(ServerRecord record);

    void rename(long id, String newName);

    void updateEndpoint(long id, URI endpoint);

    /** Deletes the server and everything stored for it. */
    void delete(long id);
}
