-- One sync per server across every process that uses this store: a sync runs only while its process holds the
-- server's row here. The row is taken with an INSERT, or with an UPDATE of an expired row that checks the holder and
-- heartbeat it read, so two processes can never both hold it. It is expired when its heartbeat is old, or, on the same
-- host, when the process (pid + start time, pids are reused) is gone; it is deleted when the sync ends.
CREATE TABLE sync_lease (
    server_id       BIGINT PRIMARY KEY,
    holder          VARCHAR(64) NOT NULL,
    pid             BIGINT NOT NULL,
    host            VARCHAR(255) NOT NULL,
    process_started TIMESTAMP WITH TIME ZONE,
    acquired_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    run_id          BIGINT,
    CONSTRAINT fk_sync_lease_server FOREIGN KEY (server_id) REFERENCES server (id) ON DELETE CASCADE
);
