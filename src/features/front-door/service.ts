/**
 * The front door's face: what its pages and API, and any other feature, call. Each function checks
 * access first, checks its input with its action's schema, and keeps its SQL in repository/.
 */

// Referrals: drafts page by page, sending them, from a partner system, and what the referrer sees.
export {
  agencyChoices,
  confirmAdults,
  createDraft,
  deleteDraft,
  getDraft,
  listDrafts,
  removePerson,
  savePerson,
  saveSection,
  type Draft,
  type DraftSummary,
  type PersonAnswer,
} from './referrals/drafts.ts';
export {
  IncompleteReferralError,
  submitDraft,
  submitFromApi,
  submitStepUp,
  type Received,
} from './referrals/intake.ts';
export {
  confirmationFor,
  getOwnReferral,
  listOwnReferrals,
  type OwnReferral,
} from './referrals/your-referrals.ts';
export type { ReferralInput } from './referrals/data.ts';

// The MASH hub: the queue, a contact, matching its people, merging records, the decision.
export { mashQueue, type ShownQueueRow } from './mash/queue.ts';
export { contactPage, decisionPage } from './mash/contact-page.ts';
export { assignContact, hubOfficers, setRag } from './mash/contacts.ts';
export { candidatesFor, createFromSubject, linkSubject, unlinkSubject } from './mash/matching.ts';
export { mergePeople, mergeToUndo, requireMergeRights, undoMerge } from './mash/merge.ts';
export { decide, DecisionConflictError, teamsForDecision, type DecisionOutcome } from './mash/decisions.ts';
export { mashDashboard, percent, type Dashboard } from './mash/dashboard.ts';
export { immediateRiskReported } from './summary.ts';

// Information requests to partner agencies, and their answers.
export {
  answerFormFor,
  answerRequest,
  createRequests,
  requestForAgency,
  requestsForAgency,
  requestsWaiting,
} from './requests/requests.ts';
export { setRequestDeadlines, frontDoorSettings, setMashPhone, mashPhoneFor } from './settings.ts';

// The notification outbox, for administrators and for a sender process.
export { listOutbox, markAttempt, pendingMessages } from './outbox/outbox.ts';
