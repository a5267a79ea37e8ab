-- API requests made with an Idempotency-Key: a retry with the same key (per user) answers with the
-- stored response instead of making a second record. Kept for 24 hours.
create table api_idempotency (
  partnership_id uuid not null references partnership(id),
  user_id uuid not null references app_user(id),
  key text not null,
  request_hash text not null,
  status int not null,
  location text,
  response text not null,
  person_id uuid references person(id),
  created_at timestamptz not null default now(),
  primary key (user_id, key)
);
create index api_idempotency_created on api_idempotency (created_at);
