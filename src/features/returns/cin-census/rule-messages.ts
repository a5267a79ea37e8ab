/**
 * The DfE CIN census validation rules (codes and messages as the DfE publishes them, the later
 * wording where a rule was reworded). A code ending in Q is a query: it asks for a check or a reason;
 * every other code is an error that the DfE refuses. cin_validation_rules.csv, copied into the
 * test fixtures, is the source; a test checks this table against it.
 */
export const CIN_RULES: Record<string, string> = {
  '100': 'Reference Date is incorrect',
  '1103': 'The assessment start date cannot be before the referral date',
  '1104': 'The date of the initial child protection conference cannot be before the referral date',
  '1105': 'The child protection plan start date cannot be before the referral date',
  '1510': 'UPN invalid (wrong check letter at character 1)',
  '1520': 'More than one record with the same UPN.',
  '1530': 'UPN invalid (characters 2-4 not a recognised LA code)',
  '1540': 'UPN invalid (characters 5-12 not all numeric)',
  '1550': 'UPN invalid (character 13 not a recognised value)',
  '1560Q': 'Please check and either amend or provide a reason: Former UPN wrongly formatted',
  '2883': 'There are more child protection plans starting than initial conferences taking place',
  '2884':
    'An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one',
  '2885':
    'Child protection plan shown as starting a different day to the initial child protection conference.',
  '2886Q':
    'Please check and either amend or provide a reason: Percentage of children with no sex recorded is more than 2% (excluding unborns)',
  '2887Q':
    'Please check and either amend or provide a reason: Less than 8 disability codes have been used in your return',
  '2888Q':
    'Please check and either amend or provide a reason: Only one disability code is recorded per child and multiple disabilities should be recorded where possible.',
  '2889': 'The S47 start date cannot be before the referral date.',
  '2990':
    "Activity is recorded against a case marked as ‘Case closed after assessment, no further action’ or 'case closed after assessment, referred to early help'.",
  '2991Q':
    'Please check and either amend data or provide a reason: A Section 47 module is recorded and there is no assessment on the episode',
  '4000': 'CIN Plan details provided for a referral with no further action',
  '4001': 'A CIN Plan cannot run concurrently with a Child Protection Plan',
  '4003': 'A CPP review date is shown as being held at the same time as an open CIN Plan.',
  '4004': 'This child is showing more than one open CIN Plan, i.e. with no End Date',
  '4008': 'CIN Plan shown as starting after the child’s Date of Death.',
  '4009Q': 'CIN Plan cannot end after the child’s Date of Death',
  '4010': 'CIN Plan start date is missing or out of data collection period',
  '4011': 'CIN Plan End Date earlier than Start Date',
  '4012Q':
    'Please check and either amend or provide a reason: CIN Plan shown as starting and ending on the same day',
  '4013': 'CIN Plan end date must fall within the census year',
  '4014': 'CIN Plan data contains overlapping dates',
  '4015': 'The CIN Plan start date cannot be before the referral date',
  '4016': 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.',
  '4017': 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.',
  '4180': 'Sex must be provided and equal M, F, or U',
  '4220': 'Ethnicity is missing or invalid (see Ethnicity table)',
  '8500': 'LA Child ID missing',
  '8510': 'More than one child record with the same LA Child ID',
  '8520': 'Date of Birth is after data collection period (must be on or before the end of the census period)',
  '8525Q': 'Either Date of Birth or Expected Date of Birth must be provided (but not both)',
  '8530Q':
    'Please check and either amend data or provide a reason: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)',
  '8535Q':
    'Please check and either amend data or provide a reason: Child’s date of death should not be prior to the date of birth',
  '8540': 'Child’s disability is missing or invalid (see Disability table)',
  '8545Q':
    "Please check and either amend data or provide a reason: Child's date of death should be within the census year",
  '8555Q': 'Child cannot be referred after its recorded date of death',
  '8565': 'Activity shown after a case has been closed',
  '8568': 'RNFA flag is missing or invalid',
  '8569Q':
    'A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case',
  '8585Q':
    'Please check and either amend or provide a reason: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death',
  '8590': 'Child does not have a recorded CIN episode.',
  '8600': 'Child referral date missing or after data collection period',
  '8606': 'Child referral date is more than 40 weeks before DOB or expected DOB',
  '8608': 'Assessment Start Date cannot be later than its End Date',
  '8610': 'Primary Need code is missing for a referral which led to further action.',
  '8614': 'Parental or child factors at assessment should only be present for a completed assessment.',
  '8615':
    'Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference',
  '8620': 'CIN Closure Date present and does not fall within the Census year',
  '8630': 'CIN Closure Date is before CIN Referral Date for the same CIN episode',
  '8640': 'CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)',
  '8650': 'Primary Need Code invalid (see Primary Need table in CIN census code set)',
  '8670Q':
    'Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.',
  '8675Q':
    'Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.',
  '8696': 'Assessment end date must fall within the census year',
  '8715': 'Date of Initial Child Protection Conference must fall within the census year',
  '8720': 'Child Protection Plan Start Date missing or out of data collection period',
  '8730': 'Total Number of previous Child Protection Plans missing',
  '8736': 'For an Assessment that has not been completed, the start date must fall within the census year',
  '8740':
    'For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year',
  '8750': 'Sex must equal U for an unborn child',
  '8770Q':
    'Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.',
  '8772':
    'UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action',
  '8775Q': 'Please check and either amend data or provide a reason: Child is over 25 years old',
  '8790': 'Disability information includes both None and other values',
  '8794': 'Child has two or more disabilities with the same code',
  '8805': 'A CIN case cannot have a CIN closure date without a Reason for Closure',
  '8810': 'A CIN case cannot have a Reason for Closure without a CIN Closure Date',
  '8815':
    'More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.',
  '8816':
    'An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.',
  '8820': 'The dates on the CIN episodes for this child overlap',
  '8825Q':
    'Please check and either amend data or provide a reason: Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after assessment, referred to early help) has been returned but there is no assessment present for the episode.',
  '8831': 'Activity is recorded against a case marked as a referral with no further action',
  '8832': 'Child Protection details provided for a referral with no further action.',
  '8839': 'Within one CINDetails group there are 2 or more open S47 Assessments',
  '8840': 'Child Protection Plan cannot start and end on the same day',
  '8841': 'The review date cannot be on the same day or before the Child protection Plan start date.',
  '8842Q': 'Please check and either amend or provide a reason: Review Record has a missing date',
  '8863Q': 'An Assessment is shown as starting when there is another Assessment ongoing.',
  '8866': 'Source of Referral is missing or an invalid code',
  '8867': 'CIN episode is shown as closed, however Assessment is not shown as completed',
  '8868':
    'CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag',
  '8869': 'The assessment factors code “21” cannot be used in conjunction with any other assessment factors.',
  '8870Q':
    'Please check and either amend or provide a reason: The Target Date for Initial Child Protection Conference should not be a weekend',
  '8873Q':
    "Please check and either amend data or provide a reason: When there is only one assessment on the episode and the factors code “21 No factors identified” has been used for the completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.",
  '8875': 'The Date of Initial Child Protection Conference cannot be a weekend',
  '8890': 'A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing',
  '8896': 'Within one CINDetails group there are 2 or more open Assessments groups',
  '8897Q': 'Parental or child factors at assessment information is missing from a completed assessment',
  '8898': 'The assessment has more than one parental or child factors with the same code',
  '8905':
    'Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)',
  '8910':
    'Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)',
  '8915': 'Child Protection Plan shown as starting after the child’s Date of Death',
  '8920': 'Child Protection Plan cannot end after the child’s Date of Death',
  '8925': 'Child Protection Plan End Date earlier than Start Date',
  '8930': 'Child Protection Plan End Date must fall within the census year',
  '8935': 'This child is showing more than one open Child Protection plan, i.e. with no End Date',
  '8940': 'Child Protection Plan data contains overlapping dates',
  '1570': 'LA Child ID must not be longer than 20 characters',
  '1580': 'LA Child ID must not contain any non-alphanumeric characters',
  '8945Q':
    "Please check and either amend data or provide a reason: the assessment factors code '18A' should not be used ('18B' or '18C' should be used instead)",
  '8950Q':
    "Please check and either amend data or provide a reason: the assessment factors code '19A' should not be used ('19B' or '19C' should be used instead)",
};
