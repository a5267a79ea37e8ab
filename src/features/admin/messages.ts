/** What the administration pages say after a change, named by the key of the redirect (`?done=`). */
export const DONE: Record<string, string> = {
  'agency-created': 'Agency added',
  'agency-updated': 'Agency updated',
  'team-created': 'Team added',
  'team-updated': 'Team updated',
  'user-created': 'Account created',
  'user-updated': 'Account updated',
  'user-created-waiting':
    'Account created. The roles that read child data or administer the system wait for another administrator to approve them.',
  'user-updated-waiting':
    'Account updated. The roles given that read child data or administer the system wait for another administrator to approve them.',
  'roles-approved': 'Roles approved: the user holds them from their next page',
  'roles-refused': 'Roles refused: the user does not hold them',
  'user-unlocked': 'Account unlocked',
  'two-factor-reset': 'Two-factor authentication reset: the user sets it up again when they next sign in',
  'password-set': 'New password set',
  'token-revoked': 'Token revoked',
};
