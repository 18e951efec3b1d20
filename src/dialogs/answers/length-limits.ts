/**
 * How long an answer of each kind may be, and why: a room or a place is a few words, a name at most
 * twenty letters; anything longer is something else pasted by mistake.
 */
export const MAX_LENGTH = {
  room: 60,
  place: 60,
  contact: 60,
  text: 500,
} as const;
