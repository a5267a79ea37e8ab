-- TOTP replay protection: the last time step whose code was accepted. A code is only accepted for
-- a later step, so a code seen over someone's shoulder cannot be used again within its window.
alter table app_user add column totp_last_step bigint;
