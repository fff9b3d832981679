package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.source.pg.PgSource;
import dev.pipedeck.source.pg.SourceConfig;
import dev.pipedeck.testing.TestPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real Postgres table with a column of every type family the COPY-text path meets (no floats: tables with floats
 * are inserted as RowBinary and never take that path) and rows of ordinary, NULL and awkward values: BC and
 * five-digit years, ±infinity, dates and timestamps outside ClickHouse's DateTime64 range, 24:00:00, numeric NaN and
 * ±Infinity, every control character in text, every byte in bytea, quotes and backslashes, arrays.
 */
final class ManyTypesTable {
    static final TableRef TABLE = new TableRef("public", "everything");
    /** Generated ordinary rows after the hand-written ones (ids 1000..). */
    static final int GENERATED = 3_000;

    final String db;

    ManyTypesTable(String prefix) throws SQLException {
        db = TestPostgres.newDatabase(prefix);
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TYPE mood AS ENUM ('happy', 'sad', 'ok')");
            st.execute("""
                    CREATE TABLE everything (
                      id bigint PRIMARY KEY,
                      c_bool boolean, c_int2 smallint, c_int4 integer, c_int8 bigint,
                      c_numeric numeric, c_decimal numeric(38,10), c_money numeric(12,2),
                      c_text text, c_varchar varchar(20), c_char char(5), c_bytea bytea, c_uuid uuid,
                      c_date date, c_time time, c_timetz timetz, c_ts timestamp, c_tstz timestamptz,
                      c_interval interval, c_json json, c_jsonb jsonb, c_enum mood, c_inet inet, c_other point,
                      c_int_arr int[], c_text_arr text[], c_date_arr date[], c_num_arr numeric[], c_tstz_arr timestamptz[],
                      c_nn_text text NOT NULL DEFAULT '', c_nn_date date NOT NULL DEFAULT '2000-01-01',
                      c_nn_ts timestamp NOT NULL DEFAULT '2000-01-01')""");
            st.execute("SET TIME ZONE 'UTC'");
            String ctrl = "(SELECT string_agg(chr(i), '') FROM generate_series(1, 127) i)";
            String allBytes = "(SELECT decode(string_agg(lpad(to_hex(i), 2, '0'), ''), 'hex') FROM generate_series(0, 255) i)";
            st.execute("INSERT INTO everything VALUES (1, true, 12, 34, 56, 123.456, 1234567.89, 12.30, 'hello', "
                    + "'v', 'ab', '\\x010203', '550e8400-e29b-41d4-a716-446655440000', '2024-02-29', '13:14:15.123456', "
                    + "'01:02:03.000456+02', '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05.654321+00', "
                    + "'1 day 02:03:04', '{\"a\": [1, 2]}', '{\"b\": null}', 'happy', '192.168.0.1/24', '(1,2)', "
                    + "'{1,NULL,3}', ARRAY['a', NULL, E'b''c\\t,d]'], ARRAY['2020-01-01'::date, NULL], "
                    + "ARRAY[1.50, NULL, 'NaN']::numeric[], ARRAY['2024-05-06 07:08:09.00001+00'::timestamptz, NULL], "
                    + "'x', '2024-01-01', '2024-01-01 00:00:00')");
            st.execute("INSERT INTO everything (id) VALUES (2)"); // NULLs, and the NOT NULL columns' defaults
            st.execute("INSERT INTO everything VALUES (3, false, -32768, -2147483648, -9223372036854775808, 'NaN', 'NaN', "
                    + "-9999999999.99, " + ctrl + ", E'x''y\\\\z', 'abc', " + allBytes + ", "
                    + "'ffffffff-ffff-ffff-ffff-ffffffffffff', 'infinity', '24:00:00', '23:59:59.999999-09:30', "
                    + "'infinity', 'infinity', '-178000000 years', '[]', '{}', 'sad', '::1', '(1.5,-2)', "
                    + "'{}', '{}', ARRAY['infinity'::date], ARRAY['Infinity'::numeric], '{}', "
                    + "E'tab\\there\\nnewline\\\\ \\b\\f\\v', '0044-03-15 BC', 'infinity')");
            st.execute("INSERT INTO everything VALUES (4, true, 32767, 2147483647, 9223372036854775807, 'Infinity', "
                    + "-9999999999999999999999999999.9999999999, 0.01, '', '', '', '\\x', "
                    + "'00000000-0000-0000-0000-000000000000', '-infinity', '00:00:00', '00:00:00.000001+00', "
                    + "'-infinity', '-infinity', '00:00:00.000001', 'null', '\"x\"', 'ok', '2001:db8::1/64', '(0,0)', "
                    + "ARRAY[NULL]::int[], ARRAY['ü', '\\', 'NULL', ''], NULL, NULL, NULL, "
                    + "'ünïcødé ✓ 𝄞 ''q'' \"dq\"', '10000-01-01', '-infinity')");
            st.execute("INSERT INTO everything (id, c_numeric, c_money, c_date, c_time, c_timetz, c_ts, c_tstz, c_nn_date, "
                    + "c_nn_ts) VALUES (5, '-Infinity', -0.5, '0044-03-15 BC', '12:00:00.5', '12:00:00+05:30:15', "
                    + "'0044-03-15 12:00:00 BC', '0001-01-01 00:00:00+00 BC', '1899-12-31', '1899-12-31 23:59:59.999999')");
            st.execute("INSERT INTO everything (id, c_numeric, c_money, c_date, c_time, c_ts, c_tstz, c_nn_date, c_nn_ts) "
                    + "VALUES (6, 0.000000000000000000001, 100, '1899-12-31', '23:59:59.999999', "
                    + "'2299-12-31 23:59:59.999999', '1900-01-01 00:00:00+00', '2300-01-01', '2300-01-01 00:00:00')");
            st.execute("INSERT INTO everything (id, c_numeric, c_date, c_ts, c_tstz, c_nn_date, c_nn_ts) VALUES (7, "
                    + "12345678901234567890123456789012345678901234567890.123456789012345678901234567890, '10000-01-01', "
                    + "'10000-01-01 00:00:00', '12345-06-07 08:09:10.5+00', '1900-01-01', '1900-01-01 00:00:00.1')");
            st.execute("INSERT INTO everything (id, c_date, c_ts, c_tstz, c_nn_date, c_nn_ts) VALUES (8, '2300-01-01', "
                    + "'2300-01-01 00:00:00', '1883-11-18 12:00:00+00', '2299-12-31', '2299-12-31 23:59:59.999999')");
            // ordinary rows: every fraction length, both booleans, NULLs here and there, escapes in text
            st.execute("INSERT INTO everything SELECT 1000 + g, g % 2 = 0, (g % 30000)::smallint, g * 7, g::bigint * 1000003, "
                    + "(g / 7.0)::numeric(20,6), (g * 1.25)::numeric(38,10), CASE WHEN g % 10 = 0 THEN NULL ELSE g / 100.0 END, "
                    + "'order note ' || g || CASE WHEN g % 50 = 0 THEN E'\\ttab\\\\ back''q' ELSE '' END, 'v' || g, "
                    + "chr(65 + g % 26), decode(lpad(to_hex(g), 8, '0'), 'hex'), md5(g::text)::uuid, "
                    + "date '2000-01-01' + g, time '00:00:00' + g * interval '1.1 second', "
                    + "timetz '00:00:00+00' + g * interval '1 second', "
                    + "timestamp '2026-01-01 00:00:00' + g * interval '1.000001 second', "
                    + "timestamptz '2026-01-01 00:00:00+00' + g * interval '0.1 second', g * interval '1 minute', "
                    + "json_build_object('g', g), jsonb_build_object('g', g), "
                    + "(ARRAY['happy','sad','ok']::mood[])[1 + g % 3], ('10.0.' || (g % 256) || '.1')::inet, point(g, -g), "
                    + "ARRAY[g, g + 1], ARRAY['t' || g], ARRAY[date '2020-01-01' + g], ARRAY[g / 3.0], "
                    + "ARRAY[timestamptz '2020-01-01 00:00:00+00' + g * interval '1 second'], 'nn' || g, "
                    + "date '1990-01-01' + g, timestamp '1990-01-01 00:00:00' + g * interval '1 millisecond' "
                    + "FROM generate_series(1, " + GENERATED + ") g");
        }
    }

    /** A source on the table's database. */
    PgSource source() {
        return new PgSource(new SourceConfig(TestPostgres.jdbcUrl(db), "postgres", ""));
    }

    TableSchema schema() {
        return source().readSchema(TABLE);
    }
}
