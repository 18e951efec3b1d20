/** A chat model for tests of the free-text fallback: it answers as scripted, one step per call, and records every prompt. */

import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import type { RosterModel } from '../../../src/dialogs/roster/model.ts';

/** A model that never answers: the caller's time limit has to end the wait. */
export const NEVER = Symbol('never answers');

/** A step may be an answer that comes later: the test decides when the model answers. */
export type ScriptStep = string | Error | typeof NEVER | Promise<string>;

export class ScriptedChatModel extends FakeListChatModel {
  readonly prompts: BaseMessage[][] = [];
  private readonly script: ScriptStep[] = [];

  constructor() {
    super({ responses: [''] });
  }

  /** What the next calls answer, in order; a call with nothing scripted fails as a broken model would. */
  answerWith(...steps: ScriptStep[]): this {
    this.script.push(...steps);
    return this;
  }

  override async _generate(messages: BaseMessage[], options?: this['ParsedCallOptions'], runManager?: CallbackManagerForLLMRun): Promise<ChatResult> {
    this.prompts.push(messages);
    const next = this.script.shift();
    const step = next instanceof Promise ? await next : next;
    if (step === undefined) throw new Error('the model is unavailable');
    if (step instanceof Error) throw step;
    if (step === NEVER) return new Promise<ChatResult>(() => undefined);
    this.responses = [step];
    this.i = 0;
    return super._generate(messages, options, runManager);
  }

  /** Everything that was sent, as one text. */
  sentText(): string {
    return this.prompts
      .flat()
      .map((message) => (typeof message.content === 'string' ? message.content : JSON.stringify(message.content)))
      .join('\n');
  }
}

export function scriptedModel(...steps: ScriptStep[]): RosterModel & { chat: ScriptedChatModel } {
  return { chat: new ScriptedChatModel().answerWith(...steps), method: 'jsonMode' };
}

type Answer = { question: string; phrases?: string[]; answer?: 'yes' | 'no' | null };

/** The model's JSON for these answers. */
export const answersJson = (...answers: Answer[]): string =>
  JSON.stringify({ answers: answers.map((a) => ({ phrases: [], answer: null, ...a })) });
