/**
 * Lines typed into a terminal, as the messages a person means: a list pasted into the terminal
 * arrives as many lines within a few milliseconds, and is one message, as a paste into a chat
 * app is; lines typed by hand, each ended with Enter, are one message each.
 */

/** Lines closer together than this came from one paste: nobody presses Enter twice this fast. */
export const pasteGapMs = 40;

const quiet = (ms: number) =>
  new Promise<undefined>((resolve) => {
    setTimeout(() => resolve(undefined), ms).unref();
  });

export async function* pastedMessages(lines: AsyncIterable<string>, gapMs = pasteGapMs): AsyncGenerator<string> {
  const iterator = lines[Symbol.asyncIterator]();
  let pending = iterator.next();
  for (;;) {
    const first = await pending;
    if (first.done) return;
    const group = [first.value];
    for (;;) {
      pending = iterator.next();
      // The line still on its way is kept in `pending`: it starts the next message.
      const next = await Promise.race([pending, quiet(gapMs)]);
      if (next === undefined) break;
      if (next.done) {
        yield group.join('\n');
        return;
      }
      group.push(next.value);
    }
    yield group.join('\n');
  }
}
