-- The decision page: a message to the referrer in plain words (what happens next), which the
-- referrer reads on their referrals page; and the decision for each child, where siblings differ
-- (the contact's own decision is then the one that goes furthest).
alter table contact add column referrer_feedback text;
alter table contact_person add column decision text check (decision in ('no_further_action','information_advice',
  'early_help','section_17','strategy_section_47','immediate_protection'));
