-- Custom attributes a site declares for its customers (plan, orders …) and their type:
-- 'text', 'number' or 'boolean'. Only declared attributes are stored.
CREATE TABLE attribute_definitions (
  site_id NVARCHAR(64) NOT NULL REFERENCES sites(id),
  name NVARCHAR(64) NOT NULL,
  type NVARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (site_id, name)
);

-- A customer's attribute values, as text in the declared type's invariant form.
CREATE TABLE customer_attributes (
  customer_id NVARCHAR(64) NOT NULL REFERENCES customers(id),
  name NVARCHAR(64) NOT NULL,
  value NVARCHAR(1000) NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (customer_id, name)
);
