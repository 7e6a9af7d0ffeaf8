import { basename } from 'node:path';
import type { ColumnDef, Constraint, Node, RangeVar } from 'libpg-query';
import { abbreviate, describeError } from '../../../lib/errors.js';
import { findingsFromHits, lineLocator, type Finding, type RuleHit, type RuleTable } from '../findings.js';
import { errorOffset, type SqlParser } from './sql-parser.js';

const EXPAND_CONTRACT = 'https://github.com/acme/inventory-devops/blob/main/docs/database-changes.md';

/**
 * squawk's core rules (https://squawkhq.com/docs/rules), under its rule names, judged on
 * PostgreSQL's own parse tree. A migration runs while the previous release still serves: what it
 * removes or renames breaks that release, and what holds an ACCESS EXCLUSIVE lock for a scan or
 * a rewrite stops every read and write of the table meanwhile.
 */
export const MIGRATION_RULES = {
  'migrations/ban-drop-column': {
    severity: 'high',
    title: 'Column dropped while the running release may still read it',
    fix: `Expand/contract: ship a release that no longer reads or writes the column, then drop it in a later migration marked as a contract step (${EXPAND_CONTRACT}).`,
  },
  'migrations/ban-drop-table': {
    severity: 'high',
    title: 'Table dropped while the running release may still use it',
    fix: `Ship a release that no longer uses the table, then drop it in a later migration marked as a contract step (${EXPAND_CONTRACT}).`,
  },
  'migrations/renaming-column': {
    severity: 'high',
    title: 'Column renamed: the running release still uses the old name',
    fix: 'Add the new column, write both (or sync them with a trigger), backfill, move the readers, then drop the old column in a contract step.',
  },
  'migrations/renaming-table': {
    severity: 'high',
    title: 'Table renamed: the running release still uses the old name',
    fix: 'Create the new table (or a view under the old name), move the readers and writers, then drop the old name in a contract step.',
  },
  'migrations/changing-column-type': {
    severity: 'high',
    title: 'Column type changed: rewrites the table under an ACCESS EXCLUSIVE lock and may break the running release',
    fix: 'Add a column of the new type, backfill it in batches, switch the readers, then drop the old column in a contract step.',
  },
  'migrations/adding-required-field': {
    severity: 'high',
    title: 'NOT NULL column added without a default',
    fix: 'Add the column nullable or with a constant DEFAULT; the running release does not write it, so its inserts fail otherwise.',
  },
  'migrations/adding-not-nullable-field': {
    severity: 'high',
    title: 'SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock',
    fix: 'Add `CHECK (column IS NOT NULL) NOT VALID`, `VALIDATE CONSTRAINT` it in a later migration, then SET NOT NULL (PostgreSQL 12+ then skips the scan) and drop the check.',
  },
  'migrations/ban-drop-not-null': {
    severity: 'medium',
    title: 'NOT NULL dropped: the running release may not expect NULL values',
    fix: 'Make sure every release that reads the column handles NULL before the constraint goes.',
  },
  'migrations/adding-foreign-key-constraint': {
    severity: 'high',
    title: 'Foreign key added without NOT VALID: both tables locked while every row is checked',
    fix: 'Add the constraint with `NOT VALID`, then `ALTER TABLE ... VALIDATE CONSTRAINT` in a later migration (it takes a lock that lets reads and writes go on).',
  },
  'migrations/constraint-missing-not-valid': {
    severity: 'high',
    title: 'CHECK constraint added without NOT VALID: the table is locked while every row is checked',
    fix: 'Add the constraint with `NOT VALID`, then `VALIDATE CONSTRAINT` in a later migration.',
  },
  'migrations/disallowed-unique-constraint': {
    severity: 'high',
    title: 'UNIQUE constraint builds its index under an ACCESS EXCLUSIVE lock',
    fix: '`CREATE UNIQUE INDEX CONCURRENTLY`, then `ADD CONSTRAINT ... UNIQUE USING INDEX`.',
  },
  'migrations/adding-serial-primary-key-field': {
    severity: 'high',
    title: 'PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock',
    fix: '`CREATE UNIQUE INDEX CONCURRENTLY`, then `ADD CONSTRAINT ... PRIMARY KEY USING INDEX`.',
  },
  'migrations/require-concurrent-index-creation': {
    severity: 'high',
    title: 'Index created without CONCURRENTLY on an existing table: writes blocked while it builds',
    fix: 'Use `CREATE INDEX CONCURRENTLY` (outside a transaction block), or create the index with its table in the same migration.',
  },
  'migrations/require-concurrent-index-deletion': {
    severity: 'medium',
    title: 'Index dropped without CONCURRENTLY: the table is locked meanwhile',
    fix: 'Use `DROP INDEX CONCURRENTLY` (outside a transaction block).',
  },
  'migrations/ban-concurrent-index-creation-in-transaction': {
    severity: 'high',
    title: 'CREATE INDEX CONCURRENTLY inside a transaction block fails',
    fix: 'Run the concurrent index in a migration of its own, without BEGIN/COMMIT around it.',
  },
  'migrations/require-concurrent-reindex': {
    severity: 'medium',
    title: 'REINDEX without CONCURRENTLY blocks writes',
    fix: 'Use `REINDEX ... CONCURRENTLY` (PostgreSQL 12+).',
  },
  'migrations/adding-field-with-default': {
    severity: 'high',
    title: 'Column added with a value computed per row: the table is rewritten under an ACCESS EXCLUSIVE lock',
    fix: 'Add the column without a default (or with a constant one), set the volatile DEFAULT afterwards, and backfill existing rows in batches.',
  },
  'migrations/table-rewrite': {
    severity: 'high',
    title: 'Statement rewrites the whole table under an ACCESS EXCLUSIVE lock',
    fix: 'Do not run it as a migration: use pg_repack (or a maintenance window) for VACUUM FULL, CLUSTER and tablespace or persistence changes.',
  },
  'migrations/ban-truncate-cascade': {
    severity: 'high',
    title: 'TRUNCATE ... CASCADE empties every table that references this one',
    fix: 'Truncate the tables you mean by name, without CASCADE.',
  },
  'migrations/ban-drop-database': {
    severity: 'high',
    title: 'Database dropped',
    fix: 'Never drop a database from a migration.',
  },
  'migrations/syntax-error': {
    severity: 'high',
    title: "Migration PostgreSQL's parser cannot read",
    fix: 'Fix the SQL so PostgreSQL accepts it: what cannot be parsed cannot be judged safe.',
  },
  'migrations/contract-step': {
    severity: 'info',
    title: 'Contract step: drops what the previous release no longer uses',
    fix: 'Only for what the release now running no longer reads or writes; keep the drop out of the release that stops using it.',
  },
} as const satisfies RuleTable<string>;

type MigrationRuleId = keyof typeof MIGRATION_RULES;

/** A line comment that marks a migration as a contract step; so does a `*.contract.sql` file name. */
export const CONTRACT_MARKER = '-- inventory-devops: contract';
const CONTRACT_COMMENT = /^[ \t]*--[ \t]*inventory-devops:[ \t]*contract\b/im;
// node-pg-migrate's and dbmate's section comments; `[ \t]` rather than `\s`: linear on any file.
const UP_SECTION = /^[ \t]*--[ \t-]*(?:up[ \t]+migration|migrate:up)/im;
const DOWN_SECTION = /^[ \t]*--[ \t-]*(?:down[ \t]+migration|migrate:down)/im;
const SERIAL_TYPES = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);
/** Functions known not to be volatile; any other call in a new column's default may be evaluated per row. */
const NON_VOLATILE_FUNCTIONS = new Set(['now', 'transaction_timestamp', 'statement_timestamp', 'current_setting', 'lower', 'upper', 'length']);

/**
 * A `*.sql` file under a folder named `migrations`, or under one of `folders` (relative to the
 * workspace, `/`-separated, `.` for all of it). `*.down.sql` files are rollbacks: they run only
 * when a release is rolled back, where removing what the release added is the point.
 */
export function isMigrationFile(path: string, folders: readonly string[]): boolean {
  if (!/\.sql$/i.test(path) || /\.down\.sql$/i.test(path)) return false;
  if (path.split('/').slice(0, -1).includes('migrations')) return true;
  return folders.some((folder) => folder === '.' || path.startsWith(`${folder}/`));
}

export function isContractStep(file: string, text: string): boolean {
  return /\.contract\.sql$/i.test(basename(file)) || CONTRACT_COMMENT.test(text);
}

/**
 * The part of the file that runs on the way forward: a section after a down-migration comment
 * (node-pg-migrate's `-- Down Migration`, dbmate's `-- migrate:down`) is blanked, lines kept.
 * Without an up-migration comment the whole file runs forward, as node-pg-migrate runs it.
 */
export function forwardSql(text: string): string {
  const up = text.search(UP_SECTION);
  const down = text.search(DOWN_SECTION);
  if (up < 0 || down < 0) return text;
  const end = up > down ? up : text.length;
  return text.slice(0, down) + text.slice(down, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

/** Skips blanks and comments from `offset`: where the statement's first token is. */
function firstToken(script: string, offset: number): number {
  let index = offset;
  for (;;) {
    while (index < script.length && /\s/.test(script[index] ?? '')) index += 1;
    if (script.startsWith('--', index)) {
      const end = script.indexOf('\n', index);
      index = end < 0 ? script.length : end + 1;
    } else if (script.startsWith('/*', index)) {
      const end = script.indexOf('*/', index + 2);
      index = end < 0 ? script.length : end + 2;
    } else {
      return index;
    }
  }
}

function nodeOf<K extends string>(node: Node | undefined, kind: K): unknown {
  return node !== undefined && kind in node ? (node as Record<K, unknown>)[kind] : undefined;
}

/** Every FuncCall name in an expression tree. */
function functionNames(value: unknown, names: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) functionNames(item, names);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'FuncCall') {
        const parts = (child as { funcname?: Array<{ String?: { sval?: string } }> }).funcname ?? [];
        names.push(parts.at(-1)?.String?.sval ?? '');
      }
      functionNames(child, names);
    }
  }
  return names;
}

function relationName(relation: RangeVar | undefined): string {
  return abbreviate([relation?.schemaname, relation?.relname].filter(Boolean).join('.'));
}

/** The tables a migration creates: empty, unknown to the running release, so free to change. */
class CreatedTables {
  private readonly names: Array<{ schema?: string; name: string }> = [];

  add(relation: RangeVar | undefined): void {
    if (relation?.relname !== undefined) this.names.push({ schema: relation.schemaname, name: relation.relname });
  }

  has(relation: RangeVar | undefined): boolean {
    return this.names.some(
      ({ schema, name }) => name === relation?.relname && (schema === undefined || relation.schemaname === undefined || schema === relation.schemaname),
    );
  }
}

type Report = (ruleId: MigrationRuleId, message: string, detail?: string) => void;

function checkNewColumn(table: string, column: ColumnDef, report: Report): void {
  const name = `${table}.${abbreviate(column.colname ?? '')}`;
  const constraints = (column.constraints ?? []).map((node) => nodeOf(node, 'Constraint') as Constraint | undefined).filter((c) => c !== undefined);
  const type = column.typeName?.names?.at(-1);
  const serial = SERIAL_TYPES.has((type && 'String' in type ? type.String.sval : undefined) ?? '');
  const defaultValue = constraints.find((constraint) => constraint.contype === 'CONSTR_DEFAULT');
  const computed = constraints.find(
    (constraint) => constraint.contype === 'CONSTR_IDENTITY' || (constraint.contype === 'CONSTR_GENERATED' && constraint.generated_kind === 's'),
  );
  const volatile = functionNames(defaultValue?.raw_expr).filter((fn) => !NON_VOLATILE_FUNCTIONS.has(fn));
  if (computed !== undefined || serial)
    report(
      'migrations/adding-field-with-default',
      `Adding ${name} as ${serial ? 'a serial' : computed?.contype === 'CONSTR_IDENTITY' ? 'an identity' : 'a stored generated'} column fills every existing row: PostgreSQL rewrites the table and blocks reads and writes meanwhile.`,
      name,
    );
  else if (volatile.length > 0)
    report(
      'migrations/adding-field-with-default',
      `The default of ${name} calls ${abbreviate(volatile.join(', '))}(), which may differ per row: PostgreSQL rewrites the table to fill it, blocking reads and writes meanwhile.`,
      name,
    );
  const notNull = column.is_not_null === true || constraints.some((constraint) => constraint.contype === 'CONSTR_NOTNULL');
  if (notNull && defaultValue === undefined && computed === undefined && !serial)
    report(
      'migrations/adding-required-field',
      `${name} is NOT NULL without a default: the release still running inserts rows without it, and those inserts fail.`,
      name,
    );
  for (const constraint of constraints) checkNewConstraint(table, constraint, report, `on the new column ${name}`);
}

function checkNewConstraint(table: string, constraint: Constraint, report: Report, where = `on ${table}`): void {
  const name = constraint.conname === undefined ? '' : ` ${abbreviate(constraint.conname)}`;
  if (constraint.contype === 'CONSTR_FOREIGN' && constraint.skip_validation !== true)
    report(
      'migrations/adding-foreign-key-constraint',
      `Foreign key${name} ${where} is validated at once: ${table} and ${relationName(constraint.pktable)} are locked against writes while every row is checked.`,
      name,
    );
  if (constraint.contype === 'CONSTR_CHECK' && constraint.skip_validation !== true)
    report(
      'migrations/constraint-missing-not-valid',
      `CHECK constraint${name} ${where} is validated at once, under an ACCESS EXCLUSIVE lock on ${table}.`,
      name,
    );
  if (constraint.contype === 'CONSTR_UNIQUE' && constraint.indexname === undefined)
    report(
      'migrations/disallowed-unique-constraint',
      `UNIQUE constraint${name} ${where} builds its index while ${table} is locked against reads and writes.`,
      name,
    );
  if (constraint.contype === 'CONSTR_PRIMARY' && constraint.indexname === undefined)
    report(
      'migrations/adding-serial-primary-key-field',
      `PRIMARY KEY${name} ${where} builds its index while ${table} is locked against reads and writes.`,
      name,
    );
}

interface ScriptState {
  created: CreatedTables;
  contract: boolean;
  inTransaction: boolean;
}

const REWRITING_COMMANDS: Record<string, string> = {
  AT_SetLogged: 'SET LOGGED',
  AT_SetUnLogged: 'SET UNLOGGED',
  AT_SetTableSpace: 'SET TABLESPACE',
  AT_SetAccessMethod: 'SET ACCESS METHOD',
};

function checkAlterTable(statement: { relation?: RangeVar; cmds?: Node[]; objtype?: string }, state: ScriptState, report: Report): void {
  if (statement.objtype !== 'OBJECT_TABLE' || state.created.has(statement.relation)) return;
  const table = relationName(statement.relation);
  for (const node of statement.cmds ?? []) {
    const command = nodeOf(node, 'AlterTableCmd') as { subtype?: string; name?: string; def?: Node } | undefined;
    const column = `${table}.${abbreviate(command?.name ?? '')}`;
    switch (command?.subtype) {
      case 'AT_DropColumn':
        if (state.contract)
          report(
            'migrations/contract-step',
            `Contract step: drops column ${column}, allowed because this migration is marked as a contract step; the release now running must no longer read or write it.`,
            column,
          );
        else
          report(
            'migrations/ban-drop-column',
            `Drops column ${column}: the release still running reads it and fails once it is gone, and a rollback cannot bring its data back.`,
            column,
          );
        break;
      case 'AT_AlterColumnType':
        report(
          'migrations/changing-column-type',
          `Changes the type of ${column}: PostgreSQL rewrites ${table} (reads and writes blocked) and the running release may not handle the new type.`,
          column,
        );
        break;
      case 'AT_SetNotNull':
        report(
          'migrations/adding-not-nullable-field',
          `SET NOT NULL on ${column} scans all of ${table} while reads and writes wait, and fails the running release's inserts that leave it empty.`,
          column,
        );
        break;
      case 'AT_DropNotNull':
        report('migrations/ban-drop-not-null', `DROP NOT NULL on ${column}: the running release may read NULL where it never did.`, column);
        break;
      case 'AT_AddColumn': {
        const definition = nodeOf(command.def, 'ColumnDef') as ColumnDef | undefined;
        if (definition) checkNewColumn(table, definition, report);
        break;
      }
      case 'AT_AddConstraint': {
        const constraint = nodeOf(command.def, 'Constraint') as Constraint | undefined;
        if (constraint) checkNewConstraint(table, constraint, report);
        break;
      }
      default:
        if (command?.subtype !== undefined && command.subtype in REWRITING_COMMANDS)
          report(
            'migrations/table-rewrite',
            `ALTER TABLE ${table} ${REWRITING_COMMANDS[command.subtype]} rewrites the table while reads and writes wait.`,
            command.subtype,
          );
    }
  }
}

function hasOption(options: Node[] | undefined, name: string): boolean {
  return (options ?? []).some((option) => (nodeOf(option, 'DefElem') as { defname?: string } | undefined)?.defname === name);
}

function checkStatement(node: Node | undefined, state: ScriptState, report: Report): void {
  if (node === undefined) return;
  const [kind, body] = Object.entries(node)[0] ?? [];
  const statement = (body ?? {}) as Record<string, unknown> & { relation?: RangeVar };
  switch (kind) {
    case 'CreateStmt':
      state.created.add(statement.relation);
      break;
    case 'CreateTableAsStmt':
      state.created.add((statement.into as { rel?: RangeVar } | undefined)?.rel);
      break;
    case 'AlterTableStmt':
      checkAlterTable(statement, state, report);
      break;
    case 'RenameStmt': {
      if (state.created.has(statement.relation)) break;
      const table = relationName(statement.relation);
      if (statement.renameType === 'OBJECT_COLUMN')
        report(
          'migrations/renaming-column',
          `Renames ${table}.${abbreviate(String(statement.subname))} to ${abbreviate(String(statement.newname))}: the release still running uses the old name and fails.`,
        );
      else if (statement.renameType === 'OBJECT_TABLE')
        report(
          'migrations/renaming-table',
          `Renames ${table} to ${abbreviate(String(statement.newname))}: the release still running uses the old name and fails.`,
        );
      break;
    }
    case 'DropStmt': {
      const names = ((statement.objects ?? []) as Node[]).map((object) =>
        abbreviate(
          ((nodeOf(object, 'List') as { items?: Node[] } | undefined)?.items ?? [])
            .map((item) => (nodeOf(item, 'String') as { sval?: string })?.sval)
            .join('.'),
        ),
      );
      if (statement.removeType === 'OBJECT_TABLE') {
        for (const name of names) {
          const [schema, table] = name.includes('.') ? name.split('.') : [undefined, name];
          if (state.created.has({ schemaname: schema, relname: table })) continue;
          if (state.contract)
            report(
              'migrations/contract-step',
              `Contract step: drops table ${name}, allowed because this migration is marked as a contract step; the release now running must no longer use it.`,
              name,
            );
          else
            report(
              'migrations/ban-drop-table',
              `Drops table ${name}: the release still running uses it and fails, and a rollback cannot bring its rows back.`,
              name,
            );
        }
      } else if (statement.removeType === 'OBJECT_INDEX' && statement.concurrent !== true) {
        report('migrations/require-concurrent-index-deletion', `DROP INDEX ${names.join(', ')} without CONCURRENTLY locks its table until the drop ends.`);
      }
      break;
    }
    case 'IndexStmt':
      if (statement.concurrent === true && state.inTransaction)
        report(
          'migrations/ban-concurrent-index-creation-in-transaction',
          `CREATE INDEX CONCURRENTLY on ${relationName(statement.relation)} inside BEGIN ... COMMIT: PostgreSQL refuses it.`,
        );
      else if (statement.concurrent !== true && !state.created.has(statement.relation))
        report(
          'migrations/require-concurrent-index-creation',
          `CREATE INDEX on the existing table ${relationName(statement.relation)} without CONCURRENTLY blocks its writes until the index is built.`,
        );
      break;
    case 'TransactionStmt':
      if (statement.kind === 'TRANS_STMT_BEGIN' || statement.kind === 'TRANS_STMT_START') state.inTransaction = true;
      if (statement.kind === 'TRANS_STMT_COMMIT' || statement.kind === 'TRANS_STMT_ROLLBACK') state.inTransaction = false;
      break;
    case 'VacuumStmt':
      if (hasOption(statement.options as Node[] | undefined, 'full'))
        report('migrations/table-rewrite', 'VACUUM FULL rewrites the table while reads and writes wait.');
      break;
    case 'ClusterStmt':
      report('migrations/table-rewrite', `CLUSTER ${relationName(statement.relation)} rewrites the table while reads and writes wait.`);
      break;
    case 'ReindexStmt':
      if (!hasOption(statement.params as Node[] | undefined, 'concurrently'))
        report('migrations/require-concurrent-reindex', `REINDEX ${relationName(statement.relation)} without CONCURRENTLY blocks writes until it ends.`);
      break;
    case 'TruncateStmt':
      if (statement.behavior === 'DROP_CASCADE')
        report('migrations/ban-truncate-cascade', 'TRUNCATE ... CASCADE also empties every table with a foreign key to these.');
      break;
    case 'DropdbStmt':
      report('migrations/ban-drop-database', `Drops database ${abbreviate(String(statement.dbname))}.`);
      break;
  }
}

/** The findings of one migration file, judged on the parse tree of its forward part. */
export function scanMigration(file: string, text: string, parse: SqlParser): Finding[] {
  const script = forwardSql(text);
  if (script.trim() === '') return [];
  // libpg_query's offsets count UTF-8 bytes; as latin1, one character stands for one byte.
  const bytes = Buffer.from(script, 'utf8').toString('latin1');
  const lineOf = lineLocator(bytes);
  const hits: Array<RuleHit<MigrationRuleId>> = [];
  let tree;
  try {
    tree = parse(script);
  } catch (error: unknown) {
    const offset = errorOffset(error);
    const reason = describeError(error);
    hits.push({
      ruleId: 'migrations/syntax-error',
      file,
      line: offset === undefined ? 1 : lineOf(offset),
      message: `PostgreSQL's parser refuses this migration: ${abbreviate(reason)}.`,
      content: reason,
    });
    return findingsFromHits('migrations', MIGRATION_RULES, hits);
  }
  const state: ScriptState = { created: new CreatedTables(), contract: isContractStep(file, script), inTransaction: false };
  for (const raw of tree.stmts ?? []) {
    const start = raw.stmt_location ?? 0;
    const statementText = Buffer.from(bytes.slice(start, raw.stmt_len ? start + raw.stmt_len : undefined), 'latin1').toString('utf8');
    const line = lineOf(firstToken(bytes, start));
    checkStatement(raw.stmt, state, (ruleId, message, detail = '') => hits.push({ ruleId, file, line, message, content: `${statementText}\0${detail}` }));
  }
  return findingsFromHits('migrations', MIGRATION_RULES, hits);
}
