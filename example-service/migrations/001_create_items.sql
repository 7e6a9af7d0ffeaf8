-- Up Migration
CREATE TABLE items (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku        text          NOT NULL,
  name       text          NOT NULL,
  quantity   integer       NOT NULL DEFAULT 0,
  price      numeric(12,2) NOT NULL,
  version    integer       NOT NULL DEFAULT 1,
  created_at timestamptz   NOT NULL DEFAULT now(),
  updated_at timestamptz   NOT NULL DEFAULT now(),
  CONSTRAINT items_sku_key UNIQUE (sku),
  CONSTRAINT items_quantity_not_negative CHECK (quantity >= 0),
  CONSTRAINT items_price_not_negative CHECK (price >= 0)
);

-- Down Migration
DROP TABLE items;
