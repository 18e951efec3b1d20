/** Chat models for tests: canned answers, and a record of every prompt, so that a test can see what would leave the machine. */

import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import type { RosterModel } from '../../../src/dialogs/roster/model.ts';

export class RecordingChatModel extends FakeListChatModel {
  readonly prompts: BaseMessage[][] = [];

  override async _generate(messages: BaseMessage[], options?: this['ParsedCallOptions'], runManager?: CallbackManagerForLLMRun): Promise<ChatResult> {
    this.prompts.push(messages);
    return super._generate(messages, options, runManager);
  }

  /** Everything that was sent, as one text. */
  sentText(): string {
    return this.prompts.flat().map((message) => (typeof message.content === 'string' ? message.content : JSON.stringify(message.content))).join('\n');
  }
}

/** A roster model that answers with these texts, one per call, and records what it was asked. */
export function fakeRosterModel(...responses: string[]): RosterModel & { chat: RecordingChatModel } {
  return { chat: new RecordingChatModel({ responses }), method: 'jsonMode' };
}

export const rowsAnswer = (rows: readonly Record<string, unknown>[]): string =>
  JSON.stringify({
    rows: rows.map((row) => ({ name: null, idNumber: null, phone: null, room: null, moveIn: null, action: null, ...row })),
  });
