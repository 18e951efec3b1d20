import { pinyin } from 'pinyin-pro';
import { normalize } from '../answers/index.ts';

/**
 * How a name sounds, to find 章伟 from 张伟 and 王莉 from 王丽: its pinyin without tones, read the
 * same from simplified and traditional characters (張偉 is zhang wei too), and a looser form in
 * which the sounds that southern speakers and hurried typists merge are one (zh/z, ch/c, sh/s,
 * -ng/-n, n/l).
 */

const HAN = /\p{Script=Han}/u;

export interface NameSound {
  /** The syllables: ['zhang', 'wei']. */
  syllables: string[];
  /** All of them, loosely: 'zanwei'. */
  loose: string;
  /** The surname's syllable, loosely: 'zan'. */
  surname: string;
}

/** zh/ch/sh as z/c/s, -ng as -n, n as l: applied alike to what is stored and what is searched. */
export const loosely = (letters: string): string =>
  letters.toLowerCase().replace(/[^a-z]/g, '').replace(/([zcs])h/g, '$1').replace(/ng/g, 'n').replace(/n/g, 'l');

/**
 * Names repeat (a registry of a million rows has a few thousand different ones) and pinyin is the
 * slow part of indexing them: each name's sound is worked out once. Bounded, as a process reads
 * any number of names over its life.
 */
const sounds = new Map<string, NameSound | null>();
const soundsKept = 200_000;

export function nameSound(name: string): NameSound | null {
  const known = sounds.get(name);
  if (known !== undefined || sounds.has(name)) return known ?? null;
  const sound = soundOf(name);
  if (sounds.size >= soundsKept) sounds.clear();
  sounds.set(name, sound);
  return sound;
}

function soundOf(name: string): NameSound | null {
  const text = normalize(name);
  if (text === '') return null;
  const syllables = HAN.test(text)
    ? pinyin(text.replace(/[^\p{Script=Han}]/gu, ''), { toneType: 'none', type: 'array', mode: 'surname', v: true })
    : text.toLowerCase().split(/[\s\-']+/).filter((word) => /^[a-z]+$/.test(word));
  const first = syllables[0];
  if (first === undefined) return null;
  return { syllables, loose: loosely(syllables.join('')), surname: loosely(first) };
}
