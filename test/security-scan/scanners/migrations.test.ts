import { beforeAll, describe, expect, it } from 'vitest';
import { forwardSql, isMigrationFile, MIGRATION_RULES, scanMigration } from '../../../actions/security-scan/src/scanners/migrations.js';
import { loadSqlParser, type SqlParser } from '../../../actions/security-scan/src/scanners/sql-parser.js';
import { dedent, expectEveryRuleCovered, type Hit, type Miss, only } from './tables.js';

const FILE = 'db/migrations/007_change.sql';

const migrationHits: Hit[] = [
  { rule: 'migrations/ban-drop-column', severity: 'high', name: 'DROP COLUMN', line: 1, text: 'ALTER TABLE items DROP COLUMN price;' },
  {
    rule: 'migrations/ban-drop-column',
    severity: 'high',
    name: 'DROP COLUMN after a comment, on its statement line',
    line: 3,
    text: dedent`
      SELECT 1;
      -- the price moves to a table of its own
      ALTER TABLE public.items DROP price;
    `,
  },
  { rule: 'migrations/ban-drop-table', severity: 'high', name: 'DROP TABLE', line: 1, text: 'DROP TABLE IF EXISTS items;' },
  { rule: 'migrations/renaming-column', severity: 'high', name: 'RENAME COLUMN', line: 1, text: 'ALTER TABLE items RENAME COLUMN name TO title;' },
  { rule: 'migrations/renaming-table', severity: 'high', name: 'RENAME TO', line: 1, text: 'ALTER TABLE items RENAME TO products;' },
  {
    rule: 'migrations/changing-column-type',
    severity: 'high',
    name: 'ALTER COLUMN TYPE',
    line: 1,
    text: 'ALTER TABLE items ALTER COLUMN quantity TYPE bigint;',
  },
  {
    rule: 'migrations/adding-required-field',
    severity: 'high',
    name: 'ADD COLUMN NOT NULL, no default',
    line: 1,
    text: 'ALTER TABLE items ADD COLUMN colour text NOT NULL;',
  },
  {
    rule: 'migrations/adding-not-nullable-field',
    severity: 'high',
    name: 'SET NOT NULL',
    line: 1,
    text: 'ALTER TABLE items ALTER COLUMN colour SET NOT NULL;',
  },
  { rule: 'migrations/ban-drop-not-null', severity: 'medium', name: 'DROP NOT NULL', line: 1, text: 'ALTER TABLE items ALTER COLUMN price DROP NOT NULL;' },
  {
    rule: 'migrations/adding-foreign-key-constraint',
    severity: 'high',
    name: 'ADD FOREIGN KEY, validated at once',
    line: 1,
    text: 'ALTER TABLE items ADD CONSTRAINT items_supplier_fk FOREIGN KEY (supplier_id) REFERENCES suppliers (id);',
  },
  {
    rule: 'migrations/adding-foreign-key-constraint',
    severity: 'high',
    name: 'a new column with REFERENCES',
    line: 1,
    text: 'ALTER TABLE items ADD COLUMN supplier_id integer REFERENCES suppliers (id);',
  },
  {
    rule: 'migrations/constraint-missing-not-valid',
    severity: 'high',
    name: 'ADD CHECK, validated at once',
    line: 1,
    text: 'ALTER TABLE items ADD CONSTRAINT items_colour_set CHECK (colour IS NOT NULL);',
  },
  {
    rule: 'migrations/disallowed-unique-constraint',
    severity: 'high',
    name: 'ADD UNIQUE',
    line: 1,
    text: 'ALTER TABLE items ADD CONSTRAINT items_name_key UNIQUE (name);',
  },
  {
    rule: 'migrations/adding-serial-primary-key-field',
    severity: 'high',
    name: 'ADD PRIMARY KEY',
    line: 1,
    text: 'ALTER TABLE stock_moves ADD PRIMARY KEY (id);',
  },
  {
    rule: 'migrations/require-concurrent-index-creation',
    severity: 'high',
    name: 'CREATE INDEX',
    line: 1,
    text: 'CREATE INDEX items_name_idx ON items (name);',
  },
  {
    rule: 'migrations/require-concurrent-index-creation',
    severity: 'high',
    name: 'CREATE INDEX on a table of the same name in another schema',
    line: 2,
    text: dedent`
      CREATE TABLE archive.items (id integer);
      CREATE INDEX items_id_idx ON public.items (id);
    `,
  },
  { rule: 'migrations/require-concurrent-index-deletion', severity: 'medium', name: 'DROP INDEX', line: 1, text: 'DROP INDEX items_name_idx;' },
  {
    rule: 'migrations/ban-concurrent-index-creation-in-transaction',
    severity: 'high',
    name: 'CONCURRENTLY between BEGIN and COMMIT',
    line: 2,
    text: dedent`
      BEGIN;
      CREATE INDEX CONCURRENTLY items_name_idx ON items (name);
      COMMIT;
    `,
  },
  { rule: 'migrations/require-concurrent-reindex', severity: 'medium', name: 'REINDEX TABLE', line: 1, text: 'REINDEX TABLE items;' },
  {
    rule: 'migrations/adding-field-with-default',
    severity: 'high',
    name: 'a volatile default',
    line: 1,
    text: 'ALTER TABLE items ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();',
  },
  { rule: 'migrations/adding-field-with-default', severity: 'high', name: 'a serial column', line: 1, text: 'ALTER TABLE items ADD COLUMN position serial;' },
  {
    rule: 'migrations/adding-field-with-default',
    severity: 'high',
    name: 'a stored generated column',
    line: 1,
    text: 'ALTER TABLE items ADD COLUMN value numeric GENERATED ALWAYS AS (price * quantity) STORED;',
  },
  { rule: 'migrations/table-rewrite', severity: 'high', name: 'VACUUM FULL', line: 1, text: 'VACUUM FULL items;' },
  { rule: 'migrations/table-rewrite', severity: 'high', name: 'CLUSTER', line: 1, text: 'CLUSTER items USING items_pkey;' },
  { rule: 'migrations/table-rewrite', severity: 'high', name: 'SET LOGGED', line: 1, text: 'ALTER TABLE items SET LOGGED;' },
  { rule: 'migrations/ban-truncate-cascade', severity: 'high', name: 'TRUNCATE CASCADE', line: 1, text: 'TRUNCATE items CASCADE;' },
  { rule: 'migrations/ban-drop-database', severity: 'high', name: 'DROP DATABASE', line: 1, text: 'DROP DATABASE inventory;' },
  {
    rule: 'migrations/syntax-error',
    severity: 'high',
    name: 'a misspelt keyword, at its line',
    line: 3,
    text: dedent`
      CREATE TABLE suppliers (id integer);

      ALTER TABLE items DROP COLUMNN price;
    `,
  },
  { rule: 'migrations/syntax-error', severity: 'high', name: 'a statement left open', line: 1, text: "INSERT INTO items (name) VALUES ('unterminated);" },
  {
    rule: 'migrations/contract-step',
    severity: 'info',
    name: 'DROP COLUMN in a migration marked as a contract step',
    line: 2,
    text: dedent`
      -- inventory-devops: contract
      ALTER TABLE items DROP COLUMN legacy_price;
    `,
  },
];

const migrationMisses: Miss[] = [
  { rule: 'migrations/ban-drop-column', name: 'DROP CONSTRAINT', text: 'ALTER TABLE items DROP CONSTRAINT items_price_not_negative;' },
  {
    rule: 'migrations/ban-drop-column',
    name: 'DROP COLUMN in the down section of a node-pg-migrate file',
    text: dedent`
      -- Up Migration
      ALTER TABLE items ADD COLUMN colour text;
      -- Down Migration
      ALTER TABLE items DROP COLUMN colour;
    `,
  },
  {
    rule: 'migrations/ban-drop-column',
    name: 'a contract step (reported as a note instead)',
    text: dedent`
      --   Inventory-DevOps: contract (v1 stopped reading legacy_price in release 14)
      ALTER TABLE items DROP COLUMN legacy_price;
    `,
  },
  { rule: 'migrations/ban-drop-table', name: 'DROP VIEW', text: 'DROP VIEW items_view;' },
  {
    rule: 'migrations/ban-drop-table',
    name: 'a table created in the same migration',
    text: dedent`
      CREATE TABLE scratch (id integer);
      DROP TABLE scratch;
    `,
  },
  { rule: 'migrations/renaming-column', name: 'RENAME CONSTRAINT', text: 'ALTER TABLE items RENAME CONSTRAINT a TO b;' },
  {
    rule: 'migrations/renaming-column',
    name: 'renaming a column of a table created in the same migration',
    text: dedent`
      CREATE TABLE suppliers (id integer, nme text);
      ALTER TABLE suppliers RENAME COLUMN nme TO name;
    `,
  },
  { rule: 'migrations/renaming-table', name: 'ALTER INDEX RENAME', text: 'ALTER INDEX items_name_idx RENAME TO items_title_idx;' },
  { rule: 'migrations/changing-column-type', name: 'SET DEFAULT', text: 'ALTER TABLE items ALTER COLUMN quantity SET DEFAULT 1;' },
  {
    rule: 'migrations/adding-required-field',
    name: 'NOT NULL with a constant default',
    text: "ALTER TABLE items ADD COLUMN colour text NOT NULL DEFAULT 'none';",
  },
  { rule: 'migrations/adding-required-field', name: 'a nullable column', text: 'ALTER TABLE items ADD COLUMN colour text;' },
  { rule: 'migrations/adding-not-nullable-field', name: 'SET DEFAULT', text: "ALTER TABLE items ALTER COLUMN colour SET DEFAULT 'none';" },
  { rule: 'migrations/ban-drop-not-null', name: 'DROP DEFAULT', text: 'ALTER TABLE items ALTER COLUMN price DROP DEFAULT;' },
  {
    rule: 'migrations/adding-foreign-key-constraint',
    name: 'NOT VALID, then VALIDATE',
    text: dedent`
      ALTER TABLE items ADD CONSTRAINT items_supplier_fk FOREIGN KEY (supplier_id) REFERENCES suppliers (id) NOT VALID;
      ALTER TABLE items VALIDATE CONSTRAINT items_supplier_fk;
    `,
  },
  {
    rule: 'migrations/adding-foreign-key-constraint',
    name: 'a foreign key of a table created in the same migration',
    text: 'CREATE TABLE moves (id integer, item_id integer REFERENCES items (id));',
  },
  {
    rule: 'migrations/constraint-missing-not-valid',
    name: 'CHECK ... NOT VALID',
    text: 'ALTER TABLE items ADD CONSTRAINT c CHECK (colour IS NOT NULL) NOT VALID;',
  },
  {
    rule: 'migrations/disallowed-unique-constraint',
    name: 'UNIQUE USING INDEX',
    text: 'ALTER TABLE items ADD CONSTRAINT items_name_key UNIQUE USING INDEX items_name_idx;',
  },
  {
    rule: 'migrations/adding-serial-primary-key-field',
    name: 'PRIMARY KEY USING INDEX',
    text: 'ALTER TABLE stock_moves ADD CONSTRAINT pk PRIMARY KEY USING INDEX stock_moves_id_idx;',
  },
  {
    rule: 'migrations/require-concurrent-index-creation',
    name: 'CREATE INDEX CONCURRENTLY',
    text: 'CREATE INDEX CONCURRENTLY items_name_idx ON items (name);',
  },
  {
    rule: 'migrations/require-concurrent-index-creation',
    name: 'an index on a table created in the same migration',
    text: dedent`
      CREATE TABLE suppliers (id integer, name text);
      CREATE INDEX suppliers_name_idx ON suppliers (name);
    `,
  },
  { rule: 'migrations/require-concurrent-index-deletion', name: 'DROP INDEX CONCURRENTLY', text: 'DROP INDEX CONCURRENTLY items_name_idx;' },
  {
    rule: 'migrations/ban-concurrent-index-creation-in-transaction',
    name: 'CONCURRENTLY after COMMIT',
    text: dedent`
      BEGIN;
      SELECT 1;
      COMMIT;
      CREATE INDEX CONCURRENTLY items_name_idx ON items (name);
    `,
  },
  { rule: 'migrations/require-concurrent-reindex', name: 'REINDEX CONCURRENTLY', text: 'REINDEX (VERBOSE) TABLE CONCURRENTLY items;' },
  { rule: 'migrations/adding-field-with-default', name: 'DEFAULT now()', text: 'ALTER TABLE items ADD COLUMN seen_at timestamptz NOT NULL DEFAULT now();' },
  { rule: 'migrations/adding-field-with-default', name: 'a constant default', text: 'ALTER TABLE items ADD COLUMN reorder_level integer NOT NULL DEFAULT 10;' },
  { rule: 'migrations/table-rewrite', name: 'plain VACUUM', text: 'VACUUM (ANALYZE) items;' },
  { rule: 'migrations/ban-truncate-cascade', name: 'TRUNCATE without CASCADE', text: 'TRUNCATE items;' },
  { rule: 'migrations/ban-drop-database', name: 'DROP SCHEMA', text: 'DROP SCHEMA IF EXISTS scratch;' },
  {
    rule: 'migrations/syntax-error',
    name: 'a PL/pgSQL body with semicolons inside dollar quotes',
    text: dedent`
      CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.updated_at := now();
        RETURN NEW;
      END
      $$;
    `,
  },
  { rule: 'migrations/contract-step', name: 'DROP COLUMN without the marker', text: 'ALTER TABLE items DROP COLUMN legacy_price;' },
  {
    rule: 'migrations/contract-step',
    name: 'the marker inside a string, not a comment',
    text: "SELECT '-- inventory-devops: contract'; CREATE TABLE x (id integer);",
  },
];

let parse: SqlParser;
beforeAll(async () => {
  parse = await loadSqlParser();
});

describe('migrations: scanMigration', () => {
  it('has a hit and a near-miss for every rule', () => {
    expectEveryRuleCovered(Object.keys(MIGRATION_RULES), migrationHits, migrationMisses);
  });

  it.each(migrationHits)('$rule ($severity): $name, line $line', ({ rule, severity, text, line }) => {
    const findings = only(scanMigration(FILE, text, parse), rule);
    expect(findings.map(({ ruleId, severity, line: at, file }) => ({ ruleId, severity, line: at, file }))).toEqual([
      { ruleId: rule, severity, line, file: FILE },
    ]);
    expect(findings[0]?.message).toMatch(/\w{4}/);
    expect(findings[0]?.fix).toBe(MIGRATION_RULES[rule as keyof typeof MIGRATION_RULES].fix);
  });

  it.each(migrationMisses)('$rule is not reported for $name', ({ rule, text }) => {
    expect(only(scanMigration(FILE, text, parse), rule)).toEqual([]);
  });

  it('a *.contract.sql file is a contract step too, and says what it drops', () => {
    const findings = scanMigration('migrations/014_drop_legacy.contract.sql', 'ALTER TABLE items DROP COLUMN legacy_price; DROP TABLE old_prices;', parse);
    expect(findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([
      ['migrations/contract-step', 'info'],
      ['migrations/contract-step', 'info'],
    ]);
    expect(findings[0]?.message).toContain('items.legacy_price');
    expect(findings[1]?.message).toContain('old_prices');
  });

  it('a contract step still refuses what breaks the running release other than a drop', () => {
    const findings = scanMigration(FILE, `${'-- inventory-devops: contract'}\nALTER TABLE items RENAME COLUMN name TO title;`, parse);
    expect(findings.map((finding) => finding.ruleId)).toEqual(['migrations/renaming-column']);
  });

  it('names several problems of one statement apart, each with its own fingerprint', () => {
    const findings = scanMigration(FILE, 'ALTER TABLE items DROP COLUMN a, DROP COLUMN b;', parse);
    expect(findings.map((finding) => finding.message)).toEqual([expect.stringContaining('items.a'), expect.stringContaining('items.b')]);
    expect(new Set(findings.map((finding) => finding.fingerprint)).size).toBe(2);
  });

  it('counts lines after multi-byte characters right (the parser counts bytes)', () => {
    const findings = scanMigration(FILE, "COMMENT ON TABLE items IS 'Bestände — größer 😀';\nALTER TABLE items DROP COLUMN price;", parse);
    expect(findings.map((finding) => finding.line)).toEqual([2]);
  });

  it('hostile input: unparseable, deeply nested, empty or binary-looking SQL is a finding or nothing, never a throw', () => {
    const nested = `SELECT ${'('.repeat(100_000)}1${')'.repeat(100_000)};`;
    expect(scanMigration(FILE, nested, parse).map((finding) => finding.ruleId)).toEqual(['migrations/syntax-error']);
    expect(scanMigration(FILE, nested, parse)[0]?.message).toMatch(/memory exhausted|stack depth/i);
    expect(scanMigration(FILE, '', parse)).toEqual([]);
    expect(scanMigration(FILE, '-- only a comment\n', parse)).toEqual([]);
    const garbage = scanMigration(FILE, '\u0001\u0002<img src=x onerror=alert(1)>'.repeat(1000), parse);
    expect(garbage.map((finding) => finding.ruleId)).toEqual(['migrations/syntax-error']);
    expect(garbage[0]?.message.length).toBeLessThan(400);
    // The parser keeps working after refusing those.
    expect(scanMigration(FILE, 'DROP TABLE items;', parse).map((finding) => finding.ruleId)).toEqual(['migrations/ban-drop-table']);
  });

  it('hostile identifiers are shortened in messages', () => {
    const long = `"${'x'.repeat(5000)}"`;
    const [finding] = scanMigration(FILE, `ALTER TABLE ${long} DROP COLUMN ${long};`, parse);
    expect(finding?.message.length).toBeLessThan(600);
  });
});

describe('migrations: which files and which part', () => {
  it.each([
    ['example-service/migrations/001_create_items.sql', [], true],
    ['migrations/001.SQL', [], true],
    ['db/migrations/sub/002.sql', [], true],
    ['db/migrations/002.down.sql', [], false],
    ['db/migration/002.sql', [], false],
    ['migrations.sql', [], false],
    ['db/changes/003.sql', ['db/changes'], true],
    ['db/changes-old/003.sql', ['db/changes'], false],
    ['anything/004.sql', ['.'], true],
    ['db/migrations/notes.md', [], false],
  ] as const)('%s with migration-paths %j: %s', (path, folders, expected) => {
    expect(isMigrationFile(path, folders)).toBe(expected);
  });

  it("blanks node-pg-migrate's and dbmate's down sections, keeping every line", () => {
    const pgMigrate = '-- Up Migration\nCREATE TABLE a (id integer);\n-- Down Migration\nDROP TABLE a;\n';
    expect(forwardSql(pgMigrate).split('\n')).toEqual([
      '-- Up Migration',
      'CREATE TABLE a (id integer);',
      expect.stringMatching(/^ +$/),
      expect.stringMatching(/^ +$/),
      '',
    ]);
    const dbmate = '-- migrate:down\nDROP TABLE a;\n-- migrate:up\nCREATE TABLE a (id integer);\n';
    expect(forwardSql(dbmate)).not.toContain('DROP');
    expect(forwardSql(dbmate)).toContain('CREATE TABLE a');
    // Without an up section comment node-pg-migrate runs the whole file forward: so is it judged.
    expect(forwardSql('DROP TABLE a;\n-- Down Migration\nSELECT 1;')).toContain('DROP TABLE a');
  });
});
