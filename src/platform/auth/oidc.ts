import * as client from 'openid-client';
import type { Config } from '../../config.ts';

/**
 * OpenID Connect sign-in (authorisation code flow with PKCE, state and nonce) against the issuer
 * the configuration names. The ID token's signature is checked against the provider's published
 * keys as well as its claims, even though it comes straight from the token endpoint.
 */

export interface OidcChecks {
  state: string;
  nonce: string;
  verifier: string;
}

export interface OidcIdentity {
  subject: string;
  email?: string;
  emailVerified: boolean;
}

/** Anything that went wrong talking to the provider or checking its answer. */
export class OidcError extends Error {
  constructor(
    message: string,
    readonly kind: 'unavailable' | 'refused',
  ) {
    super(message);
  }
}

export function oidcEnabled(config: Config): boolean {
  return Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID);
}

export function oidcRedirectUri(config: Config): string {
  const base = config.PUBLIC_URL ?? `http://127.0.0.1:${config.PORT}`;
  return new URL('/sign-in/oidc/callback', base).href;
}

export interface OidcClient {
  /** Where to send the browser, and the checks to keep in the session until it comes back. */
  start(): Promise<{ url: string; checks: OidcChecks }>;
  /** Completes the flow from the callback's query string. */
  finish(query: string, checks: OidcChecks): Promise<OidcIdentity>;
}

export function createOidcClient(config: Config): OidcClient {
  const issuer = config.OIDC_ISSUER;
  const clientId = config.OIDC_CLIENT_ID;
  const redirectUri = oidcRedirectUri(config);
  let discovered: Promise<client.Configuration> | undefined;

  // Discovery runs once and is kept; a failure is forgotten so the next sign-in tries again.
  function configuration(): Promise<client.Configuration> {
    if (!issuer || !clientId) throw new OidcError('OpenID Connect is not configured', 'unavailable');
    if (!discovered) {
      const execute = [client.enableNonRepudiationChecks];
      // Plain http is for local test providers only; production refuses OIDC_ALLOW_HTTP.
      if (config.OIDC_ALLOW_HTTP) execute.push(client.allowInsecureRequests);
      discovered = client
        .discovery(new URL(issuer), clientId, config.OIDC_CLIENT_SECRET, undefined, { execute, timeout: 10 })
        .catch((err: unknown) => {
          discovered = undefined;
          throw new OidcError(`discovery failed: ${String(err)}`, 'unavailable');
        });
    }
    return discovered;
  }

  return {
    async start() {
      const cfg = await configuration();
      const checks: OidcChecks = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      });
      return { url: url.href, checks };
    },

    async finish(query, checks) {
      const cfg = await configuration();
      const current = new URL(redirectUri);
      current.search = query;
      let claims: client.IDToken | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(cfg, current, {
          pkceCodeVerifier: checks.verifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
        });
        claims = tokens.claims();
      } catch (err) {
        const unavailable = err instanceof TypeError || (err as { name?: string }).name === 'TimeoutError';
        throw new OidcError(String(err), unavailable ? 'unavailable' : 'refused');
      }
      if (!claims?.sub) throw new OidcError('no subject in the ID token', 'refused');
      return {
        subject: claims.sub,
        email: typeof claims.email === 'string' ? claims.email : undefined,
        emailVerified: claims.email_verified === true,
      };
    },
  };
}
