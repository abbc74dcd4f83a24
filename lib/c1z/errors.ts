// The one error the .c1z reader throws. `kind` lets callers (CLI, import job, UI) react without
// parsing messages; `message` is written for the person who handed in the file.

export type C1zErrorKind = "unsupported_version" | "corrupt" | "too_large" | "unfinished" | "empty";

export class C1zError extends Error {
  constructor(
    readonly kind: C1zErrorKind,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "C1zError";
  }
}

export function describeCause(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
