-- Custom attributes a site declares for its customers (plan, orders …) and their type:
-- 'text', 'number' or 'boolean'. Only declared attributes are stored.
CREATE TABLE attribute_definitions (
  site_id TEXT NOT NULL REFERENCES sites(id),
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (site_id, name)
);

-- A customer's attribute values, as text in the declared type's invariant form.
CREATE TABLE customer_attributes (
  customer_id TEXT NOT NULL REFERENCES customers(id),
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (customer_id, name)
);
