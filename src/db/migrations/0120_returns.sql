-- The CIN census files imported from another system (a migration): each file's census year, what it
-- held, and what the validator found in it, kept so that the import can be checked and its children
-- brought into the records child by child. A refused file (malformed, unknown schema) is not kept.
create table cin_census_import (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  file_name text not null,
  census_year int not null,
  lea text,
  children int not null,
  errors int not null,
  queries int not null,
  -- The children as read (the census model), and each failure (rule code, child, message).
  census jsonb not null,
  failures jsonb not null,
  imported_at timestamptz not null default now(),
  imported_by uuid references app_user(id)
);
create index cin_census_import_partnership on cin_census_import (partnership_id, imported_at desc);
