-- The privacy guard: card numbers and IBANs are masked before anything is stored, published or
-- logged. On for every site, existing ones included; an admin may turn it off for a site.
ALTER TABLE sites ADD COLUMN mask_private_data INTEGER NOT NULL DEFAULT 1;
