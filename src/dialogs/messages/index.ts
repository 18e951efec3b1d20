import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type { MessageKey };
export const languages = ['zh-CN', 'en'] as const;
export type Lang = (typeof languages)[number];

const catalogues: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function isLang(value: string): value is Lang {
  return (languages as readonly string[]).includes(value);
}

/** `{count|shop|shops}`: the number and the word that agrees with it (1 shop, 2 shops). */
const plural = /\{(\w+)\|([^|}]*)\|([^}]*)\}/g;

/** The text of `key` in `lang`, with {placeholders} filled in, and {n|one|other} plurals agreeing with n. */
export function t(lang: string, key: MessageKey, params: Record<string, string | number> = {}): string {
  const catalogue = isLang(lang) ? catalogues[lang] : catalogues['zh-CN'];
  return catalogue[key]
    .replace(plural, (whole, name: string, one: string, other: string) =>
      name in params ? `${params[name]} ${Number(params[name]) === 1 ? one : other}` : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
