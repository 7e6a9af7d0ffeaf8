-- Up Migration
-- Applies a batch of stock adjustments in one statement: one round trip and one commit for
-- many requests. Element i adds deltas[i] to item ids[i] unless the quantity would leave
-- 0..2147483647; its result row has slot = i and the updated item, or a NULL item when
-- nothing changed (unknown id, or the guard refused). Rows are visited in ascending id order
-- (arrival order within an id), so concurrent batches lock rows in the same order and cannot
-- deadlock, and adjustments of one item apply one after another on the latest quantity.
CREATE FUNCTION adjust_items(ids integer[], deltas integer[])
RETURNS TABLE (slot integer, item items)
LANGUAGE plpgsql AS $$
DECLARE
  i integer;
  updated items;
BEGIN
  FOR i IN SELECT u.o::integer FROM unnest(ids) WITH ORDINALITY AS u(id, o) ORDER BY u.id, u.o LOOP
    UPDATE items
      SET quantity = items.quantity + deltas[i], version = items.version + 1, updated_at = now()
      WHERE items.id = ids[i] AND items.quantity::bigint + deltas[i] BETWEEN 0 AND 2147483647
      RETURNING * INTO updated;
    slot := i;
    item := CASE WHEN FOUND THEN updated END;
    RETURN NEXT;
  END LOOP;
END
$$;

-- Down Migration
DROP FUNCTION adjust_items(integer[], integer[]);
