import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type { MessageKey };
export const languages = ['zh-CN', 'en'] as const;
export type Lang = (typeof languages)[number];

const catalogues: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function isLang(value: string): value is Lang {
  return (languages as readonly string[]).includes(value);
}

/** The text of `key` in `lang`, with {placeholders} filled in. */
export function t(lang: string, key: MessageKey, params: Record<string, string | number> = {}): string {
  const catalogue = isLang(lang) ? catalogues[lang] : catalogues['zh-CN'];
  return catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
