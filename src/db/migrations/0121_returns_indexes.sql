-- Annex A counts a child's section 47 enquiries and initial conferences in the 12 months before each
-- enquiry: by child and date, not a scan of the partnership's conferences per row.
create index section_47_person on section_47 (person_id, start_date);
create index conference_initial_person on conference (person_id, held_on) where kind = 'initial';
