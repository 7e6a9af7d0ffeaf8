import type pg from 'pg';

export interface Item {
  id: number;
  sku: string;
  name: string;
  quantity: number;
  price: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewItem {
  sku: string;
  name: string;
  quantity: number;
  price: number;
}

export type ItemChanges = Partial<NewItem>;

export interface ItemFilter {
  limit: number;
  offset: number;
  sku?: string | undefined;
  name?: string | undefined;
  inStock?: boolean | undefined;
  minQuantity?: number | undefined;
  maxQuantity?: number | undefined;
}

export type UpdateResult = Item | 'not-found' | 'version-mismatch' | 'duplicate-sku';
export type AdjustResult = Item | 'not-found' | 'insufficient-stock' | 'out-of-range';

/** A pool, or a client holding an open transaction. */
export type Queryable = pg.Pool | pg.PoolClient;

const UNIQUE_VIOLATION = '23505';

// Timestamps are formatted by PostgreSQL: cheaper than parsing them into Dates and back.
const ITEM_COLUMNS = `id, sku, name, quantity, price::float8 AS price, version,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt",
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updatedAt"`;

// Hot statements are named: each connection parses and plans them once.
const FIND_BY_ID = {
  name: 'items-find-by-id',
  text: `SELECT ${ITEM_COLUMNS} FROM items WHERE id = $1`,
};
const FIND_BY_IDS = {
  name: 'items-find-by-ids',
  text: `SELECT ${ITEM_COLUMNS} FROM items WHERE id = ANY($1::integer[])`,
};
const INSERT = {
  name: 'items-insert',
  text: `INSERT INTO items (sku, name, quantity, price) VALUES ($1, $2, $3, $4) RETURNING ${ITEM_COLUMNS}`,
};
const UPDATE = {
  name: 'items-update',
  text: `UPDATE items SET
      sku = COALESCE($2, sku), name = COALESCE($3, name),
      quantity = COALESCE($4, quantity), price = COALESCE($5, price),
      version = version + 1, updated_at = now()
    WHERE id = $1 AND ($6::integer IS NULL OR version = $6)
    RETURNING ${ITEM_COLUMNS}`,
};
const ADJUST_MANY = {
  name: 'items-adjust-many',
  text: `SELECT r.slot, (r.item).id, (r.item).sku, (r.item).name, (r.item).quantity, (r.item).price::float8 AS price,
      (r.item).version,
      to_char((r.item).created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt",
      to_char((r.item).updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updatedAt"
    FROM adjust_items($1::integer[], $2::integer[]) AS r`,
};
const EXISTS = { name: 'items-exists', text: 'SELECT 1 FROM items WHERE id = $1' };
const DELETE = { name: 'items-delete', text: 'DELETE FROM items WHERE id = $1' };
const COUNT_ALL = { name: 'items-count', text: 'SELECT count(*)::integer AS count FROM items' };

/**
 * The columns and the function the statements above use: readiness checks that all of them exist, so that a version never takes traffic on a schema it cannot read (say, after
 * a contract migration dropped a column too early).
 */
const READ_COLUMNS = ['id', 'sku', 'name', 'quantity', 'price', 'version', 'created_at', 'updated_at'];
const CALLED_FUNCTION = 'adjust_items(integer[], integer[])';
// From the catalogue only (to_regclass and to_regprocedure take no lock): a migration holding a lock on items never makes the pods unready.
const MISSING_SCHEMA = {
  name: 'items-missing-schema',
  text: `SELECT 'table items' AS missing WHERE to_regclass('items') IS NULL
    UNION ALL
    SELECT 'column items.' || required.name FROM unnest(ARRAY['${READ_COLUMNS.join("', '")}']) AS required(name)
      WHERE to_regclass('items') IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('items') AND attname = required.name AND attnum > 0 AND NOT attisdropped)
    UNION ALL
    SELECT 'function ${CALLED_FUNCTION}' WHERE to_regprocedure('${CALLED_FUNCTION}') IS NULL`,
};

function isPgError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * Single-item reads that arrive in the same event-loop turn become one `id = ANY($1)` query:
 * under load that is one round trip for many requests instead of one each, which more than
 * halves the CPU a read costs here and in PostgreSQL. A read waits at most one turn.
 */
function createBatchedFinder(pool: pg.Pool): (id: number) => Promise<Item | undefined> {
  let pending: Map<number, Array<Waiter<Item | undefined>>> | undefined;

  async function flush(batch: Map<number, Array<Waiter<Item | undefined>>>): Promise<void> {
    try {
      const result = await pool.query<Item>({ ...FIND_BY_IDS, values: [[...batch.keys()]] });
      const found = new Map(result.rows.map((item) => [item.id, item]));
      for (const [id, waiters] of batch) for (const waiter of waiters) waiter.resolve(found.get(id));
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    }
  }

  return (id) =>
    new Promise((resolve, reject) => {
      if (pending === undefined) {
        const batch = new Map<number, Array<Waiter<Item | undefined>>>();
        pending = batch;
        setImmediate(() => {
          pending = undefined;
          void flush(batch);
        });
      }
      const waiters = pending.get(id);
      if (waiters === undefined) pending.set(id, [{ resolve, reject }]);
      else waiters.push({ resolve, reject });
    });
}

interface Adjustment {
  id: number;
  delta: number;
}

type AdjustRow = Omit<Item, 'id'> & { slot: number; id: number | null };

/**
 * Runs adjustments through the adjust_items function (migration 002): row locks serialise
 * concurrent adjustments of an item and the guard sees the latest quantity, so no update is
 * lost and none goes negative. Returns, in order, the updated item or undefined when nothing
 * changed.
 */
async function adjustMany(db: Queryable, adjustments: Adjustment[]): Promise<Array<Item | undefined>> {
  const result = await db.query<AdjustRow>({
    ...ADJUST_MANY,
    values: [adjustments.map((adjustment) => adjustment.id), adjustments.map((adjustment) => adjustment.delta)],
  });
  const outcomes = new Array<Item | undefined>(adjustments.length);
  for (const { slot, id, ...rest } of result.rows) outcomes[slot - 1] = id === null ? undefined : { id, ...rest };
  return outcomes;
}

/** Adjustments that arrive in the same event-loop turn share one statement and one commit. */
function createBatchedAdjuster(pool: pg.Pool): (adjustment: Adjustment) => Promise<Item | undefined> {
  let pending: Array<Adjustment & Waiter<Item | undefined>> | undefined;

  async function flush(batch: Array<Adjustment & Waiter<Item | undefined>>): Promise<void> {
    try {
      const outcomes = await adjustMany(pool, batch);
      batch.forEach((waiter, index) => waiter.resolve(outcomes[index]));
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
  }

  return (adjustment) =>
    new Promise((resolve, reject) => {
      if (pending === undefined) {
        const batch: Array<Adjustment & Waiter<Item | undefined>> = [];
        pending = batch;
        setImmediate(() => {
          pending = undefined;
          void flush(batch);
        });
      }
      pending.push({ ...adjustment, resolve, reject });
    });
}

export function createItemsRepository(pool: pg.Pool) {
  const findBatched = createBatchedFinder(pool);
  const adjustBatched = createBatchedAdjuster(pool);

  async function exists(id: number, db: Queryable): Promise<boolean> {
    const result = await db.query({ ...EXISTS, values: [id] });
    return result.rowCount === 1;
  }

  return {
    async findById(id: number, db: Queryable = pool): Promise<Item | undefined> {
      if (db === pool) return findBatched(id);
      const result = await db.query<Item>({ ...FIND_BY_ID, values: [id] });
      return result.rows[0];
    },

    async list(filter: ItemFilter, db: Queryable = pool): Promise<{ items: Item[]; total: number }> {
      const conditions: string[] = [];
      const values: unknown[] = [];
      const addCondition = (sql: (placeholder: string) => string, value: unknown) => {
        values.push(value);
        conditions.push(sql(`$${values.length}`));
      };
      if (filter.sku !== undefined) addCondition((p) => `sku = ${p}`, filter.sku);
      if (filter.name !== undefined) addCondition((p) => `name ILIKE '%' || ${p} || '%'`, escapeLike(filter.name));
      if (filter.inStock !== undefined) conditions.push(filter.inStock ? 'quantity > 0' : 'quantity = 0');
      if (filter.minQuantity !== undefined) addCondition((p) => `quantity >= ${p}`, filter.minQuantity);
      if (filter.maxQuantity !== undefined) addCondition((p) => `quantity <= ${p}`, filter.maxQuantity);
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const page = `SELECT ${ITEM_COLUMNS} FROM items ${where} ORDER BY id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`;
      const [rows, count] = await Promise.all([
        db.query<Item>(page, [...values, filter.limit, filter.offset]),
        db.query<{ total: number }>(`SELECT count(*)::integer AS total FROM items ${where}`, values),
      ]);
      return { items: rows.rows, total: count.rows[0]?.total ?? 0 };
    },

    async create(item: NewItem, db: Queryable = pool): Promise<Item | 'duplicate-sku'> {
      try {
        const result = await db.query<Item>({ ...INSERT, values: [item.sku, item.name, item.quantity, item.price] });
        return result.rows[0] as Item;
      } catch (error) {
        if (isPgError(error, UNIQUE_VIOLATION)) return 'duplicate-sku';
        throw error;
      }
    },

    async update(id: number, changes: ItemChanges, expectedVersion?: number, db: Queryable = pool): Promise<UpdateResult> {
      let result: pg.QueryResult<Item>;
      try {
        result = await db.query<Item>({
          ...UPDATE,
          values: [id, changes.sku, changes.name, changes.quantity, changes.price, expectedVersion],
        });
      } catch (error) {
        if (isPgError(error, UNIQUE_VIOLATION)) return 'duplicate-sku';
        throw error;
      }
      const item = result.rows[0];
      if (item !== undefined) return item;
      return (await exists(id, db)) ? 'version-mismatch' : 'not-found';
    },

    async adjust(id: number, delta: number, db: Queryable = pool): Promise<AdjustResult> {
      const item = db === pool ? await adjustBatched({ id, delta }) : (await adjustMany(db, [{ id, delta }]))[0];
      if (item !== undefined) return item;
      if (!(await exists(id, db))) return 'not-found';
      return delta < 0 ? 'insufficient-stock' : 'out-of-range';
    },

    async remove(id: number, db: Queryable = pool): Promise<boolean> {
      const result = await db.query({ ...DELETE, values: [id] });
      return result.rowCount === 1;
    },

    /** What this code needs but the database lacks, e.g. `column items.name`: empty when the schema serves this version. */
    async missingSchema(db: Queryable = pool): Promise<string[]> {
      const result = await db.query<{ missing: string }>(MISSING_SCHEMA);
      return result.rows.map((row) => row.missing);
    },

    async count(db: Queryable = pool): Promise<number> {
      const result = await db.query<{ count: number }>(COUNT_ALL);
      return result.rows[0]?.count ?? 0;
    },
  };
}

export type ItemsRepository = ReturnType<typeof createItemsRepository>;
