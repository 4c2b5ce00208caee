package org.depconsole.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The few JDBC steps every repository needs, on one {@link Database}: a query into a list or one row, a single
 * statement, a batch in one transaction, a unit of work in one transaction, and the column conversions. Failures
 * become {@link StoreException}s ("store.error.read" or "store.error.write"), so no repository repeats them.
 */
public final class Jdbc {

    /** Reads one row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** A unit of work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Database db;

    public Jdbc(Database db) {
        this.db = db;
    }

    /** Every row of a query with positional arguments. */
    public <T> List<T> list(String sql, Row<T> row, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> first(String sql, Row<T> row, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /** Reads on one connection (several statements that belong together). */
    public <T> T read(Work<T> work) {
        try (Connection c = db.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.read");
        }
    }

    /** One INSERT, UPDATE, DELETE or MERGE in its own transaction; returns the rows it changed. */
    public int update(String sql, Object... args) {
        return db.update(sql, args);
    }

    /** One statement for each argument row, all in one transaction; returns the rows changed in all. */
    public int batch(String sql, Collection<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        return inTransaction(c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] args : rows) {
                    bind(ps, args);
                    ps.addBatch();
                }
                for (int r : ps.executeBatch()) {
                    n += Math.max(0, r);
                }
            }
            return n;
        });
    }

    /** Runs {@code work} in one transaction: all of it is committed, or on any failure none of it. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e, "store.error.write");
        }
    }

    /** Sets positional arguments from 1 (null as SQL NULL of an unknown type). */
    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** The same by column position, for hot reads of many rows. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    /** Cuts a value to its column's width (the store keeps what fits rather than refusing a long value from Apple). */
    public static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    static void setBoolean(PreparedStatement ps, int i, Boolean v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BOOLEAN);
        } else {
            ps.setBoolean(i, v);
        }
    }

    static Boolean getBoolean(ResultSet rs, int column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }
}
