/**
 * Files that came in with a message, fetched from the platform when a job asks for them. A file
 * is never read past the limit it is given: a platform that knows the size is refused before
 * anything is downloaded, and a download stops as soon as it grows past the limit.
 */

/** The file is larger than the reader was allowed to take. */
export class FileTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the file is larger than ${limitBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/**
 * This process cannot read the file, another one can (WeChat's files are read through the
 * process that holds the login): the work is tried again without counting it as a failure.
 */
export class ReadElsewhereError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadElsewhereError';
  }
}

/** Throws FileTooLargeError when a size the platform told is over the limit. */
export function checkToldSize(size: number | undefined | null, limitBytes: number): void {
  if (typeof size === 'number' && size > limitBytes) throw new FileTooLargeError(limitBytes);
}

/** Reads a stream of chunks (a web ReadableStream or a Node stream) up to the limit. */
export async function readAtMost(chunks: AsyncIterable<Uint8Array | string>, limitBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    const part = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    total += part.length;
    if (total > limitBytes) throw new FileTooLargeError(limitBytes);
    parts.push(part);
  }
  const whole = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}
