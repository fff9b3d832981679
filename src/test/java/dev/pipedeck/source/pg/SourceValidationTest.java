package dev.pipedeck.source.pg;

import dev.pipedeck.change.FailureKind;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validation and error classification against the real server. */
class SourceValidationTest {
    private static final TableRef GOOD = new TableRef("public", "Order Items");
    private static final TableRef NO_PK = new TableRef("public", "weird;name\"");

    @Test
    void readySourceHasNoProblemsAndTablesAreListed() {
        SourceFixture f = new SourceFixture("val_ok");
        f.exec("CREATE TABLE " + GOOD.quoted() + " (id int PRIMARY KEY, v text)",
                "CREATE TABLE " + NO_PK.quoted() + " (v text)",
                "CREATE TABLE full_ident (v text)", "ALTER TABLE full_ident REPLICA IDENTITY FULL",
                "CREATE TABLE by_index (code text NOT NULL, v text)", "CREATE UNIQUE INDEX by_index_code ON by_index (code)",
                "ALTER TABLE by_index REPLICA IDENTITY USING INDEX by_index_code");
        assertEquals(List.of(), f.source.validate(List.of(GOOD, new TableRef("public", "by_index"))));
        assertEquals(1, f.source.validate(List.of(new TableRef("public", "full_ident"))).size(),
                "REPLICA IDENTITY FULL without a key is refused");
        List<PostgresSource.TableInfo> tables = f.source.listTables();
        assertEquals(List.of(
                new PostgresSource.TableInfo(GOOD, true, false, 0),
                new PostgresSource.TableInfo(new TableRef("public", "by_index"), true, false, 0),
                new PostgresSource.TableInfo(new TableRef("public", "full_ident"), false, true, 0),
                new PostgresSource.TableInfo(NO_PK, false, false, 0)), tables);
    }

    @Test
    void tableWithoutPrimaryKeyGetsTheExactAlterTable() {
        SourceFixture f = new SourceFixture("val_nopk");
        f.exec("CREATE TABLE " + NO_PK.quoted() + " (v text)");
        List<SourceProblem> p = f.source.validate(List.of(NO_PK));
        assertEquals(1, p.size(), p.toString());
        assertEquals("Table public.weird;name\" has no primary key, so its rows cannot be told apart in the destination.",
                p.get(0).problem());
        assertEquals("Add a primary key: ALTER TABLE \"public\".\"weird;name\"\"\" ADD PRIMARY KEY (...); or, if a unique "
                + "index on NOT NULL columns identifies the rows, ALTER TABLE \"public\".\"weird;name\"\"\" REPLICA "
                + "IDENTITY USING INDEX <index>;", p.get(0).fix());
        // REPLICA IDENTITY FULL, once advised, is not enough: identical rows would become one in the destination
        f.exec("ALTER TABLE \"public\".\"weird;name\"\"\" REPLICA IDENTITY FULL");
        assertTrue(f.source.validate(List.of(NO_PK)).get(0).problem().contains("REPLICA IDENTITY FULL does not help"));
        // the suggested statements really work
        f.exec("ALTER TABLE \"public\".\"weird;name\"\"\" ALTER COLUMN v SET NOT NULL",
                "CREATE UNIQUE INDEX v_idx ON \"public\".\"weird;name\"\"\" (v)",
                "ALTER TABLE \"public\".\"weird;name\"\"\" REPLICA IDENTITY USING INDEX v_idx");
        assertEquals(List.of(), f.source.validate(List.of(NO_PK)));
        f.exec("ALTER TABLE \"public\".\"weird;name\"\"\" ADD PRIMARY KEY (v)");
        assertEquals(List.of(), f.source.validate(List.of(NO_PK)));
    }

    @Test
    void missingTable() {
        SourceFixture f = new SourceFixture("val_missing");
        List<SourceProblem> p = f.source.validate(List.of(new TableRef("public", "nope")));
        assertEquals(List.of(new SourceProblem("Table public.nope does not exist in the source database.",
                "Check the schema and table name (names are case-sensitive).")), p);
    }

    @Test
    void roleWithoutReplicationOrSelect() {
        SourceFixture f = new SourceFixture("val_role");
        String role = "app_" + f.db;
        f.exec("CREATE TABLE " + GOOD.quoted() + " (id int PRIMARY KEY)",
                "CREATE ROLE " + role + " LOGIN PASSWORD 'pw-secret-1'");
        PgSource asApp = new PgSource(new SourceConfig(TestPostgres.jdbcUrl(f.db), role, "pw-secret-1"));
        List<SourceProblem> p = asApp.validate(List.of(GOOD));
        assertEquals(4, p.size(), p.toString());
        assertEquals("User \"" + role + "\" is not allowed to use replication.", p.get(0).problem());
        assertTrue(p.get(0).fix().startsWith("Run ALTER ROLE \"" + role + "\" REPLICATION;"));
        assertEquals("User \"" + role + "\" may not create the publication in database " + f.db + ".", p.get(1).problem());
        assertEquals("User \"" + role + "\" cannot read table public.Order Items.", p.get(2).problem());
        assertEquals("Run GRANT \"postgres\" TO \"" + role + "\"; (membership in the owner role is enough)",
                p.get(3).fix());
        // creating a slot is refused by the server: a PERMANENT failure naming the permission problem
        PipeDeckException e = assertThrows(PipeDeckException.class, () -> asApp.createSlot(f.slot() + "_x"));
        assertEquals(FailureKind.PERMANENT, e.kind());
        assertFalse(e.getMessage().contains("pw-secret-1"));

        f.exec("ALTER ROLE " + role + " REPLICATION", "GRANT SELECT ON " + GOOD.quoted() + " TO " + role,
                "GRANT CREATE ON DATABASE " + f.db + " TO " + role, "ALTER TABLE " + GOOD.quoted() + " OWNER TO " + role);
        assertEquals(List.of(), asApp.validate(List.of(GOOD)));
        // and with those rights the role really can run the pipe's setup
        asApp.ensurePublication("app_pub", List.of(GOOD));
        asApp.createSlot(f.slot()).close();
        asApp.drop(f.slot(), "app_pub");
    }

    @Test
    void wrongPasswordIsAClearProblemWithoutThePassword() throws Exception {
        SourceFixture f = new SourceFixture("val_pw");
        String role = "pw_" + f.db;
        f.exec("CREATE ROLE " + role + " LOGIN REPLICATION PASSWORD 'right-pw'",
                "GRANT CREATE ON DATABASE " + f.db + " TO " + role);
        // The embedded server trusts local connections; require a password for this test's database only.
        Path hba = Path.of(f.queryString("SHOW hba_file"));
        synchronized (TestPostgres.class) {
            String old = Files.readString(hba);
            Files.writeString(hba, "host " + f.db + " all 127.0.0.1/32 scram-sha-256\n" + old);
        }
        f.exec("SELECT pg_reload_conf()");
        Thread.sleep(300);
        PgSource wrong = new PgSource(new SourceConfig(TestPostgres.jdbcUrl(f.db), role, "wrong-pw-123"));
        List<SourceProblem> p = wrong.validate(List.of());
        assertEquals(1, p.size());
        assertEquals("Postgres rejected the login of user \"" + role + "\": wrong user name or password, or "
                + "pg_hba.conf does not allow this connection.", p.get(0).problem());
        assertFalse(p.toString().contains("wrong-pw-123"));
        PipeDeckException e = assertThrows(PipeDeckException.class, wrong::listTables);
        assertEquals(FailureKind.PERMANENT, e.kind());
        assertFalse(e.getMessage().contains("wrong-pw-123"));
        // and the right password passes, so the failure above was the password
        assertEquals(List.of(), new PgSource(new SourceConfig(TestPostgres.jdbcUrl(f.db), role, "right-pw"))
                .validate(List.of()));
    }

    @Test
    void unreachableHost() {
        PgSource nowhere = new PgSource(new SourceConfig("jdbc:postgresql://127.0.0.1:1/db", "postgres", "secret-9"));
        List<SourceProblem> p = nowhere.validate(List.of());
        assertEquals(1, p.size());
        assertEquals("Cannot reach the source database at jdbc:postgresql://127.0.0.1:1/db.", p.get(0).problem());
        PipeDeckException e = assertThrows(PipeDeckException.class, nowhere::listTables);
        assertEquals(FailureKind.TRANSIENT, e.kind());
        assertFalse(e.getMessage().contains("secret-9"));
    }

    @Test
    void missingSlotOrPublicationIsPermanent() {
        SourceFixture f = new SourceFixture("val_slot");
        f.exec("CREATE TABLE t (id int PRIMARY KEY)");
        PipeDeckException noSlot = assertThrows(PipeDeckException.class,
                () -> f.source.openStream("no_such_slot", "pub", Lsn.ZERO));
        assertEquals(FailureKind.PERMANENT, noSlot.kind());
        assertTrue(noSlot.getMessage().contains("no_such_slot"));
        f.source.createSlot(f.slot()).close();
        PipeDeckException noPub = assertThrows(PipeDeckException.class,
                () -> f.source.openStream(f.slot(), "no_pub", Lsn.ZERO));
        assertEquals(FailureKind.PERMANENT, noPub.kind());
        assertTrue(noPub.getMessage().contains("Publication no_pub was dropped"), noPub.getMessage());
        assertTrue(noPub.getMessage().contains("pipe resync"), noPub.getMessage());
        PipeDeckException badName = assertThrows(PipeDeckException.class, () -> f.source.createSlot("Bad Name"));
        assertEquals(FailureKind.PERMANENT, badName.kind());
        f.source.drop(f.slot(), "pub");
        assertFalse(f.source.slotExists(f.slot()));
    }
}
