/** Errors that map to a 4xx answer; everything else is a 500. */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class BadInput extends AppError {
  constructor(message: string, code = "bad_input") {
    super(400, code, message);
  }
}
export class Unauthorized extends AppError {
  constructor(message = "Sign in or send an API token.", code = "unauthorized") {
    super(401, code, message);
  }
}
export class Forbidden extends AppError {
  constructor(message: string, code = "forbidden") {
    super(403, code, message);
  }
}
export class NotFound extends AppError {
  constructor(message: string, code = "not_found") {
    super(404, code, message);
  }
}
export class Conflict extends AppError {
  constructor(message: string, code = "conflict") {
    super(409, code, message);
  }
}
