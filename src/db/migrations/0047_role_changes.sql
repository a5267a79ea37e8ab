-- Every change of a user's roles. A change that adds a role reading child data (or administering)
-- waits ('pending') for a second administrator, who approves or refuses it; other changes apply at
-- once ('applied'). The data protection officer reads the whole list.
create table role_change (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnership(id),
  user_id uuid not null references app_user(id),
  roles_before text[] not null,
  -- applied: the roles now held; pending: the roles asked for (those waiting are after - before).
  roles_after text[] not null,
  requested_by uuid references app_user(id),
  requested_at timestamptz not null default now(),
  status text not null check (status in ('applied','pending','approved','refused')),
  decided_by uuid references app_user(id),
  decided_at timestamptz,
  note text
);
create index role_change_partnership on role_change (partnership_id, requested_at desc);
create unique index role_change_one_pending on role_change (user_id) where status = 'pending';

-- A new account whose every role waits for approval holds none until then (it signs in to a page
-- that says so, and sees nothing).
alter table app_user drop constraint app_user_roles_check;
