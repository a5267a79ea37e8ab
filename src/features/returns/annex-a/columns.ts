/**
 * The columns of Ofsted's Annex A lists 1 to 7 (the lists the records support; 8 to 11 are children
 * looked after, care leavers and adoption, which Together does not hold), in order, from the column_map
 * of the Annex A schema (Annex_A_schema.yml, supplied with the project's brief and kept in
 * test/fixtures/annex-a/, where a test checks this file against it). For a coded column, `codes` maps
 * each code to the cell text: the first name variant the schema gives for it, or the variant naming
 * the CIN code itself ("b) WIRI") where the schema has one.
 */
export interface AnnexColumn {
  name: string;
  kind: 'text' | 'date' | 'number' | 'code';
}
export interface AnnexList {
  number: number;
  title: string;
  columns: readonly AnnexColumn[];
}

/** Every list starts with the child's identifier, gender, ethnicity, date of birth and age. */
const CHILD: readonly AnnexColumn[] = [
  { name: 'Child Unique ID', kind: 'text' },
  { name: 'Gender', kind: 'code' },
  { name: 'Ethnicity', kind: 'code' },
  { name: 'Date of Birth', kind: 'date' },
  { name: 'Age of Child (Years)', kind: 'number' },
];

export const ANNEX_A_LISTS: readonly AnnexList[] = [
  {
    number: 1,
    title: 'Contacts',
    columns: [...CHILD, { name: 'Date of Contact', kind: 'date' }, { name: 'Contact Source', kind: 'code' }],
  },
  {
    number: 2,
    title: 'Early help',
    columns: [
      ...CHILD,
      { name: 'Assessment start date', kind: 'date' },
      { name: 'Assessment completion date', kind: 'date' },
      { name: 'Organisation completing assessment', kind: 'text' },
    ],
  },
  {
    number: 3,
    title: 'Referrals',
    columns: [
      ...CHILD,
      { name: 'Date of referral', kind: 'date' },
      { name: 'Referral Source', kind: 'code' },
      { name: 'Referral NFA?', kind: 'code' },
      { name: 'Number of Referrals in Last 12 Months', kind: 'number' },
      { name: 'Allocated Team', kind: 'text' },
      { name: 'Allocated Worker', kind: 'text' },
    ],
  },
  {
    number: 4,
    title: 'Assessments',
    columns: [
      ...CHILD,
      { name: 'Does the Child have a Disability', kind: 'code' },
      { name: 'Continuous Assessment Start Date', kind: 'date' },
      { name: 'Child Seen During Continuous Assessment', kind: 'code' },
      { name: 'Continuous Assessment Date of Authorisation', kind: 'date' },
      { name: "Was the child assessed as requiring LA children's social care support?", kind: 'code' },
      { name: 'Allocated Team', kind: 'text' },
      { name: 'Allocated Worker', kind: 'text' },
    ],
  },
  {
    number: 5,
    title: 'Section 47 enquiries and initial conferences',
    columns: [
      ...CHILD,
      { name: 'Does the Child have a Disability', kind: 'code' },
      { name: 'Strategy discussion initiating Section 47 Enquiry Start Date', kind: 'date' },
      { name: 'Was an Initial Child Protection Conference deemed unnecessary?', kind: 'code' },
      { name: 'Date of Initial Child Protection Conference', kind: 'date' },
      { name: 'Did the Initial Child Protection Conference Result in a Child Protection Plan', kind: 'code' },
      { name: 'Number of Section 47 Enquiries in the last 12 months', kind: 'number' },
      { name: 'Number of ICPCs in the last 12 months', kind: 'number' },
      { name: 'Allocated Team', kind: 'text' },
      { name: 'Allocated Worker', kind: 'text' },
    ],
  },
  {
    number: 6,
    title: 'Children in need',
    columns: [
      ...CHILD,
      { name: 'Does the Child have a Disability', kind: 'code' },
      { name: 'CIN Start Date', kind: 'date' },
      { name: 'Primary Need Code', kind: 'code' },
      { name: 'Date Child Was Last Seen', kind: 'date' },
      { name: 'CIN Closure Date', kind: 'date' },
      { name: 'Reason for Closure', kind: 'code' },
      { name: 'Case Status', kind: 'code' },
      { name: 'Allocated Team', kind: 'text' },
      { name: 'Allocated Worker', kind: 'text' },
    ],
  },
  {
    number: 7,
    title: 'Child protection',
    columns: [
      ...CHILD,
      { name: 'Does the Child have a Disability', kind: 'code' },
      { name: 'Child Protection Plan Start Date', kind: 'date' },
      { name: 'Initial Category of Abuse', kind: 'code' },
      { name: 'Latest Category of Abuse', kind: 'code' },
      { name: 'Date of the Last Statutory Visit', kind: 'date' },
      { name: 'Was the Child Seen Alone?', kind: 'code' },
      { name: 'Date of latest review conference', kind: 'date' },
      { name: 'Child Protection Plan End Date', kind: 'date' },
      {
        name: 'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)',
        kind: 'code',
      },
      { name: 'Number of Previous Child Protection Plans', kind: 'number' },
      { name: 'Allocated Team', kind: 'text' },
      { name: 'Allocated Worker', kind: 'text' },
    ],
  },
];
