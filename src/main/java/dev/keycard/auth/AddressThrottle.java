package dev.keycard.auth;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Failed logins per client address, across all accounts (password spraying), counted in fixed
 * windows in the database so that every node sees the same count. An address with
 * {@code keycard.login.address-limit} failures in the current and the previous window together is
 * refused with 429 until the current window ends, before any password is hashed.
 */
@ApplicationScoped
public class AddressThrottle {

    private static final Logger LOG = Logger.getLogger(AddressThrottle.class.getName());

    /**
     * Counts a failure in one statement. H2 runs standard MERGE atomically; PostgreSQL's MERGE
     * does not lock a row that does not exist yet, so two first failures at once would both try
     * to insert and one would be lost to a unique violation: there, INSERT ... ON CONFLICT.
     */
    private static final String STANDARD_COUNT = "MERGE INTO login_failures t "
            + "USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS TIMESTAMP WITH TIME ZONE))) "
            + "AS s (client_address, window_start) "
            + "ON t.client_address = s.client_address AND t.window_start = s.window_start "
            + "WHEN MATCHED THEN UPDATE SET failures = t.failures + 1 "
            + "WHEN NOT MATCHED THEN INSERT (client_address, window_start, failures) "
            + "VALUES (s.client_address, s.window_start, 1)";

    private static final String POSTGRESQL_COUNT =
            "INSERT INTO login_failures (client_address, window_start, failures) "
                    + "VALUES (?, ?, 1) ON CONFLICT (client_address, window_start) "
                    + "DO UPDATE SET failures = login_failures.failures + 1";

    @PersistenceContext(unitName = "keycard")
    EntityManager em;

    @Resource(lookup = "jdbc/keycard")
    DataSource dataSource;

    /** The counting statement for this database, found on first use. */
    private volatile String countStatement;

    @Inject
    @ConfigProperty(name = "keycard.login.address-limit")
    int limit;

    @Inject
    @ConfigProperty(name = "keycard.login.address-window")
    Duration window;

    /** Seconds until the address may try again, if it has used up its failures. */
    public OptionalLong retryAfter(String clientAddress) {
        String address = key(clientAddress);
        if (address == null) {
            return OptionalLong.empty();
        }
        Instant start = windowStart(Instant.now());
        // The current window and the one before: a burst straddling a window boundary still counts
        // whole, so the limit holds for any span of one window, not just for aligned ones.
        List<?> failures = em.createNativeQuery("SELECT COALESCE(SUM(failures), 0) FROM login_failures "
                        + "WHERE client_address = ? AND window_start IN (?, ?)")
                .setParameter(1, address)
                .setParameter(2, utc(start))
                .setParameter(3, utc(start.minus(window)))
                .getResultList();
        if (failures.isEmpty() || ((Number) failures.get(0)).intValue() < limit) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(
                Math.max(1, Duration.between(Instant.now(), start.plus(window)).toSeconds() + 1));
    }

    /** Counts one failure; a counting error never turns a 401 into a 500. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(String clientAddress) {
        String address = key(clientAddress);
        if (address == null) {
            return;
        }
        try {
            em.createNativeQuery(countStatement())
                    .setParameter(1, address)
                    .setParameter(2, utc(windowStart(Instant.now())))
                    .executeUpdate();
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Could not count a failed login: " + e.getClass().getSimpleName());
        }
    }

    private String countStatement() {
        String statement = countStatement;
        if (statement == null) {
            try (Connection connection = dataSource.getConnection()) {
                statement = connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")
                        ? POSTGRESQL_COUNT
                        : STANDARD_COUNT;
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot reach the database: " + e.getSQLState(), e);
            }
            countStatement = statement;
        }
        return statement;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int purgeExpired() {
        return em.createNativeQuery("DELETE FROM login_failures WHERE window_start < ?")
                .setParameter(1, utc(Instant.now().minus(window).minus(window)))
                .executeUpdate();
    }

    /**
     * The counting key: an IPv4 address as it is, an IPv6 address by its /64 prefix, since one
     * IPv6 client usually holds a whole /64 and could otherwise change address per guess.
     */
    static String key(String address) {
        if (address == null || address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]{2,45}")) {
            // Not an IPv6 literal: never resolved as a host name.
            return address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                        .append(':');
            }
            return prefix.append(":/64").toString();
        } catch (java.net.UnknownHostException | SecurityException e) {
            return address;
        }
    }

    private Instant windowStart(Instant now) {
        long size = Math.max(1, window.toMillis());
        return Instant.ofEpochMilli(now.toEpochMilli() / size * size);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
