/** Errors that services throw and the HTTP layer turns into pages or problem documents. */
export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'The page or record you asked for does not exist, or you do not have access to it.') {
    super(404, 'Not found', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(
    message = 'You do not have permission to do this.',
    /** Set when the user may open the record by break-glass. */
    readonly breakGlassPersonId?: string,
  ) {
    super(403, 'You do not have access', message);
  }
}

export class ValidationError extends AppError {
  constructor(readonly errors: FieldError[]) {
    super(400, 'There is a problem', errors.map((e) => e.message).join('; '));
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'Conflict', message);
  }
}
