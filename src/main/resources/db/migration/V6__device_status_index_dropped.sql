-- Every device written by a sync also went into this index, about a quarter of the cost of storing a page. Nothing
-- reads through it: the status counts group one server's devices, which the primary key already lists, and H2 had
-- to look each indexed row up again for its gone flag.
DROP INDEX IF EXISTS ix_device_status;
