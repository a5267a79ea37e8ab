-- The partnership dataset: each measure's figures for a year (1 April to 31 March), worked out in SQL
-- by refreshDataset and kept until the next refresh. A figure is a count (`value`) or a proportion
-- (`value` of `base`), for the year, a quarter or a month, for the whole partnership or one group of
-- a breakdown (an agency, a team, a category).
create table dataset_figure (
  partnership_id uuid not null references partnership(id),
  year int not null check (year between 2000 and 2100),
  measure text not null,
  period text not null check (period in ('year','quarter','month')),
  period_start date not null,
  breakdown text not null default '',
  grp text not null default '',
  value numeric not null,
  base numeric,
  primary key (partnership_id, year, measure, period, period_start, breakdown, grp)
);

create table dataset_refresh (
  partnership_id uuid not null references partnership(id),
  year int not null,
  refreshed_at timestamptz not null default now(),
  took_ms int not null,
  primary key (partnership_id, year)
);
