-- The partnership's yearly report (1 April to 31 March): narrative sections written by the business
-- manager beside figures from the dataset, signed off by a lead of each statutory partner, published
-- when the last one signs and never changed after (the service refuses first; the trigger is the
-- backstop). Changing a draft withdraws the sign-offs already given.
create table yearly_report (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  year int not null check (year between 2000 and 2100),
  status text not null default 'draft' check (status in ('draft','published')),
  priorities text not null default '',
  scrutiny text not null default '',
  learning text not null default '',
  voice text not null default '',
  early_help text not null default '',
  published_on date,
  -- What the published report showed (figures, charts, assurance), kept so that it never changes.
  content jsonb,
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  updated_at timestamptz not null default now(),
  updated_by uuid references app_user(id),
  unique (partnership_id, year),
  check ((status = 'published') = (published_on is not null and content is not null))
);

create function yearly_report_published_guard() returns trigger language plpgsql as $$
begin
  if old.status = 'published' then
    raise exception 'the yearly report for % is published and cannot change', old.year;
  end if;
  return new;
end $$;
create trigger yearly_report_published_guard before update or delete on yearly_report
  for each row execute function yearly_report_published_guard();

create table yearly_report_signoff (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  report_id uuid not null references yearly_report(id),
  agency_id uuid not null references agency(id),
  signed_by uuid not null references app_user(id),
  signed_at timestamptz not null default now(),
  unique (report_id, agency_id)
);
