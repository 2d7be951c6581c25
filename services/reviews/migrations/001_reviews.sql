-- Who received which product ("verified purchases"): only they may review it. One row per customer and
-- product, however many orders delivered it and however often an event is delivered.
CREATE TABLE reviews.purchases (
  customer_id uuid NOT NULL,
  product_id uuid NOT NULL,
  -- The first delivered order that brought the product.
  order_id uuid NOT NULL,
  delivered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, product_id)
);

-- The names reviews are signed with, from identity's registrations.
CREATE TABLE reviews.authors (
  user_id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One review per customer and product.
CREATE TABLE reviews.reviews (
  id uuid PRIMARY KEY,
  product_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'visible' CHECK (status IN ('visible', 'hidden')),
  -- The admin who last hid or showed it, and when.
  moderated_by uuid,
  moderated_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (product_id, customer_id)
);
CREATE INDEX reviews_product_newest ON reviews.reviews (product_id, status, created_at DESC);
CREATE INDEX reviews_product_rating ON reviews.reviews (product_id, status, rating);
CREATE INDEX reviews_newest ON reviews.reviews (created_at DESC);
CREATE INDEX reviews_status_newest ON reviews.reviews (status, created_at DESC);

-- The visible reviews of each product summed up, changed in the transaction of every change to them, so
-- that a product's summary is one row to read. The checks keep the sums consistent with the histogram.
CREATE TABLE reviews.ratings (
  product_id uuid PRIMARY KEY,
  rating_count int NOT NULL,
  rating_sum int NOT NULL,
  stars_1 int NOT NULL CHECK (stars_1 >= 0),
  stars_2 int NOT NULL CHECK (stars_2 >= 0),
  stars_3 int NOT NULL CHECK (stars_3 >= 0),
  stars_4 int NOT NULL CHECK (stars_4 >= 0),
  stars_5 int NOT NULL CHECK (stars_5 >= 0),
  CHECK (rating_count = stars_1 + stars_2 + stars_3 + stars_4 + stars_5),
  CHECK (rating_sum = stars_1 + 2 * stars_2 + 3 * stars_3 + 4 * stars_4 + 5 * stars_5)
);
