// Errors from the Go side arrive as the rejection of a binding's promise.
// The facade encodes them as JSON {code, message, fields}; anything else is
// shown as a plain message.
import { m } from '../paraglide/messages';

export interface FieldError {
  field: string;
  message: string;
  row?: number;
  value?: string;
}

export class AppError extends Error {
  code: string;
  fields: FieldError[];
  constructor(code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.code = code;
    this.fields = fields;
  }
  /** The message for one field, if the backend rejected it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

/** Turns whatever a binding rejected with into an AppError. */
export function toAppError(reason: unknown): AppError {
  if (reason instanceof AppError) return reason;
  const text = typeof reason === 'string' ? reason : reason instanceof Error ? reason.message : String(reason);
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && typeof parsed.message === 'string') {
      return new AppError(parsed.code ?? 'internal', parsed.message, Array.isArray(parsed.fields) ? parsed.fields : []);
    }
  } catch {
    /* not JSON: a plain message */
  }
  return new AppError('internal', text || m.shell_error_unknown());
}

/** Awaits a binding call and rethrows its failure as an AppError. */
export async function call<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw toAppError(e);
  }
}
