/** What went wrong, as words: an Error's message, or whatever else was thrown. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
