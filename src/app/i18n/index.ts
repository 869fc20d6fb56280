// t(key) for the current language; components call useT() so a language switch re-renders them.
import { en, type MessageKey } from './en';
import { zh } from './zh';
import { useUi } from '../state/ui';

export type Lang = 'en' | 'zh-CN';
export type { MessageKey };

export function translate(lang: Lang, key: MessageKey): string {
  return (lang === 'zh-CN' ? zh[key] : en[key]) ?? key;
}

export function useT(): (key: MessageKey) => string {
  const lang = useUi((s) => s.lang);
  return (key) => translate(lang, key);
}

/** For text that exists in both languages in data (scenario narration). */
export function pick(lang: Lang, text: { en: string; zh: string } | undefined): string {
  if (!text) return '';
  return lang === 'zh-CN' ? text.zh || text.en : text.en || text.zh;
}
