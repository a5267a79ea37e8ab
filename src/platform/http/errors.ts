import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { isApi } from './actor.ts';

/** Fastify's own client errors, told in words a user understands. */
function fastifyClientError(err: FastifyError): AppError | undefined {
  const status = err.statusCode ?? 500;
  if (status < 400 || status >= 500) return undefined;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(
        413,
        'Too much was sent',
        'What you sent is larger than this service accepts. Shorten it and try again.',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(
        415,
        'Unsupported content type',
        'Send forms as application/x-www-form-urlencoded and API requests as application/json.',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(400, 'Bad request', 'The request body is not valid JSON.');
    case 'FST_ERR_RATE_LIMIT_EXCEEDED':
    case undefined:
      if (status === 429)
        return new AppError(429, 'Too many requests', 'Too many attempts. Wait a minute and try again.');
  }
  if (err.validation) return new AppError(400, 'Bad request', err.message);
  return new AppError(status, 'Bad request', 'The request could not be understood.');
}

export function problem(reply: FastifyReply, err: AppError) {
  return reply
    .status(err.status)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: err.title,
      status: err.status,
      detail: err.message,
      ...(err instanceof ValidationError ? { errors: err.errors } : {}),
    });
}

function page(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  reply.status(err.status);
  if (err instanceof ForbiddenError && err.breakGlassPersonId) {
    return reply.render('break-glass-offer.njk', { error: err, personId: err.breakGlassPersonId });
  }
  return reply.render('error.njk', {
    error: err,
    errors: err instanceof ValidationError ? err.errors : undefined,
  });
}

/** One place turns errors into problem documents (API) or pages; never a stack trace to the user. */
export function errorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    let err: AppError | undefined = error instanceof AppError ? error : fastifyClientError(error);
    if (!err) {
      req.log.error({ err: error }, 'unhandled error');
      err = new AppError(
        500,
        'Sorry, there is a problem with the service',
        'Try again later. The problem has been logged.',
      );
    }
    return isApi(req) ? problem(reply, err) : page(req, reply, err);
  });
  app.setNotFoundHandler((req, reply) => {
    const err = new NotFoundError('The page you asked for does not exist.');
    return isApi(req) ? problem(reply, err) : page(req, reply, err);
  });
}
