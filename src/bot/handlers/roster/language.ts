import type { Language } from '../../../dialogs/answers/index.ts';

/** The roster texts know two languages; a person's other setting falls back to Chinese. */
export const languageOf = (lang: string): Language => (lang === 'en' ? 'en' : 'zh-CN');
