import pino from 'pino';

/**
 * Structured JSON logs. Personal data never belongs in a log: request lines carry the path without
 * its query string (searches hold names), and credentials and bodies are redacted wherever they appear.
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'headers.cookie',
          'headers.authorization',
          '*.password',
          '*.body',
          'body',
          'email',
          '*.email',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination,
  );
}

export type Logger = ReturnType<typeof createLogger>;
