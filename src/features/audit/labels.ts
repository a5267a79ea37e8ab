/** Readable words for audit actions, for the "who has looked" and break-glass pages. */
const LABELS: Record<string, string> = {
  'person.view': 'Opened the record',
  'person.listed': 'Saw the person named in a list',
  'person.search': 'Searched and found the person',
  'person.access_refused': 'Was refused access to the record',
  'person.create': 'Created the record',
  'person.update': 'Changed the record',
  'person.edit': 'Changed the record',
  'person.merge': 'Merged the record',
  'person.export': 'Exported the record',
  'person.view_for_edit': 'Opened the record to change it',
  'person.name_add': 'Added a name',
  'person.address_add': 'Added an address',
  'person.relationship_add': 'Added a relationship',
  'person.household_add': 'Added a household membership',
  'person.involvement_add': 'Recorded an agency’s involvement',
  'chronology.view': 'Looked at the chronology',
  'chronology.read': 'Looked at the chronology',
  'chronology.form_viewed': 'Opened the form to add a chronology entry',
  'chronology.add': 'Added a chronology entry',
  'chronology.update': 'Changed a chronology entry',
  'chronology.export': 'Exported the chronology',
  'chronology.export_csv': 'Exported the chronology (CSV)',
  'chronology.export_pdf': 'Exported the chronology (PDF)',
  'breakglass.start': 'Used break-glass access',
  'breakglass.use': 'Used break-glass access',
  'break_glass.start': 'Used break-glass access',
  'break_glass.use': 'Used break-glass access',
  'breakglass.review': 'Reviewed a break-glass access',
  'audit.person_views.view': 'Looked at who has looked at this record',
  'audit.break_glass.list': 'Saw this person in the break-glass review list',
  'audit.break_glass.view': 'Looked at a break-glass access for review',
};

/** Where a person was seen named (`person.listed`, by the page its event records). */
const LISTED_ON: Record<string, string> = {
  home: 'Saw the person in a list on their home page',
  'my-work': 'Saw the person in their own work (my work)',
  team: 'Saw the person in the team list',
  unallocated: 'Saw the person in the unallocated list (children waiting for a worker)',
  reallocate: 'Saw the person in the caseloads, to reallocate them',
  drift: 'Saw the person in the drift report',
  'mash.queue': 'Saw the person in the MASH queue',
  'mash.contact': 'Saw the person named on a MASH contact',
  'mash.decision': 'Saw the person named on a MASH decision',
  'information-request': 'Saw the person named in an information request',
};

/**
 * The readable label of an action, and for a person seen in a list, of the list it was (`page`, as
 * the event's detail records it); unknown actions are shown in words rather than codes.
 */
export function actionLabel(action: string, page?: string | null): string {
  if (action === 'person.listed' && page && LISTED_ON[page]) return LISTED_ON[page];
  const known = LABELS[action];
  if (known) return known;
  const words = action.replace(/[._]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Unknown action';
}
